// A sandbox restarted under its running service (`docker restart` of it, or its restart policy after its
// process died) comes back with a new network namespace, while the service container keeps the old one,
// now empty: the engine says it is up, yet it has no network. `up` restarts it to rejoin the sandbox
// (service-actions.ts); `ps`, `ls` and `check` name it (src/api/lookup.ts). One rule for all of them.
import { runsNow, type ObservedContainer } from './observed.js';

type Started = Pick<ObservedContainer, 'running' | 'restarting' | 'startedAt'>;

/**
 * Whether the sandbox started after its running service did. False when a start time was not observed,
 * and while either is restarting: a restarting service joins the sandbox as it is when it next starts,
 * and a restarting sandbox has no namespace yet (`sandbox restarting`, src/api/lookup.ts).
 */
export function restartedUnder(service: Started, sandbox: Started | undefined): boolean {
  // Docker's RFC 3339 times trim trailing zeros, so compare them as times, not as text.
  if (!runsNow(service) || !sandbox || !runsNow(sandbox) || !sandbox.startedAt || !service.startedAt) return false;
  return Date.parse(sandbox.startedAt) > Date.parse(service.startedAt);
}
