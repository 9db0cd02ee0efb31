// One compose service → one hitch service: copy what hitch reads with compose's meaning, convert
// what it spells differently, and drop the rest with the reason (DESIGN: start order comes from links).
// Keys are looked up in Maps and Sets, never on plain objects: `valueOf` or `__proto__` is a key like any other.
import { DEPENDS_ON_WHY, dropReason, SERVICE_KEYS } from '../manifest/compose-keys.js';
import { printable } from '../manifest/problems.js';
import type { Lookup } from '../manifest/template.js';
import { build, dependencies, envFile, healthcheck, isObj, linkTargets, ports, volumes, type Drop, type Obj, type Value } from './fields.js';
import { namedVolumes } from './layout.js';
import { expanded } from './variables.js';

/** Fields hitch accepts with compose's meaning (DESIGN.md, "The manifest"). */
const COPY = new Set([
  'image', 'command', 'entrypoint', 'environment', 'container_name', 'hostname', 'user', 'working_dir',
  'labels', 'restart', 'stop_signal', 'stop_grace_period', 'tty', 'expose', 'links', 'external_links',
]);

const CONVERT = new Map<string, (value: Value, drop: Drop) => Value>([
  ['build', build], ['env_file', envFile], ['ports', ports], ['volumes', volumes], ['healthcheck', healthcheck],
]);

/** Reports a problem at a field of the service: "network_mode is dropped: why". */
export type Note = (field: string, message: string) => void;

export interface ServiceContext {
  lookup: Lookup; // the variables hitch will interpolate with, to compare links with depends_on
  v1: boolean; // compose file format 1 (layout.ts)
}

function dependsOn(name: string, svc: Obj, drop: Drop, lookup: Lookup): void {
  const linked = linkTargets(svc.links, lookup);
  for (const [dep, condition] of dependencies(svc.depends_on)) {
    const target = expanded(dep, lookup) ?? dep;
    if (!linked.includes(target)) {
      drop(`depends_on: ${printable(dep)}`, `${DEPENDS_ON_WHY}: add ${JSON.stringify(target)} to links if ${printable(name)} connects to it`);
    } else if (condition === 'service_completed_successfully') {
      drop(`depends_on: ${printable(dep)}`, `hitch waits for ${printable(target)} to be ready (healthy, or accepting connections on its exposed ports), not for it to exit`);
    }
  }
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
    const dropHere: Drop = (k, why) => note(key, `${k} is dropped: ${why}`);
    const convert = CONVERT.get(key);
    if (COPY.has(key)) out[key] = value;
    else if (convert) out[key] = convert(value, dropHere);
    else if (key === 'depends_on') dependsOn(name, svc, dropHere, ctx.lookup);
    else if (key === 'dockerfile' && ctx.v1) continue; // format 1's: joins build, below
    else if (!key.startsWith('x-')) dropHere(printable(key), dropReason(SERVICE_KEYS, key));
    // x-* fields are compose's anchors' homes: their values are already merged where they were used.
  }
  if (ctx.v1 && Object.hasOwn(svc, 'dockerfile')) withDockerfile(out, svc.dockerfile, (k, why) => note('dockerfile', `${k} is dropped: ${why}`));
  if (ctx.v1) namedVolumes(svc.volumes, (why) => note('volumes', why));
  return out;
}
