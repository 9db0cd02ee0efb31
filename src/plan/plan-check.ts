// A plan's own consistency: ids are unique, every wait names an action of the plan, and no action waits
// on itself through others. reconcile and planDown never make anything else (a property test runs them
// over random stacks); the executor refuses such a plan rather than drop a wait or recurse forever.
import type { Action, Plan } from './model.js';
import { topoOrder, type Edge } from './order.js';

/** What an action waits for, its create's waits (createAfter) included. */
export function waitsOf(action: Action): string[] {
  return action.kind === 'create-container' || action.kind === 'recreate-container' ? [...action.waitsFor, ...(action.createAfter ?? [])] : action.waitsFor;
}

/** One circle of waits, as the ids along it, if there is any. */
function cycleIn(actions: Action[], ids: Set<string>): string[] | undefined {
  const waits = new Map(actions.map((a) => [a.id, waitsOf(a).filter((id) => ids.has(id))]));
  const edges = [...waits].flatMap(([id, deps]) => deps.map((dep): Edge => [dep, id]));
  const left = new Set(topoOrder([...ids], edges).cyclic);
  if (left.size === 0) return undefined;
  // every action left waits on another one left (else it would have been placed): following those waits
  // must come back to an action already on the path
  const path = new Set<string>();
  let at = [...left][0]!;
  while (!path.has(at)) {
    path.add(at);
    at = waits.get(at)!.find((dep) => left.has(dep))!;
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
