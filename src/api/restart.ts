// `restart`: stop and start service containers, children before parents, each parent once the children
// it restarts are ready again, as `start` waits for them (src/plan/restart-plan.ts). Sandboxes are left
// running: they own each service's address, hosts lines and firewall, so links stay true across the
// restart (a restarted sandbox would take its service's network namespace down with it). A sandbox found
// stopped is started first, firewall in force, so its service has a namespace to join.
import type { Engine } from '../engine/engine.js';
import { execute } from '../engine/executor.js';
import type { Manifest } from '../manifest/model.js';
import { planRestart, type RestartTarget } from '../plan/restart-plan.js';
import { UserError } from '../user-error.js';
import { failuresOfRun } from './failures.js';
import { startOrderOnEngine } from './engine-order.js';
import { imagesOf } from './plan-up.js';
import { withProjectLock, type LockOptions } from './lock.js';
import { hitchCommand } from '../plan/hitch-command.js';
import { pickOrWarn, type ProjectScope } from './lookup.js';
import { type ServiceContainers } from './service-state.js';
import type { Failure } from './summary.js';

export interface RestartOptions {
  timeoutSec?: number; // default: each container's own stop_grace_period
  /** The manifest, when one was read (not under -p): what makes each child ready, which its parents wait for. */
  manifest?: Manifest;
  onRestarted?: (service: string) => void;
  onWarning?: (message: string) => void; // services named that have no container, or a project with none: nothing to restart
  lock?: LockOptions; // restart changes containers: one command at a time per project, like up and down
}

/** What was restarted and what was not: as `up` and `down` (and start, stop), a failure is in the result, not thrown. */
export interface RestartResult {
  restarted: string[]; // in the plan's order, children first
  notRestarted: string[]; // those that failed, and the parents that waited for them
  failed: Failure[]; // each failed service once, as up's summary lists it
}

/** Each target has both its containers, checked before any is touched: a restart is not left half done. */
function complete(scope: ProjectScope, targets: ServiceContainers[]): RestartTarget[] {
  const incomplete = targets.filter((t) => !t.main || !t.sandbox).map((t) => `"${t.service}"`);
  if (incomplete.length > 0) {
    throw new UserError(`${incomplete.length === 1 ? 'service' : 'services'} ${incomplete.join(', ')} ${incomplete.length === 1 ? 'is' : 'are'} missing a container; nothing was restarted`, `recreate with \`${hitchCommand(scope, 'up')}\``);
  }
  return targets as RestartTarget[];
}

/**
 * Restarts the named services (default: all), in start order. A child that does not come back leaves the
 * parents waiting for it as they were: the result names them, beside those restarted and what failed.
 */
export async function restart(engine: Engine, scope: ProjectScope, services: string[], opts: RestartOptions = {}): Promise<RestartResult> {
  return withProjectLock(engine, scope.name, 'restart', opts.lock ?? {}, () => restartLocked(engine, scope, services, opts));
}

async function restartLocked(engine: Engine, scope: ProjectScope, services: string[], opts: RestartOptions): Promise<RestartResult> {
  // the manifest's images: what each child offers its parents (EXPOSE) and its HEALTHCHECK, for readiness
  const observed = await engine.observe(scope.name, opts.manifest ? imagesOf(opts.manifest) : []);
  // compose restarts the containers a service has: one with none is left alone, not refused
  const targets = complete(scope, pickOrWarn(observed, scope, services, 'so nothing to restart', opts.onWarning));
  const order = startOrderOnEngine(observed, targets.map((t) => t.service));
  const inOrder = order.map((s) => targets.find((t) => t.service === s)!);
  const plan = planRestart({ project: scope.name, targets: inOrder, observed, manifest: opts.manifest, stopTimeoutSec: opts.timeoutSec });
  const execution = await execute(engine, plan, {
    invocation: scope.invocation,
    onEvent: (e) => {
      if (e.type === 'done' && e.action.kind === 'restart-container' && e.action.role === 'service') opts.onRestarted?.(e.action.service);
    },
  });
  const restarts = plan.actions.flatMap((a) => (a.kind === 'restart-container' && a.role === 'service' ? [{ service: a.service, done: execution.outcomes[a.id] === 'done' }] : []));
  return {
    restarted: restarts.filter((r) => r.done).map((r) => r.service),
    notRestarted: restarts.filter((r) => !r.done).map((r) => r.service),
    failed: await failuresOfRun(engine, plan, execution),
  };
}
