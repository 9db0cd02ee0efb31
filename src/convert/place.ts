// The converted manifest, and for each of its nodes the compose node it came from. hitch checks the
// output as `hitch validate` would; its problems are then told where the user fixes them: in the
// compose file, or in the file a service extends (check.ts). Converters leave a list entry out as DROP,
// so later entries keep their origin.
import { keyPos, parentPointer, pointer, setOwn, valuePos, type Path, type Tree } from '../manifest/tree.js';

/** A list entry (or a key's whole value) that convert leaves out; place() removes it. */
export const DROP: unique symbol = Symbol('dropped by hitch convert');

/** Where a compose value was written: a node of the compose file, or of a file a service `extends`. */
export interface Origin {
  tree: Tree;
  path: Path;
}

/** Output pointer → the compose node its value came from. */
export type Origins = Map<string, Origin>;

/** Where each node below a value came from, by its path below it (`[]`: the value itself). */
export type Source = (below: Path) => Origin;

/** The Source of the value at `path` of `tree`, where every node below is written below it. */
export function within(tree: Tree, path: Path): Source {
  return (below) => ({ tree, path: [...path, ...below] });
}

// Far more than any manifest needs (services.web.build.args.KEY is five), and far below what hitch's
// reader refuses (MAX_NESTING, 64): format 1's services go one level down, under `services:`.
const MAX_DEPTH = 32;

/** A compose value nested deeper than a manifest may be; `from` is where it starts. */
export class TooDeep extends Error {
  constructor(readonly from: Origin) {
    super(`nested more than ${MAX_DEPTH} levels deep; a hitch manifest needs only a few`);
  }
}

/**
 * `value` without DROP, recording for it and each node below it where it came from (`from`). An integer
 * too large for a JavaScript number is written as the compose file spelled it (its tree's
 * `numberSources`), as the loader keeps it, rather than rounded.
 */
export function place(value: unknown, from: Source, to: Path, origins: Origins): unknown {
  const walk = (v: unknown, below: Path, at: Path): unknown => {
    const origin = from(below);
    if (at.length > MAX_DEPTH) throw new TooDeep(origin);
    origins.set(pointer(at), origin);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      v.forEach((item, i) => {
        if (item !== DROP) out.push(walk(item, [...below, i], [...at, out.length]));
      });
      return out;
    }
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        if (item !== DROP) setOwn(out, k, walk(item, [...below, k], [...at, k]));
      }
      return out;
    }
    if (typeof v === 'number' && !Number.isSafeInteger(v)) return origin.tree.numberSources.get(pointer(origin.path)) ?? v;
    return v;
  };
  return walk(value, [], to);
}

/** Moves every position of `output` (the tree read back from convert's text) to where it came from. */
export function relocate(output: Tree, compose: Tree, origins: Origins): void {
  const originOf = (ptr: string): Origin => {
    for (let p = ptr; ; p = parentPointer(p)) {
      const from = origins.get(p);
      if (from || p === '') return from ?? { tree: compose, path: [] };
    }
  };
  output.file = compose.file;
  for (const ptr of output.values.keys()) {
    const { tree, path } = originOf(ptr);
    output.values.set(ptr, valuePos(tree, path));
  }
  for (const ptr of output.keys.keys()) {
    const { tree, path } = originOf(ptr);
    output.keys.set(ptr, keyPos(tree, path));
  }
}
