// A service read from a file in another folder, its relative paths rewritten for this one. compose
// resolves a base's build context, env_files and bind mounts beside the file it is written in
// (compose-go: paths.ResolveRelativePaths on the extended file); hitch reads them beside the manifest,
// which convert writes beside the compose file.
import { isAbsolute, relative, resolve } from 'node:path';
import type { SourcePos } from '../manifest/model.js';
import { printable } from '../manifest/problems.js';
import { isRemoteContext } from '../manifest/remote-context.js';
import { keyPos, type Path } from '../manifest/tree.js';
import { isObj, type Obj, type Value } from './fields.js';
import type { Sourced } from './sourced.js';
import { shortMount } from './short-mount.js';
import { hasVariable } from './variables.js';

/** `path`, relative to the folder `from`, as seen from the folder `to`. */
function moved(path: string, from: string, to: string): string {
  const rel = relative(to, resolve(from, path));
  return rel === '' ? '.' : rel.startsWith('..') ? rel : `./${rel}`;
}

/** A mount with its bind source moved: `./x:/t` or `{type: bind, source: ./x}`; a named volume stays. */
function mount(v: Value, move: (path: string) => Value): Value {
  if (isObj(v)) return v.type === 'bind' && typeof v.source === 'string' ? { ...v, source: move(v.source) } : v;
  if (typeof v !== 'string') return v;
  const { source } = shortMount(v);
  return source !== undefined && /^[.$]/.test(source) ? `${String(move(source))}${v.slice(source.length)}` : v;
}

/** `base`, written in the folder `from`, with its relative paths as seen from `to`; a path with a variable stays, told. */
export function rebased(base: Sourced, from: string, to: string, warn: (pos: SourcePos, message: string) => void): Sourced {
  const svc = base.value as Obj;
  const move = (path: Value, below: Path): Value => {
    if (typeof path !== 'string' || isAbsolute(path) || path.startsWith('~') || isRemoteContext(path)) return path;
    if (!hasVariable(path)) return moved(path, from, to);
    const { tree, path: at } = base.from(below);
    warn(keyPos(tree, at), `${printable(path)} holds a variable, so convert leaves it as written: hitch reads it from the compose file's folder, where compose read it from ${printable(from)}`);
    return path;
  };
  const out: Obj = { ...svc };
  if (typeof svc.build === 'string') out.build = move(svc.build, ['build']);
  else if (isObj(svc.build)) out.build = { ...svc.build, context: move(svc.build.context ?? '.', ['build', 'context']) };
  if (svc.env_file !== undefined) {
    const entry = (e: Value, below: Path): Value => (isObj(e) ? { ...e, path: move(e.path, [...below, 'path']) } : move(e, below));
    out.env_file = Array.isArray(svc.env_file) ? svc.env_file.map((e, i) => entry(e, ['env_file', i])) : entry(svc.env_file, ['env_file']);
  }
  if (Array.isArray(svc.volumes)) out.volumes = svc.volumes.map((v, i) => mount(v, (p) => move(p, ['volumes', i])));
  return { value: out, from: base.from };
}
