// `stop`: stop services' containers without removing them, parents before children (restart's start
// order, backwards), each service container before its sandbox. The sandbox goes too: it holds the
// published host ports (compose's stop frees them), and it is that service's alone, so no other
// service loses its network by it. `start` or `up` brings both back, firewall first.
import type { Engine } from '../engine/engine.js';
import type { ObservedContainer } from '../plan/observed.js';
import { unpauseRemedy } from '../plan/paused.js';
import { UserError } from '../user-error.js';
import { startOrderOnEngine } from './engine-order.js';
import { lastLogLines } from './failures.js';
import { withProjectLock, type LockOptions } from './lock.js';
import { pickOrWarn, type ProjectScope } from './lookup.js';
import type { Failure } from './summary.js';

export interface StopOptions {
  timeoutSec?: number; // default: each container's own stop_grace_period
  onStopped?: (service: string) => void;
  onWarning?: (message: string) => void; // services named that have no container, or a project with none: nothing to stop
  lock?: LockOptions; // stop changes containers: one command at a time per project, like restart
}

/** What was stopped, and what failed: as `up` and `down` (and start, restart), a failure is in the result, not thrown. */
export interface StopResult {
  stopped: string[]; // in the order they were stopped, parents first
  failed: Failure[]; // the one the engine refused to stop, as up's summary lists a failure
}

/** Stops one container; one the engine refuses is a failure named with it (an unreachable engine is already a UserError). */
async function stopOne(engine: Engine, project: string, c: ObservedContainer, timeoutSec: number | undefined): Promise<Failure | undefined> {
  try {
    await engine.stopContainer(c.id, timeoutSec);
    return undefined;
  } catch (err) {
    const error = err instanceof UserError ? err.message : `cannot stop ${c.name}: ${(err as Error).message}`;
    const remedy = err instanceof UserError ? err.remedy : undefined;
    const logs = (await lastLogLines(engine, project, [c.service]))[c.service] ?? [];
    return { service: c.service, action: `stop ${c.name}`, error, ...(remedy ? { remedy } : {}), logs };
  }
}

/**
 * Stops the named services (default: all on the engine, orphans too), parents first. A container already
 * stopped is left as it is: stopping it again is no error. One the engine refuses to stop ends the stop
 * there: the result has the services stopped before it, and the failure.
 */
export async function stop(engine: Engine, scope: ProjectScope, services: string[], opts: StopOptions = {}): Promise<StopResult> {
  return withProjectLock(engine, scope.name, 'stop', opts.lock ?? {}, async () => {
    const observed = await engine.observe(scope.name, []);
    const targets = pickOrWarn(observed, scope, services, 'so nothing to stop', opts.onWarning);
    // the engine will not signal a frozen process: refused before anything stops, as up refuses them
    const paused = targets.flatMap((t) => [t.main, t.sandbox]).filter((c) => c?.paused).map((c) => c!.name);
    if (paused.length > 0) throw new UserError(`${paused.join(', ')} ${paused.length === 1 ? 'is' : 'are'} paused; nothing was stopped`, unpauseRemedy(paused));
    const order = startOrderOnEngine(observed, targets.map((t) => t.service)).reverse();
    for (const [i, service] of order.entries()) {
      const t = targets.find((x) => x.service === service)!;
      // the service first: stopped after its sandbox, it would run on without a network for a while. A
      // restarting container counts as running: stopped, its restart policy starts it no more (compose's stop)
      for (const c of [t.main, t.sandbox]) {
        const failed = c?.running ? await stopOne(engine, scope.name, c, opts.timeoutSec) : undefined;
        if (failed) return { stopped: order.slice(0, i), failed: [failed] };
      }
      opts.onStopped?.(service);
    }
    return { stopped: order, failed: [] };
  });
}
