// compose's merge of an extended service (the base) with the service that extends it (the local one),
// as compose-go merges them (override/merge.go, then uncity.go's unique keys): mappings merge key by key,
// lists append, and a scalar of the local service wins. Exceptions, on the fields convert reads:
// `command`, `entrypoint` and `healthcheck.test` are replaced, not appended; `environment`, `labels`
// and `build.args` merge by variable name; `volumes` are one per target, `ports` one per
// published port (merge-ports.ts), `env_file` one per path, `expose` and `links` one per value, a
// later entry taking an earlier one's place; `build: DIR` is `{context: DIR}`; `depends_on` merges as a
// mapping. Each merged node keeps where it was written (Source), in whichever file that was.
import { dependencies } from '../manifest/depends-on.js';
import { keyValue } from '../manifest/environment.js';
import { setOwn } from '../manifest/tree.js';
import { asText, isObj, type Obj, type Value } from './fields.js';
import { mergePorts } from './merge-ports.js';
import type { Source } from './place.js';
import { shortMount } from './short-mount.js';
import { child, entriesOf, listOf, madeOf, onePerKey, type Sourced } from './sourced.js';

type Merge = (base: Sourced, local: Sourced) => Sourced;

/** Base's keys in their order, then the local service's new ones; a key in both is `both(key, …)`. */
function mergeMappings(base: Sourced, local: Sourced, both: (key: string, base: Sourced, local: Sourced) => Sourced): Sourced {
  const value: Obj = {};
  const parts = new Map<string, Source>();
  const put = (key: string, s: Sourced) => {
    setOwn(value, key, s.value);
    parts.set(key, s.from);
  };
  for (const key of Object.keys(base.value as Obj)) put(key, child(base, key));
  for (const key of Object.keys(local.value as Obj)) put(key, Object.hasOwn(value, key) ? both(key, child(base, key), child(local, key)) : child(local, key));
  return { value, from: madeOf(local.from, (key) => parts.get(String(key))) };
}

/** compose's default: mappings merge, lists append, anything else is replaced; a local null keeps the base. */
function mergeAny(base: Sourced, local: Sourced): Sourced {
  if (local.value === null || local.value === undefined) return base;
  if (isObj(base.value) && isObj(local.value)) return mergeMappings(base, local, (_, b, l) => mergeAny(b, l));
  if (Array.isArray(base.value) && Array.isArray(local.value)) return appended(base, local);
  return local;
}

/** The base's entries, then the local ones; an entry whose `key` an earlier one has takes its place. */
function appended(base: Sourced, local: Sourced, key?: (entry: Value) => string): Sourced {
  if (!Array.isArray(base.value) || !Array.isArray(local.value)) return mergeAny(base, local);
  return listOf(onePerKey(entriesOf(base, local), (entry) => key?.(entry.value)), local.from);
}

/** A list as compose's convertIntoSequence makes one: a mapping's entries as KEY=VALUE (KEY alone for null), a string as one entry. */
function asList(s: Sourced): Sourced {
  if (Array.isArray(s.value)) return s;
  if (typeof s.value === 'string') return { value: [s.value], from: madeOf(s.from, () => s.from) };
  const o = isObj(s.value) ? s.value : {};
  const keys = Object.keys(o);
  return { value: keys.map((k) => (o[k] === null ? k : `${k}=${asText(o[k]!)}`)), from: madeOf(s.from, (i) => child(s, keys[Number(i)]!).from) };
}

const variableName = (entry: Value) => (typeof entry === 'string' ? keyValue(entry)[0] : asText(entry));

/** environment, labels, build.args: by variable name, the local value winning (a mapping stays one). */
function keyValues(base: Sourced, local: Sourced): Sourced {
  if (isObj(base.value) && isObj(local.value)) return mergeMappings(base, local, (_, __, l) => l);
  return appended(asList(base), asList(local), variableName);
}

/** `build: DIR` is `{context: DIR}`, whose context was written where DIR was. */
function asBuild(s: Sourced): Sourced {
  return typeof s.value === 'string' ? { value: { context: s.value }, from: madeOf(s.from, () => s.from) } : s;
}

function build(base: Sourced, local: Sourced): Sourced {
  const [b, l] = [asBuild(base), asBuild(local)];
  if (!isObj(b.value) || !isObj(l.value)) return mergeAny(base, local);
  return mergeMappings(b, l, (key, x, y) => (key === 'args' || key === 'labels' ? keyValues(x, y) : mergeAny(x, y)));
}

/** A list of services is the mapping compose makes of it: each started, and required. */
function asDependencies(s: Sourced): Sourced {
  if (!Array.isArray(s.value)) return s;
  const entries = dependencies(s.value);
  const value: Obj = {};
  for (const { service, options } of entries) setOwn<Value>(value, service, options);
  const at = (key: string | number) => entries.find(({ service }) => service === key)?.at;
  return { value, from: madeOf(s.from, (key) => (at(key) === undefined ? undefined : child(s, at(key)!).from)) };
}

function dependsOn(base: Sourced, local: Sourced): Sourced {
  const [b, l] = [asDependencies(base), asDependencies(local)];
  return isObj(b.value) && isObj(l.value) ? mergeMappings(b, l, (_, x, y) => mergeAny(x, y)) : mergeAny(base, local);
}

/** A mount's target: the second part of `src:dst[:mode]`, or the only one of an anonymous volume. */
function volumeTarget(entry: Value): string {
  return isObj(entry) ? asText(entry.target ?? null) : shortMount(asText(entry)).target;
}

const envFilePath = (entry: Value) => asText(isObj(entry) ? (entry.path ?? null) : entry);
const replaced: Merge = (_, local) => local;

const FIELDS = new Map<string, Merge>([
  ['command', replaced],
  ['entrypoint', replaced],
  ['healthcheck', (b, l) => (isObj(b.value) && isObj(l.value) ? mergeMappings(b, l, (key, x, y) => (key === 'test' ? y : mergeAny(x, y))) : mergeAny(b, l))],
  ['environment', keyValues],
  ['labels', keyValues],
  ['build', build],
  ['depends_on', dependsOn],
  ['env_file', (b, l) => appended(asList(b), asList(l), envFilePath)],
  ['volumes', (b, l) => appended(b, l, volumeTarget)],
  ['ports', (b, l) => (Array.isArray(b.value) && Array.isArray(l.value) ? mergePorts(b, l) : mergeAny(b, l))],
  ['expose', (b, l) => appended(b, l, String)],
  ['links', (b, l) => appended(asList(b), asList(l), String)],
]);

/** `local` (without its `extends`) merged onto `base`, as compose merges an extending service onto the one it extends. */
export function extendService(base: Sourced, local: Sourced): Sourced {
  const merged = mergeMappings(base, local, (key, b, l) => (l.value === null ? b : (FIELDS.get(key) ?? mergeAny)(b, l)));
  const { extends: _, ...value } = merged.value as Obj;
  return { value, from: merged.from };
}

