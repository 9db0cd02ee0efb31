// Finding a service's containers among a project's, by the names its manifest declares and those on the
// engine, with errors that say what exists instead.
import type { Engine } from '../engine/engine.js';
import type { ObservedContainer, ObservedState } from '../plan/observed.js';
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { unpauseRemedy } from '../plan/paused.js';
import { quotedWithGuess } from '../manifest/suggest.js';
import { UsageError, UserError } from '../user-error.js';
import type { ServiceContainers } from './service-state.js';

/**
 * The project a command acts on: its name, and the services its manifest declares. Under `-p NAME` no
 * manifest is read (`declared` is undefined): the services found on the engine are all that is known.
 */
export interface ProjectScope extends Invocation {
  name: string;
  declared?: readonly string[];
}

/** The services that have a container on the engine. */
export function servicesOf(observed: ObservedState): string[] {
  return [...new Set(observed.containers.map((c) => c.service))].sort();
}

/** Every name a command takes: the manifest's services and those on the engine (orphans stay addressable). */
export function knownServices(observed: ObservedState, scope: ProjectScope): string[] {
  return [...new Set([...(scope.declared ?? []), ...servicesOf(observed)])].sort();
}

export function containersOf(observed: ObservedState, service: string): ServiceContainers {
  const mine = observed.containers.filter((c) => c.service === service);
  return { service, sandbox: mine.find((c) => c.role === 'sandbox'), main: mine.find((c) => c.role === 'service') };
}

/** A service the manifest declares that has no container on the engine: never brought up, or taken down. */
export function notCreated(t: ServiceContainers): boolean {
  return !t.sandbox && !t.main;
}

/**
 * A usage error naming those in `wanted` the project does not know (each with a did-you-mean) and those
 * it knows; undefined if it knows them all.
 */
export function unknownServices(observed: ObservedState, scope: ProjectScope, wanted: string[]): UsageError | undefined {
  const known = knownServices(observed, scope);
  const unknown = [...new Set(wanted.filter((s) => !known.includes(s)))];
  if (unknown.length === 0) return undefined;
  return new UsageError(
    `no such service in project ${scope.name}: ${unknown.map((s) => quotedWithGuess(s, known)).join(', ')}`,
    known.length > 0 ? `use one of: ${known.join(', ')}` : `project ${scope.name} has no containers on this engine: start it with \`${hitchCommand(scope, 'up')}\``,
  );
}

/**
 * The named services (default: every one known), each checked to be known. A service named that has no
 * container comes back without any (`notCreated`): each command says what follows, as compose does for a
 * service it has no container of. No name in a project with nothing on the engine is an error: it is not up.
 */
export function pick(observed: ObservedState, scope: ProjectScope, wanted: string[]): ServiceContainers[] {
  const unknown = unknownServices(observed, scope, wanted);
  if (unknown) throw unknown;
  if (wanted.length === 0 && servicesOf(observed).length === 0) {
    throw new UserError(`project ${scope.name} has no containers on this engine`, `start it with \`${hitchCommand(scope, 'up')}\``);
  }
  return (wanted.length > 0 ? [...new Set(wanted)] : knownServices(observed, scope)).map((s) => containersOf(observed, s));
}

/**
 * pick, for `logs`, `restart` and `stop`, which have nothing to do for a service with no container, and
 * say so: the services that have one. Without names, a project with no container on the engine has
 * nothing to show, restart or stop, and compose v2 exits 0 there; so does hitch, with a warning instead of
 * an error. Named, a service the manifest declares that has no container is left out, as compose does,
 * with a warning; without names such services are left out silently (compose lists what exists).
 */
export function pickOrWarn(observed: ObservedState, scope: ProjectScope, wanted: string[], consequence: string, onWarning?: (message: string) => void): ServiceContainers[] {
  if (wanted.length === 0 && servicesOf(observed).length === 0) {
    onWarning?.(`project ${scope.name} has no containers on this engine, ${consequence}; run \`${hitchCommand(scope, 'up')}\` to start it`);
    return [];
  }
  const found = pick(observed, scope, wanted);
  const absent = found.filter(notCreated).map((t) => t.service);
  if (wanted.length > 0 && absent.length > 0) onWarning?.(notCreatedWarning(scope, absent, consequence));
  return found.filter((t) => !notCreated(t));
}

/** `port` and `exec` on a service with no container: compose says `service "web" is not running`; this says how to make it. */
export function notCreatedError(scope: ProjectScope, service: string, consequence = ''): UserError {
  return new UserError(`service "${service}" of project ${scope.name} has no container${consequence}`, `create it with \`${hitchCommand(scope, `up ${service}`)}\``);
}

/** `service "web" of project shop has no container` for one or more services, and the pronoun for them. */
export function noContainer(project: string, services: readonly string[]): { said: string; them: 'it' | 'them' } {
  const [noun, verb, them] = services.length === 1 ? (['service', 'has', 'it'] as const) : (['services', 'have', 'them'] as const);
  return { said: `${noun} ${services.map((s) => `"${s}"`).join(', ')} of project ${project} ${verb} no container`, them };
}

/** `logs`, `restart` and `stop` of services named with no container: nothing to do, as in compose, and said so. */
export function notCreatedWarning(scope: ProjectScope, services: string[], consequence: string): string {
  const { said, them } = noContainer(scope.name, services);
  return `${said}, ${consequence}; run \`${hitchCommand(scope, `up ${services.join(' ')}`)}\` to create ${them}`;
}

/**
 * How to get a service's containers running again, for `port` and `exec` refusing one that does not run:
 * `start` when both containers exist and neither runs (start creates nothing, and waits for children as
 * up does); `restart` when its sandbox is down or between two starts under a running service container
 * (restart starts the sandbox, firewall in force, then the service in its namespace, where `start`
 * refuses: that is more than starting); `up` when a container is missing.
 */
export function runAgainRemedy(scope: ProjectScope, t: ServiceContainers): string {
  const run = (command: string) => `\`${hitchCommand(scope, `${command} ${t.service}`)}\``;
  if (!t.sandbox || !t.main) return `recreate it with ${run('up')}`;
  if (t.sandbox.restarting) return `wait for its restart policy, or restart it with ${run('restart')}`;
  if (t.main.running) return `restart it with ${run('restart')}`;
  return `start it with ${run('start')}`;
}

/** The running, unpaused service container of one service, for commands that reach into it. */
export async function runningService(engine: Engine, scope: ProjectScope, service: string): Promise<ObservedContainer> {
  const found = pick(await engine.observe(scope.name, []), scope, [service])[0]!;
  if (notCreated(found)) throw notCreatedError(scope, service);
  if (!found.main?.running) {
    throw new UserError(`service "${service}" of project ${scope.name} is not running`, runAgainRemedy(scope, found));
  }
  if (found.main.paused) {
    throw new UserError(`service "${service}" of project ${scope.name} is paused`, unpauseRemedy([found.main.name]));
  }
  // the engine counts it as running, but nothing runs in it until its restart policy starts it again
  if (found.main.restarting) {
    throw new UserError(`service "${service}" of project ${scope.name} is restarting: it exited, and its restart policy starts it again`, `see why it exits with \`${hitchCommand(scope, `logs ${service}`)}\``);
  }
  return found.main;
}
