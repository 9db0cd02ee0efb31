// compose's values that hitch spells differently or accepts only in part: each converter returns what
// hitch keeps and says what it leaves out. Values are compose's after YAML parsing (merge keys applied),
// with their variables unexpanded. A list entry left out is DROP, so the output keeps each entry's origin.
import type { Lookup } from '../manifest/template.js';
import { anonymousVolume, NO_ANONYMOUS_VOLUMES, reason } from '../manifest/compose-keys.js';
import { printable } from '../manifest/problems.js';
import { DROP } from './place.js';
import { expanded, hasVariable, splitOutsideVariables } from './variables.js';

export type Value = unknown;
export type Obj = Record<string, Value>;
export type Drop = (key: string, why: string) => void;

export function isObj(v: Value): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a message shows it: strings as written (quoted when a control character would break the line). */
export function shown(v: Value): string {
  return typeof v === 'string' ? printable(v) : (JSON.stringify(v) ?? String(v));
}

/** Keeps `keep` keys of a mapping in their order; every other key is reported as `<prefix>.<key>`. */
function only(value: Obj, keep: string[], prefix: string, drop: Drop, why: string): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (keep.includes(k)) out[k] = v;
    else drop(`${prefix}.${printable(k)}`, why);
  }
  return out;
}

export function build(value: Value, drop: Drop): Value {
  if (!isObj(value)) return value;
  const kept = only(value, ['context', 'dockerfile', 'args'], 'build', drop, 'hitch builds with context, dockerfile and args only');
  return { context: '.', ...kept }; // compose: the context defaults to the compose file's folder
}

/** compose's long form `{path, required}` becomes the path; hitch reads every env_file it is given. */
export function envFile(value: Value, drop: Drop): Value {
  const paths = (Array.isArray(value) ? value : [value]).map((item) => envFilePath(item, drop));
  if (!Array.isArray(value)) return paths[0];
  return paths.length > 0 && paths.every((p) => p === DROP) ? DROP : paths; // each one dropped was named
}

function envFilePath(item: Value, drop: Drop): Value {
  const path = isObj(item) ? item.path : item;
  if (typeof path !== 'string') {
    drop(`env_file entry ${shown(item)}`, 'it names no file; give a path, or { path: … }');
    return DROP;
  }
  if (isObj(item) && item.required === false) drop('env_file.required', `hitch needs ${printable(path)} to exist`);
  if (isObj(item) && item.format !== undefined) drop('env_file.format', 'hitch reads KEY=VALUE lines');
  return path;
}

export function ports(value: Value, drop: Drop): Value {
  if (!Array.isArray(value)) return value;
  return value.map((p) => (isObj(p) ? only(p, ['target', 'published', 'host_ip', 'protocol'], 'ports', drop, 'swarm and naming options have no meaning for hitch') : p));
}

const VOLUME_MODES = new Set(['ro', 'rw']);

/**
 * One short-form mount: `src:dst[:mode]`; modes other than ro/rw (z, Z, cached, nocopy) are dropped.
 * A mode that is a variable stays: only hitch knows its value. Any other shape stays as written, for
 * the output's check to name.
 */
function shortVolume(v: string, drop: Drop): Value {
  const [source, target, mode, ...rest] = splitOutsideVariables(v, ':');
  if (target === undefined && hasVariable(v)) return v; // `${VOL:-data:/data}`: what it is, only hitch knows
  if (target === undefined) {
    drop(`volumes: ${printable(v)}`, reason(anonymousVolume(source!)));
    return DROP;
  }
  if (mode === undefined || rest.length > 0) return v;
  const modes = splitOutsideVariables(mode, ',').filter(Boolean);
  const kept = modes.filter((m) => VOLUME_MODES.has(m) || hasVariable(m));
  const dropped = modes.filter((m) => !kept.includes(m));
  if (dropped.length > 0) drop(`mount option ${printable(dropped.join(','))} of ${printable(v)}`, 'hitch knows ro and rw');
  return [source, target, ...(kept.length > 0 ? [kept.join(',')] : [])].join(':');
}

/** Why hitch cannot mount a long-form volume, or undefined when it can. */
function unmountable(v: Obj): string | undefined {
  if (v.type === undefined) return 'a long-form mount needs a type: volume or bind';
  if (v.type !== 'volume' && v.type !== 'bind') return `hitch has no ${shown(v.type)} mounts; use a named volume or a bind mount`;
  return v.source === undefined ? `${NO_ANONYMOUS_VOLUMES}; give it a source` : undefined;
}

function longVolume(v: Obj, drop: Drop): Value {
  const why = unmountable(v);
  if (why) {
    drop(`volumes: ${shown(v.target)}`, why);
    return DROP;
  }
  return only(v, ['type', 'source', 'target', 'read_only'], 'volumes', drop, 'hitch mounts with type, source, target and read_only only');
}

export function volumes(value: Value, drop: Drop): Value {
  if (!Array.isArray(value)) return value;
  return value.map((v) => (typeof v === 'string' ? shortVolume(v, drop) : isObj(v) ? longVolume(v, drop) : v));
}

export function healthcheck(value: Value, drop: Drop): Value {
  if (!isObj(value)) return value;
  return only(value, ['test', 'interval', 'timeout', 'start_period', 'retries', 'disable'], 'healthcheck', drop, 'not supported by hitch');
}

/** compose's `depends_on` as [service, condition] pairs, from its list or its mapping form. */
export function dependencies(value: Value): Array<[string, string]> {
  if (Array.isArray(value)) return value.map((s) => [typeof s === 'string' ? s : shown(s), 'service_started']);
  if (!isObj(value)) return [];
  return Object.entries(value).map(([s, v]) => [s, isObj(v) && typeof v.condition === 'string' ? v.condition : 'service_started']);
}

/**
 * The services a `links:` value names, read as hitch reads them, interpolated then split: `db`,
 * `db:alias` and `${DB:-db}:alias` all link to db (with DB unset). One that cannot be expanded is left out.
 */
export function linkTargets(value: Value, lookup: Lookup): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.flatMap((l) => expanded(String(l), lookup)?.split(':')[0] ?? []);
}
