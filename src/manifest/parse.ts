// Phase 1: YAML text → Tree. Keeps the position of every node; duplicate keys, syntax errors and
// alias bombs become problems with line:col instead of exceptions.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode, YAMLMap } from 'yaml';
import type { SourcePos } from './model.js';
import type { Report } from './problems.js';
import { pointer, type Path, type Tree } from './tree.js';

// A manifest never needs more; a "billion laughs" document needs far more and fails here at once.
const MAX_ALIAS_COUNT = 100;

interface Walk {
  doc: Document;
  tree: Tree;
  at: (offset: number) => SourcePos;
  report: Report;
}

export function parseYaml(text: string, file: string, report: Report): Tree | undefined {
  const lines = new LineCounter();
  // uniqueKeys: a duplicate key is an error, as in compose; merge: compose accepts `<<: *base`.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: true, prettyErrors: false });
  const at = (offset: number): SourcePos => ({ file, ...lines.linePos(offset) });
  for (const e of doc.errors) report.error(at(e.pos[0]), yamlMessage(e.message));
  for (const w of doc.warnings) report.warn(at(w.pos[0]), yamlMessage(w.message));
  if (doc.errors.length > 0) return undefined;
  if (!aliasesAreSane(doc, at, report)) return undefined;
  const w: Walk = { doc, tree: { file, root: null, values: new Map(), keys: new Map() }, at, report };
  w.tree.root = toData(w, doc.contents, []);
  return w.tree;
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return `YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** yaml's own guard (`maxAliasCount`) refuses exponential expansion before we expand anything. */
function aliasesAreSane(doc: Document, at: (o: number) => SourcePos, report: Report): boolean {
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return true;
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    const bomb = /excessive alias count/i.test(e.message);
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        if (!bomb && node.resolve(doc) !== undefined) return undefined;
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    report.error(at(offset), bomb ? 'YAML: aliases expand to too many nodes (a "billion laughs" document?); refusing to expand them' : yamlMessage(e.message));
    return false;
  }
}

function toData(w: Walk, node: unknown, path: Path): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return toData(w, node.resolve(w.doc), path);
  const n = node as YamlNode;
  // An empty value (`web:`) is a zero-width node after the colon; its key is the better place.
  const empty = isScalar(n) && n.value === null && n.range?.[0] === n.range?.[1] && w.tree.keys.has(pointer(path));
  if (n.range && !empty) w.tree.values.set(pointer(path), w.at(n.range[0]));
  if (isScalar(n)) return n.value;
  if (isSeq(n)) return n.items.map((item, i) => toData(w, item, [...path, i]));
  if (isMap(n)) return mapToData(w, n, path);
  return null;
}

function mapToData(w: Walk, map: YAMLMap, path: Path): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const merges: unknown[] = [];
  for (const { key, value } of map.items) {
    if (isScalar(key) && typeof key.value === 'symbol') {
      merges.push(value); // `<<: *base` is applied after the explicit keys, which win
    } else if (!isScalar(key)) {
      w.report.error(w.at((key as YamlNode | null)?.range?.[0] ?? map.range?.[0] ?? 0), 'mapping keys must be plain strings');
    } else {
      const name = String(key.value ?? '');
      const childPath = [...path, name];
      if (key.range) w.tree.keys.set(pointer(childPath), w.at(key.range[0]));
      // An empty value (`image:`) has no node of its own: point at its key.
      if (key.range) w.tree.values.set(pointer(childPath), w.at(key.range[0]));
      out[name] = toData(w, value, childPath);
    }
  }
  for (const source of merges) mergeInto(w, out, source, path);
  return out;
}

/** YAML 1.1 merge keys, as compose accepts them: earlier sources win over later ones. */
function mergeInto(w: Walk, out: Record<string, unknown>, source: unknown, path: Path): void {
  const resolved = isAlias(source) ? source.resolve(w.doc) : source;
  if (isSeq(resolved)) {
    for (const item of resolved.items) mergeInto(w, out, item, path);
    return;
  }
  const scratch = [...path, '<<'];
  const data = toData(w, resolved, scratch);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    w.report.error(w.at((resolved as YamlNode | null)?.range?.[0] ?? 0), 'YAML: a merge key (<<) needs a mapping or a list of mappings');
    return;
  }
  for (const [k, v] of Object.entries(data)) {
    if (k in out) continue;
    out[k] = v;
    movePositions(w.tree, pointer([...scratch, k]), pointer([...path, k]));
  }
}

function movePositions(tree: Tree, from: string, to: string): void {
  for (const map of [tree.values, tree.keys]) {
    for (const [ptr, pos] of [...map]) {
      if (ptr === from || ptr.startsWith(from + '/')) map.set(to + ptr.slice(from.length), pos);
    }
  }
}
