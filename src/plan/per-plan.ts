// Values computed once per plan. A child is asked about by each of its parents (link env, hosts lines,
// config parts, readiness) and by its own two containers, and each service's observed containers are
// looked up by name: recomputing or searching each time made planning 1000 services several times
// slower. The context is made once per reconcile and never changed after.
import type { PlanContext } from './injected.js';

// by plan, then by what is asked, then by what it is asked of (a service, mostly)
const memos = new WeakMap<PlanContext, Map<string, Map<string, unknown>>>();

/** `compute()` the first time this plan asks for `what` of `of`; the same value afterwards. */
export function perPlan<T>(ctx: PlanContext, what: string, of: string, compute: () => T): T {
  let plan = memos.get(ctx);
  if (!plan) memos.set(ctx, (plan = new Map()));
  let memo = plan.get(what);
  if (!memo) plan.set(what, (memo = new Map()));
  if (memo.has(of)) return memo.get(of) as T;
  const value = compute();
  memo.set(of, value);
  return value;
}
