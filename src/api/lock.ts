// One `up`, `down`, `restart`, `stop` or `start` at a time per project: the second waits for the first,
// saying so, or fails clearly after a timeout. The mutex lives on the engine (src/engine/mutex.ts), so it holds across
// machines that share a remote engine, and a killed holder leaves a lock anyone can see is stale.
import { hostname } from 'node:os';
import type { Engine } from '../engine/engine.js';
import { OWNER_LABEL, ownerLabel, PIDS_LABEL, processTable } from '../engine/lock-owner.js';
import { lockName } from '../manifest/container-names.js';
import { LABEL } from '../plan/model.js';
import { UserError } from '../user-error.js';

const SINCE_LABEL = 'io.hitch.lock.since';
export const DEFAULT_LOCK_TIMEOUT_MS = 300_000;
const MAX_POLL_MS = 1000;

/** Whether an `up`, `down` or `restart` is at work on the project now. */
export function projectLockHeld(engine: Engine, project: string): Promise<boolean> {
  return engine.lockHeld(lockName(project));
}

/** The lock while it is held: its container's name and id, and its removal (once, however often it is called). */
export interface HeldLock {
  name: string;
  id: string;
  release(): Promise<void>;
}

export interface LockOptions {
  timeoutMs?: number;
  /** The command to run again once the lock is free, as the refusal names it; default `hitch <command>` (the CLI: the line as given). */
  rerun?: string;
  /** Called once, when the lock is found held: who holds it, in words. */
  onWait?: (message: string) => void;
  /** The work is done but the lock could not be removed: the next command will find it stale. */
  onReleaseError?: (message: string) => void;
  /**
   * Called once the lock is taken; returns what to undo once it is released. The CLI removes the lock
   * on SIGINT and SIGTERM (src/cli/interrupt.ts): a library caller's process is not ours to exit.
   */
  onHeld?: (lock: HeldLock) => () => void;
}

/** The lock's options as `up` and `down` take them, among their own (restart takes LockOptions). */
export interface ProjectLockOptions {
  lockTimeoutMs?: number;
  lockRerun?: string;
  onLockWait?: (message: string) => void;
  onLockHeld?: LockOptions['onHeld'];
}

export function lockOptions(o: ProjectLockOptions): LockOptions {
  // lock notices (waiting, a lock left behind) go where the caller shows waiting
  return { timeoutMs: o.lockTimeoutMs, rerun: o.lockRerun, onWait: o.onLockWait, onReleaseError: o.onLockWait, onHeld: o.onLockHeld };
}

/** No label where the platform tells no process table: the lock's owner is then known by its host alone. */
function pidsLabel(pids: string | undefined): Record<string, string> {
  return pids ? { [PIDS_LABEL]: pids } : {};
}

function describeHolder(labels: Record<string, string>): string {
  return `${labels[OWNER_LABEL] ?? 'another hitch'} since ${labels[SINCE_LABEL] ?? 'an unknown time'}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `work` holding the project's lock; always releases it, also when `work` fails. */
export async function withProjectLock<T>(engine: Engine, project: string, command: string, opts: LockOptions, work: (lock: HeldLock) => Promise<T>): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const name = lockName(project);
  const labels = {
    [LABEL.lock]: project,
    [OWNER_LABEL]: ownerLabel(command, process.pid, hostname()),
    ...pidsLabel(processTable()),
    [SINCE_LABEL]: new Date().toISOString(),
  };
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (let delay = 100; ; delay = Math.min(delay * 2, MAX_POLL_MS)) {
    const attempt = await engine.tryLock(name, labels);
    if (attempt.acquired) return holding({ name, id: attempt.id, release: attempt.release }, opts, work);
    const left = deadline - Date.now();
    if (!attempt.holder && left > 0) {
      await sleep(Math.min(delay, 200, left)); // a stale lock was cleared just now (by us or by another waiter)
      continue;
    }
    const who = describeHolder(attempt.holder ?? {});
    // The last try is at the deadline, not a poll interval before it: --lock-timeout 1 waits 1 s.
    if (left <= 0) {
      throw new UserError(
        `project ${project} is busy: ${who}; gave up after ${timeoutMs / 1000}s`,
        `wait for it to finish and run \`${opts.rerun ?? `hitch ${command}`}\` again, or raise --lock-timeout; if no such hitch is running, remove the lock with \`docker rm -f ${name}\``,
      );
    }
    if (!told) opts.onWait?.(`project ${project} is busy: ${who}; waiting up to ${timeoutMs / 1000}s`);
    told = true;
    await sleep(Math.min(delay, left));
  }
}

async function holding<T>(lock: HeldLock, opts: LockOptions, work: (lock: HeldLock) => Promise<T>): Promise<T> {
  // Removed once, whether the work ends first or a signal does (onHeld). Failing to remove it must not
  // hide what the work did: the lock goes stale on its own.
  let removal: Promise<void> | undefined;
  const release = () =>
    (removal ??= lock.release().catch((err: Error) => {
      opts.onReleaseError?.(`could not remove the lock ${lock.name}: ${err.message}`);
    }));
  const held = { name: lock.name, id: lock.id, release };
  const unhook = opts.onHeld?.(held);
  try {
    return await work(held);
  } finally {
    await release();
    unhook?.(); // only now: a signal during the removal waits for it rather than killing hitch mid-way
  }
}
