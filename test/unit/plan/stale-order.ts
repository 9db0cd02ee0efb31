// For the property tests: whatever comes up at an address (a container made, recreated or started, an
// external attached) comes after every action of the plan that drops that address from a sandbox's rules
// (rules updated in place, a sandbox recreated, an orphan's sandbox removed), so no stale rule lets it in.
import { LABEL, type Action, type Plan } from '../../../src/plan/model.js';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { allowedSources } from '../../../src/plan/firewall.js';

function allowed(args: string[] | undefined): Set<string> | undefined {
  return args && allowedSources(args);
}

interface Drop { id: string; service: string; before?: Set<string>; after: Set<string> }

function dropOf(a: Action, observed: ObservedState): Drop | undefined {
  const find = (f: (c: ObservedContainer) => boolean) => observed.containers.find((c) => c.role === 'sandbox' && f(c));
  const old =
    a.kind === 'update-firewall' ? find((c) => c.name === a.sandbox)
    : a.kind === 'recreate-container' && a.container.role === 'sandbox' ? find((c) => c.id === a.replaces)
    : a.kind === 'remove-container' ? find((c) => c.id === a.containerId)
    : undefined;
  if (!old) return undefined;
  const after = a.kind === 'update-firewall' || a.kind === 'recreate-container' ? a.firewall!.allow.map((r) => r.from) : [];
  return { id: a.id, service: old.service, before: allowed(old.firewallArgs), after: new Set(after) };
}

function arrivalOf(a: Action, observed: ObservedState): { ip?: string; service?: string } | undefined {
  if (a.kind === 'create-container' || a.kind === 'recreate-container') return { ip: a.container.network?.ip ?? a.container.labels[LABEL.ip], service: a.container.service };
  if (a.kind === 'start-container') return { ip: observed.containers.find((c) => c.name === a.name)?.ip, service: a.service };
  if (a.kind === 'connect-external') return { ip: a.ip };
  return undefined;
}

/** Each action that may let a container or external at an address in before the rules that drop it are in force. */
export function earlyArrivals(plan: Plan, observed: ObservedState): string[] {
  const byId = new Map(plan.actions.map((a) => [a.id, a]));
  const after = (a: Action, id: string, seen = new Set<string>()): boolean =>
    a.waitsFor.some((w) => w === id || (!seen.has(w) && (seen.add(w), after(byId.get(w)!, id, seen))));
  const drops = plan.actions.flatMap((a) => dropOf(a, observed) ?? []);
  return plan.actions.flatMap((a) => {
    const arrival = arrivalOf(a, observed);
    if (!arrival?.ip) return [];
    const ip = arrival.ip;
    const early = drops.filter((d) => d.service !== arrival.service && d.id !== a.id && !d.after.has(ip) && (!d.before || d.before.has(ip)) && !after(a, d.id));
    return early.map((d) => `${a.id} (at ${ip}) does not wait for ${d.id}, which drops ${ip}`);
  });
}
