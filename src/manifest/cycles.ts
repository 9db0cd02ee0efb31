// Link cycles, named in full and the same way on every run (compose only says "Circular dependency
// between a and b"). One report per strongly connected component: the shortest cycle through its
// alphabetically smallest service, following neighbours in name order.
import type { LinkSpec } from './model.js';
import type { Report } from './problems.js';

export function reportCycles(links: Record<string, LinkSpec[]>, report: Report): void {
  const graph = new Map(Object.keys(links).sort().map((s) => [s, [...new Set(links[s]!.map((l) => l.target))].sort()]));
  for (const component of components(graph)) {
    if (component.length < 2) continue;
    const start = [...component].sort()[0]!;
    const cycle = shortestCycle(graph, start, new Set(component));
    const first = links[start]!.find((l) => l.target === cycle[1])!;
    report.error(first.pos, `link cycle: ${cycle.join(' -> ')}; links must not form a cycle, since a child starts before the services that link to it`);
  }
}

/** Tarjan's strongly connected components, with an explicit stack: a chain of thousands of links must not overflow. */
function components(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const enter = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
  };
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    enter(root);
    const calls: { v: string; next: number }[] = [{ v: root, next: 0 }];
    while (calls.length > 0) {
      const frame = calls[calls.length - 1]!;
      const w = (graph.get(frame.v) ?? [])[frame.next++];
      if (w !== undefined) {
        if (!index.has(w)) {
          enter(w);
          calls.push({ v: w, next: 0 });
        } else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
        continue;
      }
      calls.pop();
      const v = frame.v;
      const parent = calls[calls.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v)!, low.get(v)!));
      if (low.get(v) !== index.get(v)) continue;
      const component: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      out.push(component);
    }
  }
  return out;
}

/** Breadth-first from `start` back to itself inside its component: ["a", "b", "a"]. */
function shortestCycle(graph: Map<string, string[]>, start: string, within: Set<string>): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (w === start) return [...pathTo(prev, v, start), start];
      if (within.has(w) && !prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start]; // unreachable: every node of a component lies on a cycle through start
}

function pathTo(prev: Map<string, string>, v: string, start: string): string[] {
  const path = [v];
  while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
  return path;
}
