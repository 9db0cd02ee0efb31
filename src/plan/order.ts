// Start order: every child before the parents that link to it (spec/links.md §1: the child must run
// before the parent starts). Ties go by name, so the order is the same on every run.
import type { Service } from '../manifest/model.js';
import { compareStrings, sortedStrings } from './compare.js';

/** A dependency: `before` must come before `after`. */
export type Edge = readonly [before: string, after: string];

/** Children first. A cycle here is a bug: src/manifest rejects cycles, naming them in full. */
export function startOrder(services: Readonly<Record<string, Service>>): string[] {
  const edges: Edge[] = [];
  for (const s of Object.values(services)) {
    for (const l of s.links) if (services[l.target]) edges.push([l.target, s.name]);
  }
  const { order, cyclic } = topoOrder(Object.keys(services), edges);
  if (cyclic.length > 0) throw new Error(`internal: link cycle among ${cyclic.join(', ')} reached the planner`);
  return order;
}

/**
 * Kahn's algorithm, always taking the smallest ready name. (The toposort package's depth-first order
 * does not break ties by name: with d→a, d→b, a→c it gives d,a,c,b where we want d,a,b,c.)
 * Nodes left in a cycle are appended by name and reported, so callers that can tolerate one may.
 */
export function topoOrder(nodes: string[], allEdges: readonly Edge[]): { order: string[]; cyclic: string[] } {
  const known = new Set(nodes);
  const pending = new Map(nodes.map((n) => [n, 0]));
  // each node's outgoing edges, in the given order: scanning every edge per node is quadratic
  const out = new Map<string, string[]>();
  for (const [before, after] of allEdges) {
    if (!known.has(before) || !known.has(after)) continue;
    pending.set(after, pending.get(after)! + 1);
    const edges = out.get(before);
    if (edges) edges.push(after);
    else out.set(before, [after]);
  }
  const ready = sortedStrings(nodes.filter((n) => pending.get(n) === 0));
  const order: string[] = [];
  for (let next = 0; next < ready.length; next++) {
    const node = ready[next]!;
    order.push(node);
    for (const after of out.get(node) ?? []) {
      const left = pending.get(after)! - 1;
      pending.set(after, left);
      if (left === 0) insertSorted(ready, next + 1, after);
    }
  }
  const placed = new Set(order);
  const cyclic = sortedStrings(nodes.filter((n) => !placed.has(n)));
  return { order: [...order, ...cyclic], cyclic };
}

/** Inserts into the sorted tail list[from..] (the names not taken yet), by binary search. */
function insertSorted(list: string[], from: number, value: string): void {
  let lo = from;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareStrings(list[mid]!, value) > 0) hi = mid;
    else lo = mid + 1;
  }
  list.splice(lo, 0, value);
}
