// A paused container (`docker pause`) counts as up, and `up` leaves it paused, as compose does. A paused
// child is even ready, as compose would have it: its kernel still takes a probe's connection, and the
// engine keeps its last health while it is paused. But nothing runs in a paused sandbox: it can neither
// take new rules nor probe a child for its parent. A plan that needs either is refused before anything
// runs, rather than failing halfway.
import { UserError } from '../user-error.js';
import { hitchCommand, type Invocation } from './hitch-command.js';
import type { Action, ContainerSpec } from './model.js';
import type { ObservedContainer, ObservedState } from './observed.js';

/** The way out of a refusal for paused containers, as every command says it. */
export function unpauseRemedy(containers: readonly string[]): string {
  return `unpause ${containers.length === 1 ? 'it' : 'them'} (\`docker unpause ${containers.join(' ')}\`)`;
}

/** The containers the plan makes anew: one observed (paused, restarting) that they replace is not in their way. */
export function madeAnew(actions: Action[]): ContainerSpec[] {
  return actions.flatMap((a) => (a.kind === 'create-container' || a.kind === 'recreate-container' ? [a.container] : []));
}

/** The sandbox a readiness probe runs in, and the child it probes: a TCP probe runs in the parent's (readiness.ts), a healthcheck is the engine's own. */
export function probeIn(a: Action): { sandbox: string; child: string } | undefined {
  return a.kind === 'await-ready' && a.target.tcpPorts.length > 0 && !a.healthcheck ? { sandbox: a.from, child: a.service } : undefined;
}

/** What the plan needs run in each paused sandbox it keeps, in plan order; whether one of them is an orphan's. */
function pausedNeeds(actions: Action[], observed: ObservedState): { needs: Map<string, string[]>; orphan: boolean } {
  const fresh = new Set(madeAnew(actions).map((c) => c.name)); // under an observed name, not the paused one observed
  const paused = new Map<string, ObservedContainer>(observed.containers.filter((c) => c.paused && !fresh.has(c.name)).map((c) => [c.name, c]));
  const needs = new Map<string, string[]>();
  let orphan = false;
  const need = (name: string, what: string) => {
    if (paused.has(name)) needs.set(name, [...(needs.get(name) ?? []), what]);
  };
  for (const a of actions) {
    if (a.kind === 'update-firewall') {
      need(a.sandbox, a.orphan ? `its rules change: ${a.service} is not in the manifest` : 'its rules change');
      orphan ||= Boolean(a.orphan && paused.has(a.sandbox));
    }
    const probe = probeIn(a);
    if (probe) need(probe.sandbox, `it probes ${probe.child} for ${paused.get(probe.sandbox)?.service}`);
  }
  return { needs, orphan };
}

/** The plan's refusal when it needs something run in a paused sandbox: each named, with what it needs of it. */
export function pausedInTheWay(actions: Action[], observed: ObservedState, hitch: Invocation): UserError | undefined {
  const { needs, orphan } = pausedNeeds(actions, observed);
  if (needs.size === 0) return undefined;
  const listed = [...needs].map(([name, what]) => `${name} (${what.join(', ')})`).join('; ');
  const names = [...needs.keys()];
  const unpause = unpauseRemedy(names);
  return new UserError(
    `nothing runs in a paused sandbox, and this plan needs something run in ${names.length === 1 ? 'this one' : `these ${names.length}`}: ${listed}`,
    orphan ? `${unpause}, or remove the orphans with \`${hitchCommand(hitch, 'up --remove-orphans')}\`` : unpause,
  );
}
