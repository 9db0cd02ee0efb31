// Rules on the engine may let in an address the manifest no longer links: a parent that dropped a link,
// an address a removed service freed and this plan gives out again. A plan that drops such an address
// from some rules (a sandbox's rules updated in place, a sandbox recreated with new ones, an orphan's
// sandbox removed) runs that first: whatever would come up at that address (a sandbox made, recreated or
// started, a service container when its sandbox stays, an external attached) waits for it, so it is
// never let in by a stale rule while the plan runs (spec/links.md §4: no link, no connection).
import { allowedSources } from './firewall.js';
import type { PlanContext } from './injected.js';
import type { Action } from './model.js';
import type { ObservedContainer } from './observed.js';
import { waitsOf } from './plan-check.js';
import type { ServiceActions } from './service-actions.js';

/** An action after which the rules of one sandbox no longer let in what `before` did and `after` does not. */
interface Drop {
  action: Action;
  service: string;
  before: Set<string> | undefined; // undefined: rules not observed, which may let in any address
  after: Set<string>;
}

function drops(actions: Action[], ctx: PlanContext): Drop[] {
  const byName = new Map(ctx.observed.containers.filter((c) => c.role === 'sandbox').map((c) => [c.name, c]));
  const byId = new Map(ctx.observed.containers.map((c) => [c.id, c]));
  const found: Drop[] = [];
  const add = (action: Action, old: ObservedContainer | undefined, after: string[]) => {
    if (old?.role === 'sandbox') found.push({ action, service: old.service, before: old.firewallArgs && allowedSources(old.firewallArgs), after: new Set(after) });
  };
  for (const a of actions) {
    if (a.kind === 'update-firewall') add(a, byName.get(a.sandbox), a.firewall.allow.map((r) => r.from));
    if (a.kind === 'recreate-container' && a.firewall) add(a, byId.get(a.replaces ?? ''), a.firewall.allow.map((r) => r.from));
    if (a.kind === 'remove-container') add(a, byId.get(a.containerId), []);
  }
  return found;
}

/** What comes up at an address: the first action of a service in the plan, or an external attached. */
interface Arrival {
  action: Action;
  service?: string; // none for an external
}

function arrivals(actions: Action[], ctx: PlanContext, decided: Map<string, ServiceActions>): Map<string, Arrival[]> {
  const at = new Map<string, Arrival[]>();
  const add = (ip: string, arrival: Arrival) => at.set(ip, [...(at.get(ip) ?? []), arrival]);
  for (const [name, { sandbox, service }] of decided) {
    const first = sandbox ?? service;
    if (first) add(ctx.addresses.ips[name]!, { action: first, service: name });
  }
  for (const a of actions) if (a.kind === 'connect-external') add(a.ip, { action: a });
  return at;
}

/** Every action `a` waits for, directly or through others. */
function awaited(a: Action, byId: Map<string, Action>): Set<string> {
  const seen = new Set<string>();
  const pending = [...waitsOf(a)];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const next = byId.get(id);
    if (next) pending.push(...waitsOf(next).filter((w) => !seen.has(w)));
  }
  return seen;
}

/**
 * Makes each arrival at an address wait for every drop of it. A wait that would close a circle is left
 * out: only hand-edited labels or rules make one (each sandbox would have to let in the other's address).
 */
export function afterStaleRules(ctx: PlanContext, actions: Action[], decided: Map<string, ServiceActions>): void {
  const at = arrivals(actions, ctx, decided);
  const byId = new Map(actions.map((a) => [a.id, a]));
  for (const drop of drops(actions, ctx)) {
    const dropped = [...at].filter(([ip]) => !drop.after.has(ip) && (!drop.before || drop.before.has(ip)));
    if (dropped.length === 0) continue;
    const before = awaited(drop.action, byId);
    for (const { action, service } of dropped.flatMap(([, as]) => as)) {
      if (service === drop.service || before.has(action.id) || action.waitsFor.includes(drop.action.id)) continue;
      action.waitsFor.push(drop.action.id);
    }
  }
}
