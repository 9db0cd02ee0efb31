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
  const edges = allEdges.filter(([b, a]) => known.has(b) && known.has(a));
  const pending = new Map(nodes.map((n) => [n, 0]));
  for (const [, after] of edges) pending.set(after, (pending.get(after) ?? 0) + 1);
  const ready = sortedStrings(nodes.filter((n) => pending.get(n) === 0));
  const order: string[] = [];
  while (ready.length > 0) {
    const node = ready.shift()!;
    order.push(node);
    for (const [before, after] of edges) {
      if (before !== node) continue;
      const left = pending.get(after)! - 1;
      pending.set(after, left);
      if (left === 0) insertSorted(ready, after);
    }
  }
  const cyclic = sortedStrings(nodes.filter((n) => !order.includes(n)));
  return { order: [...order, ...cyclic], cyclic };
}

function insertSorted(list: string[], value: string): void {
  const at = list.findIndex((x) => compareStrings(x, value) > 0);
  list.splice(at < 0 ? list.length : at, 0, value);
}
