// One rules update, for a manifest service's sandbox or an orphan's: applied in place when the sandbox
// runs; recorded where it reads them when it starts when it is stopped or restarting, so whatever starts
// it later (`hitch restart`, `docker start`, a restart policy) does not bring the old rules back.
import { firewallArgs, sameRules } from './firewall.js';
import type { FirewallSpec, FirewallUpdate } from './model.js';
import type { ObservedContainer } from './observed.js';

/** `hitch-sandbox apply` of `firewall` on the existing `sandbox` of `service`, for `cause`, unless it holds them. */
export function rulesUpdate(service: string, sandbox: ObservedContainer, firewall: FirewallSpec, cause: string): FirewallUpdate | undefined {
  if (sandbox.firewallArgs && sameRules(sandbox.firewallArgs, firewallArgs(firewall))) return undefined;
  // restarting, it runs nothing until its restart policy starts it again: that start reads the record
  const notUp = !sandbox.running ? 'stopped' : sandbox.restarting ? 'restarting' : undefined;
  return {
    id: `firewall:${service}`,
    kind: 'update-firewall',
    cause: notUp ? `${cause} (${notUp}: recorded for its next start)` : cause,
    waitsFor: [],
    service,
    sandbox: sandbox.name,
    firewall,
    ...(notUp ? { stopped: true as const } : {}),
  };
}
