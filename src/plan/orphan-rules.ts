// An orphan (a service the manifest no longer has, left running without --remove-orphans) keeps the
// rules it was made with, which let in its former parents, and the addresses they had may be given out
// again. The manifest links it to nothing, so nothing may reach it (spec/links.md §4): its rules are
// cut, in place, to what the host reaches through its published ports. Its containers stay as they are,
// as compose leaves orphans running. A stopped one gets the cut rules recorded for its next start: what
// starts it (`hitch restart`, `docker start`, a restart policy when the engine restarts) would otherwise
// bring its old rules back.
import { allowRules } from './firewall.js';
import type { PlanContext } from './injected.js';
import type { Action, AllowRule, FirewallSpec } from './model.js';
import type { ObservedContainer } from './observed.js';
import { parsePublished } from './published.js';
import { rulesUpdate } from './rules-update.js';

/** The rules update of each orphan sandbox among `orphans` that lets in, or would once started, more than the host. */
export function orphanIsolation(ctx: PlanContext, orphans: readonly string[]): Action[] {
  const actions: Action[] = [];
  const seen = new Set<string>(); // a second sandbox labelled with the same service (hand-made) is left alone
  for (const sandbox of ctx.observed.containers) {
    if (sandbox.role !== 'sandbox' || !orphans.includes(sandbox.service) || seen.has(sandbox.service)) continue;
    seen.add(sandbox.service);
    const firewall: FirewallSpec = { subnet: ctx.addresses.subnet, allow: hostRules(sandbox, ctx.addresses.gateway) };
    const update = rulesUpdate(sandbox.service, sandbox, firewall, 'not in the manifest: no link lets anything in');
    if (update) actions.push({ ...update, orphan: true });
  }
  return actions;
}

/** The gateway's rules as recorded; without a record, one per port the sandbox publishes. */
function hostRules(sandbox: ObservedContainer, gateway: string): AllowRule[] {
  if (sandbox.firewallArgs) return allowRules(sandbox.firewallArgs).filter((r) => r.from === gateway);
  const ports = new Map<string, AllowRule>(); // a port bound on 0.0.0.0 and on [::] is one rule
  for (const p of (sandbox.published ?? []).map(parsePublished)) {
    if (p) ports.set(`${p.proto}:${p.containerPort}`, { from: gateway, proto: p.proto, port: p.containerPort });
  }
  return [...ports.values()];
}
