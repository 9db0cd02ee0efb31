// The manifest as plain data plus where each value and key was written, addressed by JSON pointer
// (the same addressing ajv uses in `instancePath`), so every later phase can point at the source.
import type { SourcePos } from './model.js';

export type Path = readonly (string | number)[];

export interface Tree {
  file: string;
  root: unknown;
  values: Map<string, SourcePos>;
  keys: Map<string, SourcePos>;
  /**
   * How a number was written where its value cannot say it (12345678901234567890 is 12345678901234567000
   * to JavaScript), by pointer: environment and labels keep the digits and messages quote them.
   */
  numberSources: Map<string, string>;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function pointer(path: Path): string {
  let out = '';
  for (const s of path) {
    const seg = String(s);
    out += '/' + (seg.includes('~') || seg.includes('/') ? seg.replace(/~/g, '~0').replace(/\//g, '~1') : seg);
  }
  return out;
}

/** The pointer of the parent of the node at `ptr` (its segments hold no `/`: they are escaped). */
export function parentPointer(ptr: string): string {
  return ptr.slice(0, ptr.lastIndexOf('/'));
}

export function fromPointer(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Where the value at `path` was written; falls back to the nearest ancestor, then to 1:1. */
export function valuePos(tree: Tree, path: Path): SourcePos {
  for (let ptr = pointer(path); ; ptr = parentPointer(ptr)) {
    const pos = tree.values.get(ptr);
    if (pos) return pos;
    if (ptr === '') return { file: tree.file, line: 1, col: 1 };
  }
}

/** Where the key of the mapping entry at `path` was written (for "unknown key" and friends). */
export function keyPos(tree: Tree, path: Path): SourcePos {
  return tree.keys.get(pointer(path)) ?? valuePos(tree, path);
}

/** `services.web.ports[0]`: how messages name a place, like compose does; an odd key is quoted: `environment["A B"]`. */
export function dotted(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!/^[A-Za-z0-9_.<-]+$/.test(seg)) out += `[${JSON.stringify(seg)}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** "service "web"", "ports", "healthcheck.interval" or "the manifest": how a message names a place. */
export function subject(path: Path): string {
  if (path.length === 0) return 'the manifest';
  if (path[0] === 'services' && path.length === 2) return `service ${JSON.stringify(String(path[1]))}`;
  const inService = path[0] === 'services' && path.length > 2 ? path.slice(2) : path;
  const last = inService[inService.length - 1];
  if (typeof last === 'number') return `${dotted(inService.slice(0, -1))} entry`;
  return dotted(inService);
}

/** The value at `path` as text: a number as it was written (see Tree.numberSources), anything else by String(). */
export function scalarText(tree: Tree, path: Path, value: unknown): string {
  return (typeof value === 'number' && tree.numberSources.get(pointer(path))) || String(value);
}

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a YAML user calls a value's type: "mapping" and "list", not "object" and "array". */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'mapping';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v; // string, boolean
}

/** `o[key] = value` that makes `__proto__` an own key like any other, instead of replacing the prototype. */
export function setOwn<T>(o: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * Optional fields that are absent stay absent, so `toEqual` and config hashes see one shape. Copied
 * rather than deleted from: an object that lost a key turns slow in V8 for every later read of it.
 */
export function dropUndefined<T extends object>(o: T): T {
  const out = {} as T;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
