// `restart`: stop and start service containers, children before parents. Sandboxes are left running:
// they own each service's address, hosts lines and firewall, so links stay true across the restart
// (a restarted sandbox would take its service's network namespace down with it). A sandbox found
// stopped is started first, firewall in force, so its service has a namespace to join.
import type { Engine } from '../engine/engine.js';
import { runAction } from '../engine/actions.js';
import { runsNow } from '../plan/observed.js';
import { UserError } from '../user-error.js';
import { startOrderOnEngine } from './engine-order.js';
import { withProjectLock, type LockOptions } from './lock.js';
import { notCreated, notCreatedWarning, pickOrWarn, type ProjectScope, type ServiceContainers } from './lookup.js';

export interface RestartOptions {
  timeoutSec?: number; // default: each container's own stop_grace_period
  onRestarted?: (service: string) => void;
  onWarning?: (message: string) => void; // services named that have no container, or a project with none: nothing to restart
  lock?: LockOptions; // restart changes containers: one command at a time per project, like up and down
}

/** Each target has both its containers, checked before any is touched: a restart is not left half done. */
function complete(targets: ServiceContainers[]): Array<Required<ServiceContainers>> {
  const incomplete = targets.filter((t) => !t.main || !t.sandbox).map((t) => `"${t.service}"`);
  if (incomplete.length > 0) {
    throw new UserError(`${incomplete.length === 1 ? 'service' : 'services'} ${incomplete.join(', ')} ${incomplete.length === 1 ? 'is' : 'are'} missing a container; nothing was restarted`, 'recreate with `hitch up`');
  }
  return targets as Array<Required<ServiceContainers>>;
}

async function restartOne(engine: Engine, t: Required<ServiceContainers>, opts: RestartOptions): Promise<void> {
  // a restarting sandbox has no namespace for its service to join until its policy starts it, if ever:
  // stopped (which ends its restart loop), it is started here, firewall in force, as a stopped one
  if (t.sandbox.restarting) await engine.stopContainer(t.sandbox.id, opts.timeoutSec);
  if (!runsNow(t.sandbox)) {
    const name = t.sandbox.name;
    await runAction(engine, { id: `start ${name}`, kind: 'start-container', cause: 'restart', waitsFor: [], name, service: t.service, role: 'sandbox' });
  }
  // a restarting service container too: the stop ends its restart loop, the start runs it at once
  await engine.stopContainer(t.main.id, opts.timeoutSec);
  await engine.startContainer(t.main.id);
  opts.onRestarted?.(t.service);
}

/** Restarts the named services (default: all), in start order; resolves with them in that order. */
export async function restart(engine: Engine, scope: ProjectScope, services: string[], opts: RestartOptions = {}): Promise<string[]> {
  return withProjectLock(engine, scope.name, 'restart', opts.lock ?? {}, () => restartLocked(engine, scope, services, opts));
}

async function restartLocked(engine: Engine, scope: ProjectScope, services: string[], opts: RestartOptions): Promise<string[]> {
  const observed = await engine.observe(scope.name, []);
  const found = pickOrWarn(observed, scope, services, 'so nothing to restart', opts.onWarning);
  // compose restarts the containers a service has: one with none is left alone, not refused
  const absent = found.filter(notCreated).map((t) => t.service);
  const targets = complete(found.filter((t) => !notCreated(t)));
  if (services.length > 0 && absent.length > 0) opts.onWarning?.(notCreatedWarning(scope.name, absent, 'so nothing to restart'));
  const order = startOrderOnEngine(observed, targets.map((t) => t.service));
  for (const service of order) await restartOne(engine, targets.find((t) => t.service === service)!, opts);
  return order;
}
