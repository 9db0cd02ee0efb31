// A plan's own consistency: ids are unique, every wait names an action of the plan, and no action waits
// on itself through others. reconcile and planDown never make anything else (a property test runs them
// over random stacks); the executor refuses such a plan rather than drop a wait or recurse forever.
import type { Action, Plan } from './model.js';

function waitsOf(action: Action): string[] {
  return action.kind === 'create-container' || action.kind === 'recreate-container' ? [...action.waitsFor, ...(action.createAfter ?? [])] : action.waitsFor;
}

/** Kahn's algorithm, iterative (a 3000-service chain is deeper than the call stack): what is left is in or behind a cycle. */
function cycleIn(actions: Action[], ids: Set<string>): string[] | undefined {
  const waits = new Map(actions.map((a) => [a.id, [...new Set(waitsOf(a))].filter((id) => ids.has(id))]));
  const waiters = new Map<string, string[]>(actions.map((a) => [a.id, []]));
  for (const [id, deps] of waits) for (const dep of deps) waiters.get(dep)!.push(id);
  const pending = new Map([...waits].map(([id, deps]) => [id, deps.length]));
  const free = [...pending].filter(([, n]) => n === 0).map(([id]) => id);
  while (free.length > 0) {
    const id = free.pop()!;
    pending.delete(id);
    for (const w of waiters.get(id)!) {
      const left = pending.get(w)! - 1;
      pending.set(w, left);
      if (left === 0) free.push(w);
    }
  }
  if (pending.size === 0) return undefined;
  // every action left waits on another one left: following those waits must come back to an action
  const path = new Set<string>();
  let at = pending.keys().next().value!;
  while (!path.has(at)) {
    path.add(at);
    at = waits.get(at)!.find((dep) => pending.has(dep))!;
  }
  const walked = [...path];
  return [...walked.slice(walked.indexOf(at)), at];
}

/** What is wrong with `plan`, one line each; none for a plan the executor can run. */
export function planDefects(plan: Plan): string[] {
  const ids = new Set<string>();
  const defects: string[] = [];
  for (const a of plan.actions) {
    if (ids.has(a.id)) defects.push(`two actions have the id ${a.id}`);
    ids.add(a.id);
  }
  for (const a of plan.actions) {
    for (const dep of waitsOf(a)) if (!ids.has(dep)) defects.push(`${a.id} waits for ${dep}, which is not in the plan`);
  }
  const cycle = cycleIn(plan.actions, ids);
  if (cycle) defects.push(`actions wait on each other in a circle: ${cycle.join(' -> ')}`);
  return defects;
}
