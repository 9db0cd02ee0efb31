// Finding a service's containers among a project's, with errors that say what exists instead.
import type { Engine } from '../engine/engine.js';
import type { ObservedContainer, ObservedState } from '../plan/observed.js';
import { unpauseRemedy } from '../plan/paused.js';
import { restartedUnder } from '../plan/restarted-under.js';
import { quotedWithGuess } from '../manifest/suggest.js';
import { UsageError, UserError } from '../user-error.js';

export interface ServiceContainers {
  service: string;
  sandbox?: ObservedContainer;
  main?: ObservedContainer; // the service container
}

/** Why a running service container has no network, though the engine says it is up. */
export type SandboxProblem = 'sandbox stopped' | 'sandbox missing' | 'sandbox restarted';

/**
 * What is wrong with a running service's sandbox: stopped or missing, the service has no network (its
 * namespace went with the sandbox), though the engine says its container is up; restarted under it (seen
 * only with the containers' start times: ObserveOptions.startTimes), it has none either, as it kept the
 * old namespace. Undefined otherwise.
 */
export function sandboxProblem(t: ServiceContainers): SandboxProblem | undefined {
  if (!t.main?.running) return undefined;
  if (!t.sandbox) return 'sandbox missing';
  if (!t.sandbox.running) return 'sandbox stopped';
  return restartedUnder(t.main, t.sandbox) ? 'sandbox restarted' : undefined;
}

/** A container's state in fixed words (`ls`, `ps --json`); the engine's own words are in its `status`. */
export type ContainerState = 'running' | 'paused' | 'stopped' | 'missing';

/**
 * A service's state: its container's, unless its sandbox is what keeps it off the network, or is paused
 * (the service still answers, but nothing runs in its sandbox: no new rules, no probes, no `check`).
 */
export type ServiceState = ContainerState | SandboxProblem | 'sandbox paused';

export function containerState(found: { running: boolean; paused?: boolean } | undefined): ContainerState {
  if (!found) return 'missing';
  return found.paused ? 'paused' : found.running ? 'running' : 'stopped';
}

export function serviceState(t: ServiceContainers): ServiceState {
  const pausedSandbox = t.main?.running && !t.main.paused && t.sandbox?.paused;
  return sandboxProblem(t) ?? (pausedSandbox ? 'sandbox paused' : containerState(t.main));
}

export function servicesOf(observed: ObservedState): string[] {
  return [...new Set(observed.containers.map((c) => c.service))].sort();
}

export function containersOf(observed: ObservedState, service: string): ServiceContainers {
  const mine = observed.containers.filter((c) => c.service === service);
  return { service, sandbox: mine.find((c) => c.role === 'sandbox'), main: mine.find((c) => c.role === 'service') };
}

/**
 * A usage error naming those in `wanted` the project has no container of (each with a did-you-mean) and
 * those it has; undefined if it has them all.
 */
export function unknownServices(observed: ObservedState, project: string, wanted: string[]): UsageError | undefined {
  const known = servicesOf(observed);
  const unknown = [...new Set(wanted.filter((s) => !known.includes(s)))];
  if (unknown.length === 0) return undefined;
  return new UsageError(
    `no such service in project ${project}: ${unknown.map((s) => quotedWithGuess(s, known)).join(', ')}`,
    known.length > 0 ? `use one of: ${known.join(', ')}` : `project ${project} has no containers on this engine: start it with \`hitch up\``,
  );
}

/** The named services (default: all of the project's), each checked to exist on the engine. */
export function pick(observed: ObservedState, project: string, wanted: string[]): ServiceContainers[] {
  const unknown = unknownServices(observed, project, wanted); // a name, even in an empty project: as `ps`
  if (unknown) throw unknown;
  const known = servicesOf(observed);
  if (known.length === 0) throw new UserError(`project ${project} has no containers on this engine`, 'start it with `hitch up`');
  return (wanted.length > 0 ? [...new Set(wanted)] : known).map((s) => containersOf(observed, s));
}

/** The running, unpaused service container of one service, for commands that reach into it. */
export async function runningService(engine: Engine, project: string, service: string): Promise<ObservedContainer> {
  const [found] = pick(await engine.observe(project, []), project, [service]);
  if (!found?.main?.running) {
    throw new UserError(`service "${service}" of project ${project} is not running`, 'start it with `hitch up`');
  }
  if (found.main.paused) {
    throw new UserError(`service "${service}" of project ${project} is paused`, unpauseRemedy([found.main.name]));
  }
  return found.main;
}
