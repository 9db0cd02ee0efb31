// What the semantic and normalizing phases share: where things are, what already failed, and how to
// report. Phases read the tree through this, so each problem carries the offending node's position.
import type { PathKind } from './disk.js';
import type { SourcePos } from './model.js';
import type { Lookup } from './template.js';
import type { Report } from './problems.js';
import { keyPos, parentPointer, pointer, valuePos, type Path, type Tree } from './tree.js';

export interface Ctx {
  tree: Tree;
  report: Report;
  /** Pointers the schema already rejected: nothing under them is checked again (one message each). */
  failed: Set<string>;
  dir: string; // the manifest's folder; relative paths start here
  home: string; // what `~` means in a bind mount
  lookup: Lookup; // env then .env, for bare `KEY` entries
  readFile: (absPath: string) => Uint8Array | string | undefined;
  pathKind: (absPath: string) => PathKind;
}

export function at(ctx: Ctx, path: Path): SourcePos {
  return valuePos(ctx.tree, path);
}

export function fail(ctx: Ctx, path: Path, message: string): void {
  ctx.report.error(at(ctx, path), message);
}

/** For problems with a mapping key itself (a reserved label, an env key with "="). */
export function failAtKey(ctx: Ctx, path: Path, message: string): void {
  ctx.report.error(keyPos(ctx.tree, path), message);
}

/** False when the schema rejected this value or one of its ancestors. */
export function usable(ctx: Ctx, path: Path): boolean {
  if (ctx.failed.size === 0) return true; // a valid manifest: normalize asks this ~50 times per service
  for (let ptr = pointer(path); ; ptr = parentPointer(ptr)) {
    if (ctx.failed.has(ptr)) return false;
    if (ptr === '') return true;
  }
}

/** The value at `path` if it passed the schema, else undefined. */
export function get(ctx: Ctx, path: Path): unknown {
  if (!usable(ctx, path)) return undefined;
  let v: unknown = ctx.tree.root;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** A list of the entries of a string-or-list field, each with its own path for positions. */
export function entries(ctx: Ctx, path: Path): { value: unknown; path: Path }[] {
  const v = get(ctx, path);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return [{ value: v, path }];
  return v.map((value, i) => ({ value, path: [...path, i] })).filter((e) => usable(ctx, e.path));
}
