// `restart`: stop and start service containers, children before parents, each parent once the children
// it restarts are ready again, as `start` waits for them (src/plan/restart-plan.ts). Sandboxes are left
// running: they own each service's address, hosts lines and firewall, so links stay true across the
// restart (a restarted sandbox would take its service's network namespace down with it). A sandbox found
// stopped is started first, firewall in force, so its service has a namespace to join.
import type { Engine } from '../engine/engine.js';
import { execute, type ExecutionResult } from '../engine/executor.js';
import type { Manifest } from '../manifest/model.js';
import type { Plan } from '../plan/model.js';
import { planRestart, type RestartTarget } from '../plan/restart-plan.js';
import { UserError } from '../user-error.js';
import { failuresOf, PartialFailure } from './partial-failure.js';
import { startOrderOnEngine } from './engine-order.js';
import { imagesOf } from './plan-up.js';
import { withProjectLock, type LockOptions } from './lock.js';
import { notCreated, notCreatedWarning, pickOrWarn, type ProjectScope, type ServiceContainers } from './lookup.js';

export interface RestartOptions {
  timeoutSec?: number; // default: each container's own stop_grace_period
  /** The manifest, when one was read (not under -p): what makes each child ready, which its parents wait for. */
  manifest?: Manifest;
  onRestarted?: (service: string) => void;
  onWarning?: (message: string) => void; // services named that have no container, or a project with none: nothing to restart
  lock?: LockOptions; // restart changes containers: one command at a time per project, like up and down
}

/** Each target has both its containers, checked before any is touched: a restart is not left half done. */
function complete(targets: ServiceContainers[]): RestartTarget[] {
  const incomplete = targets.filter((t) => !t.main || !t.sandbox).map((t) => `"${t.service}"`);
  if (incomplete.length > 0) {
    throw new UserError(`${incomplete.length === 1 ? 'service' : 'services'} ${incomplete.join(', ')} ${incomplete.length === 1 ? 'is' : 'are'} missing a container; nothing was restarted`, 'recreate with `hitch up`');
  }
  return targets as RestartTarget[];
}

/**
 * What failed, and the services not restarted for it (a parent waits for its children), with those that
 * were restarted beside it, in the plan's order; undefined when none failed.
 */
function restartFailure(plan: Plan, execution: ExecutionResult): PartialFailure | undefined {
  const errors = Object.values(execution.errors);
  if (errors.length === 0) return undefined;
  const restarts = plan.actions.flatMap((a) => (a.kind === 'restart-container' && a.role === 'service' ? [{ service: a.service, done: execution.outcomes[a.id] === 'done' }] : []));
  const left = restarts.filter((r) => !r.done).map((r) => r.service);
  const done = restarts.filter((r) => r.done).map((r) => r.service);
  const remedy = errors.find((e): e is UserError => e instanceof UserError)?.remedy;
  return new PartialFailure(`${errors.map((e) => e.message).join('; ')}; not restarted: ${left.join(', ')}`, remedy, done, failuresOf(execution));
}

/**
 * Restarts the named services (default: all), in start order; resolves with them in that order. A
 * failure part way is a PartialFailure, with the services restarted meanwhile.
 */
export async function restart(engine: Engine, scope: ProjectScope, services: string[], opts: RestartOptions = {}): Promise<string[]> {
  return withProjectLock(engine, scope.name, 'restart', opts.lock ?? {}, () => restartLocked(engine, scope, services, opts));
}

async function restartLocked(engine: Engine, scope: ProjectScope, services: string[], opts: RestartOptions): Promise<string[]> {
  // the manifest's images: what each child offers its parents (EXPOSE) and its HEALTHCHECK, for readiness
  const observed = await engine.observe(scope.name, opts.manifest ? imagesOf(opts.manifest) : []);
  const found = pickOrWarn(observed, scope, services, 'so nothing to restart', opts.onWarning);
  // compose restarts the containers a service has: one with none is left alone, not refused
  const absent = found.filter(notCreated).map((t) => t.service);
  const targets = complete(found.filter((t) => !notCreated(t)));
  if (services.length > 0 && absent.length > 0) opts.onWarning?.(notCreatedWarning(scope.name, absent, 'so nothing to restart'));
  const order = startOrderOnEngine(observed, targets.map((t) => t.service));
  const inOrder = order.map((s) => targets.find((t) => t.service === s)!);
  const plan = planRestart({ project: scope.name, targets: inOrder, observed, manifest: opts.manifest, stopTimeoutSec: opts.timeoutSec });
  const execution = await execute(engine, plan, {
    onEvent: (e) => {
      if (e.type === 'done' && e.action.kind === 'restart-container' && e.action.role === 'service') opts.onRestarted?.(e.action.service);
    },
  });
  const failure = restartFailure(plan, execution);
  if (failure) throw failure;
  return order;
}
