// `stop`: stop services' containers without removing them, parents before children (restart's start
// order, backwards), each service container before its sandbox. The sandbox goes too: it holds the
// published host ports (compose's stop frees them), and it is that service's alone, so no other
// service loses its network by it. `start` or `up` brings both back, firewall first.
import type { Engine } from '../engine/engine.js';
import type { ObservedContainer } from '../plan/observed.js';
import { unpauseRemedy } from '../plan/paused.js';
import { UserError } from '../user-error.js';
import { startOrderOnEngine } from './engine-order.js';
import { withProjectLock, type LockOptions } from './lock.js';
import { PartialFailure } from './partial-failure.js';
import { notCreated, notCreatedWarning, pickOrWarn, type ProjectScope } from './lookup.js';

export interface StopOptions {
  timeoutSec?: number; // default: each container's own stop_grace_period
  onStopped?: (service: string) => void;
  onWarning?: (message: string) => void; // services named that have no container, or a project with none: nothing to stop
  lock?: LockOptions; // stop changes containers: one command at a time per project, like restart
}

/** Stops one container; an engine's refusal says what was stopped before it, for `stop --json`. */
async function stopOne(engine: Engine, c: ObservedContainer, timeoutSec: number | undefined, stopped: readonly string[]): Promise<void> {
  try {
    await engine.stopContainer(c.id, timeoutSec);
  } catch (err) {
    // one the engine refuses (not an unreachable engine, already a UserError) is named with the refusal
    const message = err instanceof UserError ? err.message : `cannot stop ${c.name}: ${(err as Error).message}`;
    throw new PartialFailure(message, (err as UserError).remedy, [...stopped], [{ action: `stop ${c.name}`, message }]);
  }
}

/**
 * Stops the named services (default: all on the engine, orphans too), parents first; resolves with them
 * in that order. A container already stopped is left as it is: stopping it again is no error. One the
 * engine refuses to stop ends the stop there, a PartialFailure with the services stopped before it.
 */
export async function stop(engine: Engine, scope: ProjectScope, services: string[], opts: StopOptions = {}): Promise<string[]> {
  return withProjectLock(engine, scope.name, 'stop', opts.lock ?? {}, async () => {
    const observed = await engine.observe(scope.name, []);
    const found = pickOrWarn(observed, scope, services, 'so nothing to stop', opts.onWarning);
    const absent = found.filter(notCreated).map((t) => t.service);
    if (services.length > 0 && absent.length > 0) opts.onWarning?.(notCreatedWarning(scope.name, absent, 'so nothing to stop'));
    const targets = found.filter((t) => !notCreated(t));
    // the engine will not signal a frozen process: refused before anything stops, as up refuses them
    const paused = targets.flatMap((t) => [t.main, t.sandbox]).filter((c) => c?.paused).map((c) => c!.name);
    if (paused.length > 0) throw new UserError(`${paused.join(', ')} ${paused.length === 1 ? 'is' : 'are'} paused; nothing was stopped`, unpauseRemedy(paused));
    const order = startOrderOnEngine(observed, targets.map((t) => t.service)).reverse();
    const stopped: string[] = [];
    for (const service of order) {
      const t = targets.find((x) => x.service === service)!;
      // the service first: stopped after its sandbox, it would run on without a network for a while. A
      // restarting container counts as running: stopped, its restart policy starts it no more (compose's stop)
      for (const c of [t.main, t.sandbox]) if (c?.running) await stopOne(engine, c, opts.timeoutSec, stopped);
      stopped.push(service);
      opts.onStopped?.(service);
    }
    return order;
  });
}
