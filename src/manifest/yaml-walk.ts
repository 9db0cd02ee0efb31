// Phase 1, slow path: yaml's Document → a Tree's plain data and positions, one node at a time. Duplicate
// keys, keys that are not plain scalars and unsupported tags are reported; alias bombs, alias cycles and
// too deep a nesting end the walk; merge keys are applied as compose does (yaml-merge.ts). Separate
// from parse.ts, which picks the reader and reports what yaml itself found.
import type { Alias, Document, Node as YamlNode, Scalar, YAMLMap } from 'yaml';
import type { SourcePos } from './model.js';
import type { Report } from './problems.js';
import { pointer, setOwn, type Path, type Tree } from './tree.js';
import { MAX_NESTING, yamlLib } from './yaml-document.js';
import { mergeInto } from './yaml-merge.js';

// A manifest never needs more; a "billion laughs" document needs far more and fails here at once.
const MAX_ALIAS_NODES = 10_000;
export const NESTING_MESSAGE = `YAML: nested more than ${MAX_NESTING} levels deep; a manifest needs only a few`;

/** Ends the walk at the first alias bomb, alias cycle or too deep a nesting (already reported). */
export class Refused extends Error {}

export interface Walk {
  doc: Document;
  tree: Tree;
  at: (offset: number) => SourcePos;
  report: Report;
  aliasNodes: number; // nodes produced by expanding aliases so far
  expanding: Set<unknown>; // anchored nodes being expanded right now: one seen again is a cycle
}

/** Reports the first alias of the document (where a bomb starts) and ends the walk. */
function refuseAliases(w: Walk, message: string): never {
  const { visit } = yamlLib();
  let offset = 0;
  visit(w.doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  w.report.error(w.at(offset), message);
  throw new Refused();
}

export function toData(w: Walk, node: unknown, path: Path): unknown {
  const { isAlias, isMap, isScalar, isSeq } = yamlLib();
  if (node === null || node === undefined) return null;
  if (path.length > MAX_NESTING) {
    const viaAliases = w.expanding.size > 0 ? ' (counting what aliases expand to)' : '';
    w.report.error(w.at((node as YamlNode).range?.[0] ?? 0), NESTING_MESSAGE + viaAliases);
    throw new Refused();
  }
  if (isAlias(node)) return fromAlias(w, node, path);
  if (w.expanding.size > 0 && ++w.aliasNodes > MAX_ALIAS_NODES) {
    refuseAliases(w, 'YAML: aliases expand to too many nodes (a "billion laughs" document?); refusing to expand them');
  }
  const n = node as YamlNode;
  // An empty value (`web:`) is a zero-width node after the colon; its key is the better place.
  const empty = isScalar(n) && n.value === null && n.range?.[0] === n.range?.[1] && w.tree.keys.has(pointer(path));
  if (n.range && !empty) w.tree.values.set(pointer(path), w.at(n.range[0]));
  if (isScalar(n)) return scalar(w, n, path);
  if (isSeq(n)) return n.items.map((item, i) => toData(w, item, [...path, i]));
  if (isMap(n)) return mapToData(w, n, path);
  return null;
}

function fromAlias(w: Walk, alias: Alias, path: Path): unknown {
  const target = alias.resolve(w.doc);
  if (target === undefined) {
    w.report.error(w.at(alias.range?.[0] ?? 0), `YAML: Unresolved alias (the anchor must be set before the alias): ${alias.source}`);
    throw new Refused();
  }
  if (w.expanding.has(target)) {
    w.report.error(w.at(alias.range?.[0] ?? 0), `YAML: alias *${alias.source} is inside the node it names, so it would never end; refer to another anchor`);
    throw new Refused();
  }
  w.expanding.add(target);
  try {
    return toData(w, target, path);
  } finally {
    w.expanding.delete(target);
  }
}

/** Plain YAML 1.2 values only: a `!!binary` or `!!timestamp` would reach the schema as an "object". */
function scalar(w: Walk, n: Scalar, path: Path): unknown {
  const value = n.value;
  if (typeof value === 'number') {
    const written = inexactNumber(n);
    if (written !== undefined) w.tree.numberSources.set(pointer(path), written);
  }
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  const tag = (n.tag ?? typeof value).replace('tag:yaml.org,2002:', '!!');
  w.report.error(w.at(n.range?.[0] ?? 0), `YAML: a ${tag} value is not supported here; quote it to make it a string`);
  return String(n.source ?? ''); // the text as written, so later phases add nothing to the message above
}

// Left alone: other forms (0x…, 1e30) are read as compose's YAML reader reads them, as a value.
const DECIMAL_INTEGER = /^[-+]?[0-9]+$/;

/** The text of a decimal integer a JavaScript number cannot hold exactly, or of .inf/.nan (for messages); else undefined. */
function inexactNumber(n: Scalar): string | undefined {
  const value = n.value as number;
  if (Number.isSafeInteger(value) || typeof n.source !== 'string') return undefined;
  return DECIMAL_INTEGER.test(n.source) || !Number.isFinite(value) ? n.source : undefined;
}

function mapToData(w: Walk, map: YAMLMap, path: Path): Record<string, unknown> {
  const { isScalar } = yamlLib();
  const out: Record<string, unknown> = {};
  const merges: { key: Scalar; value: unknown }[] = [];
  for (const { key, value } of map.items) {
    if (isScalar(key) && typeof key.value === 'symbol') {
      merges.push({ key, value }); // `<<: *base` is applied after the explicit keys, which win
    } else if (!isScalar(key)) {
      w.report.error(w.at((key as YamlNode | null)?.range?.[0] ?? map.range?.[0] ?? 0), 'mapping keys must be plain strings');
    } else {
      // `1` and "1", or `~` and "": one key once the manifest is data
      const name = (typeof key.value === 'number' && inexactNumber(key)) || String(key.value ?? '');
      const childPath = [...path, name];
      if (Object.hasOwn(out, name)) {
        const first = w.tree.keys.get(pointer(childPath)); // where the walk put the first one
        w.report.error(w.at(key.range?.[0] ?? map.range?.[0] ?? 0), `key ${JSON.stringify(name)} appears twice in this mapping${first ? `, first at ${first.line}:${first.col}` : ''}; keep one`);
        continue;
      }
      if (key.range) w.tree.keys.set(pointer(childPath), w.at(key.range[0]));
      // An empty value (`image:`) has no node of its own: point at its key.
      if (key.range) w.tree.values.set(pointer(childPath), w.at(key.range[0]));
      setOwn(out, name, toData(w, value, childPath)); // `__proto__` is a key like any other
    }
  }
  for (const { key, value } of merges) mergeInto(w, out, key, value, path, toData);
  return out;
}
