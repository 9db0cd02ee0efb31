// compose's values that hitch spells differently or accepts only in part: each converter returns what
// hitch keeps and says what it leaves out. Values are compose's after YAML parsing (merge keys applied).

export type Value = unknown;
export type Obj = Record<string, Value>;
export type Drop = (key: string, why: string) => void;

export function isObj(v: Value): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keeps `keep` keys of a mapping in their order; every other key is reported as `<prefix>.<key>`. */
function only(value: Obj, keep: string[], prefix: string, drop: Drop, why: string): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (keep.includes(k)) out[k] = v;
    else drop(`${prefix}.${k}`, why);
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
  const items = Array.isArray(value) ? value : [value];
  const paths = items.map((item) => {
    if (!isObj(item)) return item;
    if (item.required === false) drop('env_file.required', `hitch needs ${String(item.path)} to exist`);
    if (item.format !== undefined) drop('env_file.format', 'hitch reads KEY=VALUE lines');
    return item.path;
  });
  return Array.isArray(value) ? paths : paths[0];
}

export function ports(value: Value, drop: Drop): Value {
  if (!Array.isArray(value)) return value;
  return value.map((p) => (isObj(p) ? only(p, ['target', 'published', 'host_ip', 'protocol'], 'ports', drop, 'swarm and naming options have no meaning for hitch') : p));
}

const VOLUME_MODES = new Set(['ro', 'rw']);

/** One short-form mount: `src:dst[:mode]`; modes other than ro/rw (z, Z, cached, nocopy) are dropped. */
function shortVolume(v: string, drop: Drop): string | undefined {
  const [source, target, mode] = v.split(':');
  if (target === undefined) {
    drop(`volumes: ${v}`, `hitch has no anonymous volumes; name it (e.g. "data:${source}") to keep its data`);
    return undefined;
  }
  const modes = (mode ?? '').split(',').filter(Boolean);
  const kept = modes.filter((m) => VOLUME_MODES.has(m));
  const dropped = modes.filter((m) => !VOLUME_MODES.has(m));
  if (dropped.length > 0) drop(`mount option ${dropped.join(',')} of ${v}`, 'hitch knows ro and rw');
  return [source, target, ...kept.slice(0, 1)].join(':');
}

function longVolume(v: Obj, drop: Drop): Obj | undefined {
  const why =
    v.type !== 'volume' && v.type !== 'bind'
      ? `hitch has no ${String(v.type)} mounts; use a named volume or a bind mount`
      : v.source === undefined
        ? 'hitch has no anonymous volumes; give it a source'
        : undefined;
  if (why) {
    drop(`volumes: ${String(v.target)}`, why);
    return undefined;
  }
  return only(v, ['type', 'source', 'target', 'read_only'], 'volumes', drop, 'hitch mounts with type, source, target and read_only only');
}

export function volumes(value: Value, drop: Drop): Value {
  if (!Array.isArray(value)) return value;
  return value.map((v) => (typeof v === 'string' ? shortVolume(v, drop) : isObj(v) ? longVolume(v, drop) : v)).filter((v) => v !== undefined);
}

export function healthcheck(value: Value, drop: Drop): Value {
  if (!isObj(value)) return value;
  return only(value, ['test', 'interval', 'timeout', 'start_period', 'retries', 'disable'], 'healthcheck', drop, 'not supported by hitch');
}

/** compose's `depends_on` as [service, condition] pairs, from its list or its mapping form. */
export function dependencies(value: Value): Array<[string, string]> {
  if (Array.isArray(value)) return value.map((s) => [String(s), 'service_started']);
  if (!isObj(value)) return [];
  return Object.entries(value).map(([s, v]) => [s, isObj(v) && typeof v.condition === 'string' ? v.condition : 'service_started']);
}

/** The services a `links:` value names: `db` and `db:alias` both link to db. */
export function linkTargets(value: Value): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.map((l) => String(l).split(':')[0]!);
}
