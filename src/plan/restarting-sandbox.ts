// A sandbox its restart policy keeps restarting (`restarting`: its `hitch-sandbox run` exited, and the
// engine starts it again) counts as running, and `up` leaves it to the engine. But between two starts it
// holds no namespace, and one that keeps exiting may never hold one again: no service container can start
// in it (the engine refuses: "cannot join network of a non running container"). A plan that needs that is
// refused before anything runs, as one that needs something run in a paused sandbox (paused.ts), with how
// its last run ended and the way out. New rules alone need nothing of it: they are recorded for its next
// start (rules-update.ts).
import { UserError } from '../user-error.js';
import type { Action } from './model.js';
import type { ObservedContainer, ObservedState } from './observed.js';

/** The service whose container the action starts, in that service's sandbox. */
function startedService(a: Action): string | undefined {
  if (a.kind === 'create-container' || a.kind === 'recreate-container') return a.container.role === 'service' ? a.container.service : undefined;
  if (a.kind === 'start-container' || a.kind === 'restart-container') return a.role === 'service' ? a.service : undefined;
  return undefined;
}

/** The services whose sandbox the plan makes anew: not the restarting one observed. */
function sandboxesMade(actions: Action[]): Set<string> {
  return new Set(actions.flatMap((a) => ((a.kind === 'create-container' || a.kind === 'recreate-container') && a.container.role === 'sandbox' ? [a.container.service] : [])));
}

/** What the plan needs of each restarting sandbox it keeps, in plan order. */
function restartingNeeds(actions: Action[], observed: ObservedState): Map<ObservedContainer, string[]> {
  const needs = new Map<ObservedContainer, string[]>();
  const made = sandboxesMade(actions);
  const kept = observed.containers.filter((c) => c.role === 'sandbox' && c.restarting && !made.has(c.service));
  if (kept.length === 0) return needs;
  const byService = new Map(kept.map((c) => [c.service, c]));
  const need = (sandbox: ObservedContainer | undefined, what: string) => {
    if (sandbox) needs.set(sandbox, [...(needs.get(sandbox) ?? []), what]);
  };
  for (const a of actions) {
    const service = startedService(a);
    if (service) need(byService.get(service), `${service}'s container starts in it`);
  }
  return needs;
}

function lastRun(sandbox: ObservedContainer): string[] {
  return sandbox.exitCode === undefined ? [] : [`its last run exited with code ${sandbox.exitCode}`];
}

/** The plan's refusal when it needs a restarting sandbox running: each named, with what it needs of it and how its last run ended. */
export function restartingInTheWay(actions: Action[], observed: ObservedState): UserError | undefined {
  const needs = restartingNeeds(actions, observed);
  if (needs.size === 0) return undefined;
  const sandboxes = [...needs.keys()];
  const one = sandboxes.length === 1;
  const services = sandboxes.map((c) => c.service);
  const listed = [...needs].map(([c, what]) => `${c.name} (${[...what, ...lastRun(c)].join('; ')})`).join('; ');
  return new UserError(
    `the ${one ? 'sandbox' : 'sandboxes'} of ${services.join(', ')} ${one ? 'keeps' : 'keep'} restarting, and this plan needs ${one ? 'it' : 'them'} running: ${listed}`,
    `see why in ${sandboxes.map((c) => `\`docker logs ${c.name}\``).join(', ')}, then make ${one ? 'it' : 'them'} anew with \`hitch up --force-recreate --no-deps ${services.join(' ')}\``,
  );
}
