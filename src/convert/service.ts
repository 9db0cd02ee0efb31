// One compose service → one hitch service: copy what hitch reads with compose's meaning, convert
// what it spells differently, and drop the rest with the reason (DESIGN: start order comes from links).
// Keys are looked up in Maps and Sets, never on plain objects: `valueOf` or `__proto__` is a key like any other.
import { dropReason, SERVICE_KEYS } from '../manifest/compose-keys.js';
import { printable } from '../manifest/problems.js';
import type { Lookup } from '../manifest/template.js';
import type { Path } from '../manifest/tree.js';
import { envFile, type Missing } from './env-file.js';
import { dependsOn } from './depends-on.js';
import { build, healthcheck, isObj, ports, volumes, type Drop, type Obj, type Value } from './fields.js';
import { namedVolumes } from './named-volumes.js';

/** Fields hitch accepts with compose's meaning (DESIGN.md, "The manifest"). */
const COPY = new Set([
  'image', 'command', 'entrypoint', 'environment', 'container_name', 'hostname', 'user', 'working_dir',
  'labels', 'restart', 'stop_signal', 'stop_grace_period', 'tty', 'expose', 'links', 'external_links',
]);

const CONVERT = new Map<string, (value: Value, drop: Drop, ctx: ServiceContext) => Value>([
  ['build', build], ['env_file', (value, drop, ctx) => envFile(value, drop, ctx.missing)], ['ports', ports], ['volumes', volumes], ['healthcheck', healthcheck],
]);

/** Reports a problem at a place in the service (its field, or below it): "network_mode is dropped: why". */
export type Note = (at: Path, message: string) => void;

export interface ServiceContext {
  lookup: Lookup; // the variables hitch will interpolate with, to compare links with depends_on
  v1: boolean; // compose file format 1 (layout.ts)
  missing: Missing; // which env_files are not there, as `hitch validate` will look for them
}

/** Format 1's `dockerfile` beside `build: DIR` is the later formats' `build: {context, dockerfile}`. */
function withDockerfile(out: Obj, dockerfile: Value, drop: Drop): void {
  if (typeof out.build === 'string') out.build = { context: out.build, dockerfile };
  else if (isObj(out.build) && out.build.dockerfile === undefined) out.build = { ...out.build, dockerfile };
  else drop('dockerfile', out.build === undefined ? 'there is no build for it to name the Dockerfile of' : 'build.dockerfile names the Dockerfile already');
}

export function convertService(name: string, svc: Obj, note: Note, ctx: ServiceContext): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(svc)) {
    const dropHere: Drop = (k, why, at = []) => note([key, ...at], `${k} is dropped: ${why}`);
    const convert = CONVERT.get(key);
    if (COPY.has(key)) out[key] = value;
    else if (convert) out[key] = convert(value, dropHere, ctx);
    else if (key === 'depends_on') dependsOn(name, svc, dropHere, ctx.lookup);
    else if (key === 'dockerfile' && ctx.v1) continue; // format 1's: joins build, below
    else if (!key.startsWith('x-')) dropHere(printable(key), dropReason(SERVICE_KEYS, key));
    // x-* fields are compose's anchors' homes: their values are already merged where they were used.
  }
  if (ctx.v1 && Object.hasOwn(svc, 'dockerfile')) withDockerfile(out, svc.dockerfile, (k, why) => note(['dockerfile'], `${k} is dropped: ${why}`));
  if (ctx.v1) namedVolumes(svc.volumes, (i, why) => note(['volumes', i], why));
  return out;
}
