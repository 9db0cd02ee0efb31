// YAML 1.1 merge keys (`<<: *base`), applied as compose applies them while the walk reads a mapping:
// a source's keys, with their positions, go where the mapping that merges them is.
import type { Scalar } from 'yaml';
import { pointer, setOwn, type Path, type Tree } from './tree.js';
import { yamlLib } from './yaml-document.js';
import type { Walk } from './yaml-walk.js';

/** The walk's reader of a node as data (yaml-walk.ts toData), passed in so the two files do not import each other. */
type ToData = (w: Walk, node: unknown, path: Path) => unknown;

/**
 * YAML 1.1 merge keys, as compose accepts them: a mapping or a list of mappings; earlier sources win.
 * Anything else is said once, at the `<<`: the anchor it names may be used rightly elsewhere.
 */
export function mergeInto(w: Walk, out: Record<string, unknown>, key: Scalar, source: unknown, path: Path, toData: ToData): void {
  const { isAlias, isMap, isSeq } = yamlLib();
  const resolve = (node: unknown) => (isAlias(node) ? node.resolve(w.doc) : node);
  const resolved = resolve(source);
  const items = isSeq(resolved) ? resolved.items : [source];
  const scratch = [...path, '<<'];
  for (const item of items) if (isAlias(item) && resolve(item) === undefined) toData(w, item, scratch); // reports the unresolved alias and ends the walk
  if (!items.every((item) => isMap(resolve(item)))) {
    const named = isAlias(source) ? `*${source.source}, ` : '';
    const what = isSeq(resolved) ? 'a list that holds other values than mappings' : resolved === null || (resolved as Scalar).value === null ? 'nothing' : 'a single value';
    w.report.error(w.at(key.range?.[0] ?? 0), `YAML: a merge key (<<) takes a mapping or a list of mappings, not ${named}${what}; anchor a mapping (x-base: &base {image: nginx}) and merge that (<<: *base)`);
  }
  // the mappings among them still merge: what they hold is not reported missing too
  for (const item of items) if (isMap(resolve(item))) mergeOne(w, out, toData(w, item, scratch) as Record<string, unknown>, path);
}

/** One mapping `data` (read at `path`/<<) merged into `out`: a key `out` has wins, as compose's merge keys do. */
function mergeOne(w: Walk, out: Record<string, unknown>, data: Record<string, unknown>, path: Path): void {
  const scratch = [...path, '<<'];
  for (const [k, v] of Object.entries(data)) {
    if (Object.hasOwn(out, k)) continue;
    setOwn(out, k, v);
    movePositions(w.tree, pointer([...scratch, k]), pointer([...path, k]));
  }
}

function movePositions(tree: Tree, from: string, to: string): void {
  for (const map of [tree.values, tree.keys, tree.numberSources] as Map<string, unknown>[]) {
    for (const [ptr, pos] of [...map]) {
      if (ptr === from || ptr.startsWith(from + '/')) map.set(to + ptr.slice(from.length), pos);
    }
  }
}
