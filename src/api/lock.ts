// One `up`, `down` or `restart` at a time per project: the second waits for the first, saying so, or
// fails clearly after a timeout. The mutex lives on the engine (src/engine/mutex.ts), so it holds across
// machines that share a remote engine, and a killed holder leaves a lock anyone can see is stale.
import { hostname } from 'node:os';
import type { Engine } from '../engine/engine.js';
import { lockName } from '../manifest/container-names.js';
import { LABEL } from '../plan/model.js';
import { UserError } from '../user-error.js';

const OWNER_LABEL = 'io.hitch.lock.owner';
const SINCE_LABEL = 'io.hitch.lock.since';
export const DEFAULT_LOCK_TIMEOUT_MS = 300_000;
const MAX_POLL_MS = 1000;

/** Whether an `up`, `down` or `restart` is at work on the project now. */
export function projectLockHeld(engine: Engine, project: string): Promise<boolean> {
  return engine.lockHeld(lockName(project));
}

export interface LockOptions {
  timeoutMs?: number;
  /** Called once, when the lock is found held: who holds it, in words. */
  onWait?: (message: string) => void;
  /** The work is done but the lock could not be removed: the next command will find it stale. */
  onReleaseError?: (message: string) => void;
}

function describeHolder(labels: Record<string, string>): string {
  return `${labels[OWNER_LABEL] ?? 'another hitch'} since ${labels[SINCE_LABEL] ?? 'an unknown time'}`;
}

/** Runs `work` holding the project's lock; always releases it, also when `work` fails. */
export async function withProjectLock<T>(engine: Engine, project: string, command: string, opts: LockOptions, work: () => Promise<T>): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const labels = {
    [LABEL.lock]: project,
    [OWNER_LABEL]: `hitch ${command} (pid ${process.pid} on ${hostname()})`,
    [SINCE_LABEL]: new Date().toISOString(),
  };
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (let delay = 100; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const attempt = await engine.tryLock(lockName(project), labels);
    if (attempt.acquired) {
      try {
        return await work();
      } finally {
        // Failing to remove the lock must not hide what the work did: the lock goes stale on its own.
        await attempt.release().catch((err: Error) => opts.onReleaseError?.(`could not remove the lock ${lockName(project)}: ${err.message}`));
      }
    }
    const stale = !attempt.holder; // cleared just now (by us or by another waiter): try again shortly
    if (stale && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Math.min(delay, 200)));
      continue;
    }
    const who = describeHolder(attempt.holder ?? {});
    if (Date.now() + delay > deadline) {
      throw new UserError(
        `project ${project} is busy: ${who}; gave up after ${timeoutMs / 1000}s`,
        `wait for it to finish and run \`hitch ${command}\` again, or raise --lock-timeout; if no such hitch is running, remove the lock with \`docker rm -f ${lockName(project)}\``,
      );
    }
    if (!told) opts.onWait?.(`project ${project} is busy: ${who}; waiting up to ${timeoutMs / 1000}s`);
    told = true;
    await new Promise((r) => setTimeout(r, delay));
  }
}
