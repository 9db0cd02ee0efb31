// What state a service is in, from its two containers: the words `ps` and `ls` print, and whether its
// sandbox is what keeps a running service off the network.
import { runsNow, type ObservedContainer } from '../plan/observed.js';
import { restartedUnder } from '../plan/restarted-under.js';

export interface ServiceContainers {
  service: string;
  sandbox?: ObservedContainer;
  main?: ObservedContainer; // the service container
}

/** Why a running service container has no network, though the engine says it is up. */
export type SandboxProblem = 'sandbox stopped' | 'sandbox missing' | 'sandbox restarting' | 'sandbox restarted';

/**
 * What is wrong with a running service's sandbox: stopped, missing or restarting (between two starts of
 * its restart policy), the service has no network (its namespace went with the sandbox), though the
 * engine says its container is up; restarted under it (seen only with the containers' start times:
 * ObserveOptions.startTimes), it has none either, as it kept the old namespace. Undefined otherwise, and
 * for a restarting service container: it joins the sandbox as it is when it next starts.
 */
export function sandboxProblem(t: ServiceContainers): SandboxProblem | undefined {
  if (!t.main || !runsNow(t.main)) return undefined;
  if (!t.sandbox) return 'sandbox missing';
  if (!t.sandbox.running) return 'sandbox stopped';
  if (t.sandbox.restarting) return 'sandbox restarting';
  return restartedUnder(t.main, t.sandbox) ? 'sandbox restarted' : undefined;
}

/**
 * A container's state in fixed words (`ls`, `ps --json`); the engine's own words are in its `status`.
 * `restarting`: between two starts of its restart policy, which the engine counts as running.
 */
export type ContainerState = 'running' | 'paused' | 'restarting' | 'stopped' | 'missing';

/**
 * A service's state: its container's, unless its sandbox is what keeps it off the network, or is paused
 * (the service still answers, but nothing runs in its sandbox: no new rules, no probes, no `check`).
 */
export type ServiceState = ContainerState | SandboxProblem | 'sandbox paused';

export function containerState(found: { running: boolean; paused?: boolean; restarting?: boolean } | undefined): ContainerState {
  if (!found) return 'missing';
  if (found.paused) return 'paused';
  if (found.restarting) return 'restarting';
  return found.running ? 'running' : 'stopped';
}

export function serviceState(t: ServiceContainers): ServiceState {
  const pausedSandbox = containerState(t.main) === 'running' && t.sandbox?.paused;
  return sandboxProblem(t) ?? (pausedSandbox ? 'sandbox paused' : containerState(t.main));
}
