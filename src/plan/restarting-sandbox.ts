// A sandbox its restart policy keeps restarting (`restarting`: its `hitch-sandbox run` exited, and the
// engine starts it again) counts as running, and `up` leaves it to the engine. But between two starts it
// holds no namespace, and one that keeps exiting may never hold one again: no service container can start
// in it (the engine refuses: "cannot join network of a non running container"), nor can it probe a child
// for its parent (the engine runs nothing in it). A plan that needs either is refused before anything
// runs, as one that needs something run in a paused sandbox (paused.ts), with how its last run ended and
// the way out; `check` and `up`'s link report say it in the same words. New rules alone need nothing of
// it: they are recorded for its next start (rules-update.ts).
import { UserError } from '../user-error.js';
import { hitchCommand, type Invocation } from './hitch-command.js';
import type { Action } from './model.js';
import type { ObservedContainer, ObservedState } from './observed.js';
import { madeAnew, probeIn } from './paused.js';

/** The service whose container the action starts, in that service's sandbox. */
function startedService(a: Action): string | undefined {
  if (a.kind === 'create-container' || a.kind === 'recreate-container') return a.container.role === 'service' ? a.container.service : undefined;
  if (a.kind === 'start-container' || a.kind === 'restart-container') return a.role === 'service' ? a.service : undefined;
  return undefined;
}

/** What the plan needs of each restarting sandbox it keeps, in plan order. */
function restartingNeeds(actions: Action[], observed: ObservedState): Map<ObservedContainer, string[]> {
  const needs = new Map<ObservedContainer, string[]>();
  // the services whose sandbox the plan makes anew (under a new name too: container_name changed)
  const made = new Set(madeAnew(actions).flatMap((c) => (c.role === 'sandbox' ? [c.service] : [])));
  const kept = observed.containers.filter((c) => c.role === 'sandbox' && c.restarting && !made.has(c.service));
  if (kept.length === 0) return needs;
  const byService = new Map(kept.map((c) => [c.service, c]));
  const byName = new Map(kept.map((c) => [c.name, c]));
  const need = (sandbox: ObservedContainer | undefined, what: string) => {
    if (sandbox) needs.set(sandbox, [...(needs.get(sandbox) ?? []), what]);
  };
  for (const a of actions) {
    const service = startedService(a);
    if (service) need(byService.get(service), `${service}'s container starts in it`);
    const probe = probeIn(a);
    if (probe) need(byName.get(probe.sandbox), `it probes ${probe.child} for ${byName.get(probe.sandbox)?.service}`);
  }
  return needs;
}

/** A sandbox, with what is needed of it (if anything) and how its last run ended: `NAME (need, need; its last run exited with code 1)`. */
function described(sandbox: ObservedContainer, what: readonly string[] = []): string {
  const said = [...(what.length ? [what.join(', ')] : []), ...(sandbox.exitCode === undefined ? [] : [`its last run exited with code ${sandbox.exitCode}`])];
  return said.length ? `${sandbox.name} (${said.join('; ')})` : sandbox.name;
}

/** Each sandbox with how its last run ended, for a command that needs every sandbox it names running. */
export function lastRuns(sandboxes: readonly ObservedContainer[]): string {
  return sandboxes.map((c) => described(c)).join('; ');
}

/** "the sandbox of db keeps restarting", "the sandboxes of db, web keep restarting". */
export function keepRestarting(sandboxes: readonly ObservedContainer[]): string {
  const services = sandboxes.map((c) => c.service).join(', ');
  return sandboxes.length === 1 ? `the sandbox of ${services} keeps restarting` : `the sandboxes of ${services} keep restarting`;
}

/** The way out, as every command says it: see why in their logs, then make them anew. */
export function restartingRemedy(sandboxes: readonly ObservedContainer[], hitch: Invocation): string {
  const logs = sandboxes.map((c) => `\`docker logs ${c.name}\``).join(', ');
  return `see why in ${logs}, then make ${sandboxes.length === 1 ? 'it' : 'them'} anew with \`${hitchCommand(hitch, `up --force-recreate --no-deps ${sandboxes.map((c) => c.service).join(' ')}`)}\``;
}

/** The plan's refusal when it needs a restarting sandbox running: each named, with what it needs of it and how its last run ended. */
export function restartingInTheWay(actions: Action[], observed: ObservedState, hitch: Invocation): UserError | undefined {
  const needs = restartingNeeds(actions, observed);
  if (needs.size === 0) return undefined;
  const sandboxes = [...needs.keys()];
  return new UserError(
    `${keepRestarting(sandboxes)}, and this plan needs ${sandboxes.length === 1 ? 'it' : 'them'} running: ${[...needs].map(([c, what]) => described(c, what)).join('; ')}`,
    restartingRemedy(sandboxes, hitch),
  );
}
