// The converted manifest, and for each of its nodes the compose node it came from. hitch checks the
// output as `hitch validate` would; its problems are then told where the user fixes them: in the
// compose file (check.ts). Converters leave a list entry out as DROP, so later entries keep their origin.
import { keyPos, parentPointer, pointer, setOwn, valuePos, type Path, type Tree } from '../manifest/tree.js';

/** A list entry (or a key's whole value) that convert leaves out; place() removes it. */
export const DROP: unique symbol = Symbol('dropped by hitch convert');

/** Output pointer → the compose path its value came from. */
export type Origins = Map<string, Path>;

// Far more than any manifest needs (services.web.build.args.KEY is five), and far below what hitch's
// reader refuses (MAX_NESTING, 64): format 1's services go one level down, under `services:`.
const MAX_DEPTH = 32;

/** A compose value nested deeper than a manifest may be; `from` is where it starts. */
export class TooDeep extends Error {
  constructor(readonly from: Path) {
    super(`nested more than ${MAX_DEPTH} levels deep; a hitch manifest needs only a few`);
  }
}

/**
 * `value` without DROP, recording for it and each node below it that it came from `from`. An integer
 * too large for a JavaScript number is written as the compose file spelled it (`numberSources`), as the
 * loader keeps it, rather than rounded.
 */
export function place(value: unknown, from: Path, to: Path, origins: Origins, numberSources: ReadonlyMap<string, string>): unknown {
  if (to.length > MAX_DEPTH) throw new TooDeep(from);
  origins.set(pointer(to), from);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    value.forEach((v, i) => {
      if (v !== DROP) out.push(place(v, [...from, i], [...to, out.length], origins, numberSources));
    });
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== DROP) setOwn(out, k, place(v, [...from, k], [...to, k], origins, numberSources));
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) return numberSources.get(pointer(from)) ?? value;
  return value;
}

/** Moves every position of `output` (the tree read back from convert's text) to where it came from in `compose`. */
export function relocate(output: Tree, compose: Tree, origins: Origins): void {
  const originOf = (ptr: string): Path => {
    for (let p = ptr; ; p = parentPointer(p)) {
      const from = origins.get(p);
      if (from || p === '') return from ?? [];
    }
  };
  output.file = compose.file;
  for (const ptr of output.values.keys()) output.values.set(ptr, valuePos(compose, originOf(ptr)));
  for (const ptr of output.keys.keys()) output.keys.set(ptr, keyPos(compose, originOf(ptr)));
}
