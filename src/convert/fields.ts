// compose's values that hitch spells differently or accepts only in part: each converter returns what
// hitch keeps and says what it leaves out. Values are compose's after YAML parsing (merge keys applied),
// with their variables unexpanded. A list entry left out is DROP, so the output keeps each entry's origin.
import { anonymousVolume, NO_ANONYMOUS_VOLUMES, OTHER_MOUNT_TYPES, otherMount, reason } from '../manifest/compose-keys.js';
import { printable } from '../manifest/problems.js';
import { didYouMean } from '../manifest/suggest.js';
import type { Path } from '../manifest/tree.js';
import { DROP } from './place.js';
import { shortMount } from './short-mount.js';
import { hasVariable, splitOutsideVariables } from './variables.js';

export type Value = unknown;
export type Obj = Record<string, Value>;
/** Reports what is left out: `key` names it, `at` is where it is written below the field (default: the field's key). */
export type Drop = (key: string, why: string, at?: Path) => void;

export function isObj(v: Value): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as a message shows it: strings as written (quoted when a control character would break the line). */
/**
 * A value as text, as String() gives it for a scalar; a mapping or list as JSON, which String() may not
 * give at all (a mapping with a `toString` key makes it throw).
 */
export function asText(v: Value): string {
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

export function shown(v: Value): string {
  return typeof v === 'string' ? printable(v) : (JSON.stringify(v) ?? String(v));
}

/**
 * Keeps `keep` keys of a mapping in their order; every other key is reported as `name(key)`, at that key
 * (`at` is the mapping's place below the field: a list entry's index).
 */
function only(value: Obj, keep: string[], name: (key: string) => string, drop: Drop, why: string, at: Path = []): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (keep.includes(k)) out[k] = v;
    else drop(name(printable(k)), why, [...at, k]);
  }
  return out;
}

export function build(value: Value, drop: Drop): Value {
  if (!isObj(value)) return value;
  const kept = only(value, ['context', 'dockerfile', 'args'], (k) => `build.${k}`, drop, 'hitch builds with context, dockerfile and args only');
  return { context: '.', ...kept }; // compose: the context defaults to the compose file's folder
}

/** A list whose every entry was left out (and named): the key goes too, rather than stay as `[]`. */
export function allDropped(list: Value[]): boolean {
  return list.length > 0 && list.every((v) => v === DROP);
}

/** A long-form port as messages name it: by its container port, as compose's `docker ps` shows it. */
function portName(p: Obj): string {
  return `${shown(p.target)}${p.protocol === undefined ? '' : `/${shown(p.protocol)}`}`;
}

export function ports(value: Value, drop: Drop): Value {
  if (!Array.isArray(value)) return value;
  const keep = ['target', 'published', 'host_ip', 'protocol'];
  const why = 'swarm and naming options have no meaning for hitch';
  return value.map((p, i) => (isObj(p) ? only(p, keep, (k) => `ports.${k} of port ${portName(p)}`, drop, why, [i]) : p));
}

const VOLUME_MODES = new Set(['ro', 'rw']);

/**
 * One short-form mount: `src:dst[:mode]`; modes other than ro/rw (z, Z, cached, nocopy) are dropped.
 * A mode that is a variable stays: only hitch knows its value. Any other shape stays as written, for
 * the output's check to name.
 */
function shortVolume(v: string, drop: Drop, at: Path): Value {
  const { source, target, mode, more } = shortMount(v);
  if (source === undefined && hasVariable(v)) return v; // `${VOL:-data:/data}`: what it is, only hitch knows
  if (source === undefined) {
    drop(`volumes: ${printable(v)}`, reason(anonymousVolume(target)), at);
    return DROP;
  }
  if (mode === undefined || more) return v;
  const modes = splitOutsideVariables(mode, ',').filter(Boolean);
  const kept = modes.filter((m) => VOLUME_MODES.has(m) || hasVariable(m));
  const dropped = modes.filter((m) => !kept.includes(m));
  if (dropped.length > 0) drop(`mount option ${printable(dropped.join(','))} of ${printable(v)}`, 'hitch knows ro and rw', at);
  return [source, target, ...(kept.length > 0 ? [kept.join(',')] : [])].join(':');
}

/** Why hitch cannot mount a long-form volume, or undefined when it can. */
function unmountable(v: Obj): string | undefined {
  if (v.type === undefined) return 'a long-form mount needs a type: volume or bind';
  if (typeof v.type === 'string' && OTHER_MOUNT_TYPES.has(v.type)) return reason(otherMount(v.type, v.target));
  if (v.type !== 'volume' && v.type !== 'bind') return `${shown(v.type)} is no mount type; use volume or bind${didYouMean(v.type, ['volume', 'bind'])}`;
  return v.source === undefined ? `${NO_ANONYMOUS_VOLUMES}; give it a source` : undefined;
}

function longVolume(v: Obj, drop: Drop, at: Path): Value {
  const why = unmountable(v);
  if (why) {
    drop(`volumes: ${shown(v.target)}`, why, at);
    return DROP;
  }
  const keep = ['type', 'source', 'target', 'read_only'];
  return only(v, keep, (k) => `volumes.${k} of the mount at ${shown(v.target)}`, drop, 'hitch mounts with type, source, target and read_only only', at);
}

export function volumes(value: Value, drop: Drop): Value {
  if (!Array.isArray(value)) return value;
  const mounts = value.map((v, i) => (typeof v === 'string' ? shortVolume(v, drop, [i]) : isObj(v) ? longVolume(v, drop, [i]) : v));
  return allDropped(mounts) ? DROP : mounts;
}

export function healthcheck(value: Value, drop: Drop): Value {
  if (!isObj(value)) return value;
  return only(value, ['test', 'interval', 'timeout', 'start_period', 'retries', 'disable'], (k) => `healthcheck.${k}`, drop, 'not supported by hitch');
}
