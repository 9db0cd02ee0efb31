// Phase 1, fast path: the YAML most manifests are written in, read without the yaml package. Block
// mappings of plain keys, lists (block, or flow on one line) of scalars, plain and simply quoted
// scalars, comments. yaml reads 1000 services in ~250 ms, since it keeps a node per token and a source
// range per node; this reads them in ~30 ms. Anything else, and anything yaml would warn or fail about,
// returns undefined and parse.ts reads the text with yaml, so problems keep yaml's words and positions.
// test/unit/manifest/plain-yaml.test.ts checks that both give the same tree on thousands of texts.
import type { SourcePos } from './model.js';
import { flowList, indentOf, isItem } from './plain-line.js';
import { Outside, plain, quoted, trimSpaces } from './plain-scalar.js';
import { setOwn, type Tree } from './tree.js';

// Tabs, CR, control characters, BOM and Unicode line separators: yaml has rules for each, left to it.
const UNUSUAL = /[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\ud800-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Plain keys that need no escaping in a JSON pointer (no `~` or `/`), followed by `: ` or the line's end.
const KEY = /([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +|$)/y;
const MAX_DEPTH = 32; // far below yaml-document.ts's MAX_NESTING: deeper texts get its message

/** The tree of `text`, or undefined when it is not plain YAML (then yaml must read it). */
export function plainTree(text: string, file: string): Tree | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text, file).document();
  } catch (e) {
    if (e instanceof Outside) return undefined;
    throw e;
  }
}

class Reader {
  private readonly lines: string[];
  private readonly content: number[] = []; // lines that are neither blank nor comments
  private next = 0; // into content
  private readonly tree: Tree;

  constructor(text: string, private readonly file: string) {
    this.lines = text.split('\n');
    this.lines.forEach((line, n) => {
      const indent = indentOf(line);
      if (indent < line.length && line[indent] !== '#') this.content.push(n);
    });
    this.tree = { file, root: null, values: new Map(), keys: new Map(), numberSources: new Map() };
  }

  document(): Tree {
    if (this.content.length === 0 || this.indentAt(0) !== 0) throw new Outside();
    this.tree.root = this.mapping(0, '', 0);
    if (this.next < this.content.length) throw new Outside();
    return this.tree;
  }

  private pos(line: number, col: number): SourcePos {
    return { file: this.file, line: line + 1, col: col + 1 };
  }

  private indentAt(k: number): number {
    return k < this.content.length ? indentOf(this.lines[this.content[k]!]!) : -1;
  }

  /** The entries at `indent`, from the next line on; `ptr` is the mapping's JSON pointer. */
  private mapping(indent: number, ptr: string, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new Outside();
    const out: Record<string, unknown> = {};
    this.tree.values.set(ptr, this.pos(this.content[this.next]!, indent));
    while (this.next < this.content.length) {
      const n = this.content[this.next]!;
      const line = this.lines[n]!;
      const at = indentOf(line);
      if (at < indent) break;
      KEY.lastIndex = at;
      const m = at === indent ? KEY.exec(line) : null;
      if (!m) throw new Outside(); // deeper than its siblings, or not a `key:` line
      this.next++;
      const key = plain(m[1]!, false);
      const name = String(key ?? '');
      if (Object.hasOwn(out, name)) throw new Outside(); // yaml-walk.ts reports duplicates
      const child = `${ptr}/${name}`;
      const keyPos = this.pos(n, at);
      this.tree.keys.set(child, keyPos);
      const rest = at + m[0].length;
      const inline = rest < line.length && line[rest] !== '#';
      if (!inline) this.tree.values.set(child, keyPos); // an empty value points at its key, as in yaml-walk.ts
      const value = inline ? this.lineValue(n, rest, child, indent) : this.block(indent, child, depth);
      if (name === '__proto__') setOwn(out, name, value); // a key like any other, not the prototype
      else out[name] = value;
    }
    return out;
  }

  /** What follows `key:` on the next lines: a deeper mapping or list, a list at the key's own indent, or nothing. */
  private block(indent: number, ptr: string, depth: number): unknown {
    const at = this.indentAt(this.next);
    if (at < 0) return null;
    const line = this.lines[this.content[this.next]!]!;
    if (isItem(line, at) && at >= indent) return this.list(at, ptr, depth + 1);
    if (at > indent) return this.mapping(at, ptr, depth + 1);
    return null;
  }

  /** `- value` lines at `indent`; each value is on its item's line. */
  private list(indent: number, ptr: string, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw new Outside();
    const out: unknown[] = [];
    this.tree.values.set(ptr, this.pos(this.content[this.next]!, indent));
    while (this.indentAt(this.next) === indent) {
      const n = this.content[this.next]!;
      const line = this.lines[n]!;
      if (!isItem(line, indent)) break; // a key after a list at its key's own indent
      this.next++;
      const start = indentOf(line.slice(indent + 1)) + indent + 1;
      if (line[start] === '#') throw new Outside(); // an empty item
      out.push(this.lineValue(n, start, `${ptr}/${out.length}`, indent));
    }
    return out;
  }

  /** A value written on line n from `start` to the line's end (or a comment); nothing deeper may follow. */
  private lineValue(n: number, start: number, ptr: string, indent: number): unknown {
    const line = this.lines[n]!;
    this.tree.values.set(ptr, this.pos(n, start));
    let value: unknown;
    let end: number;
    if (line[start] === '"' || line[start] === "'") [value, end] = quoted(line, start);
    else if (line[start] === '[') [value, end] = flowList(line, start, ptr, this.tree.values, (col) => this.pos(n, col));
    else {
      const comment = line.indexOf(' #', start);
      end = comment < 0 ? line.length : comment;
      value = plain(trimSpaces(line.slice(start, end)), false);
    }
    const after = line.slice(end);
    if (trimSpaces(after) !== '' && !/^ +#/.test(after)) throw new Outside();
    if (this.indentAt(this.next) > indent) throw new Outside(); // a continued scalar or a misplaced line
    return value;
  }
}
