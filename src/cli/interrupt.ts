// Ctrl-C (SIGINT) or SIGTERM while a command that changes a project (`up`, `down`, `restart`, `stop`,
// `start`) holds the project's lock: hitch removes the lock, then exits as the signal would have. Node
// alone exits at once and leaves the lock behind, and one not started yet kept the next command waiting
// 30 s. (The next hitch of this host also finds a gone holder's lock stale at once,
// src/engine/lock-owner.ts; a hitch on another machine sharing the engine cannot see our processes, and
// needs the removal.) What the work did stays as it is, neither undone nor finished: the next `up`
// converges from it.
import { constants } from 'node:os';
import type { HeldLock } from '../api/lock.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** An engine that does not answer must not keep an interrupted hitch from exiting. */
export const RELEASE_WAIT_MS = 2500;

type Listener = (signal: NodeJS.Signals) => void;

/** The part of `process` this uses; tests give their own. */
export interface SignalTarget {
  on(signal: NodeJS.Signals, listener: Listener): unknown;
  removeListener(signal: NodeJS.Signals, listener: Listener): unknown;
  exit(code: number): void;
}

export interface InterruptOptions {
  /** Ends the progress display first: listr2 holds stderr while it draws, and hides the cursor. */
  stopDisplay?: () => Promise<void>;
  say: (line: string) => void;
  target?: SignalTarget;
}

/** Exits with the shell's code for a process the signal ended: 128 + its number (130, 143). */
function exitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/**
 * LockOptions.onHeld for the CLI: a first SIGINT or SIGTERM removes the lock, waiting RELEASE_WAIT_MS at
 * the most, then exits; a second exits at once. Returns what removes the handlers again.
 */
export function releaseOnSignal(opts: InterruptOptions): (lock: HeldLock) => () => void {
  const target = opts.target ?? process;
  return (lock) => {
    let interrupted = false;
    const onSignal: Listener = (signal) => {
      if (interrupted) return target.exit(exitCode(signal));
      interrupted = true;
      void releaseThenExit(lock, signal, opts, target);
    };
    for (const s of SIGNALS) target.on(s, onSignal);
    return () => {
      for (const s of SIGNALS) target.removeListener(s, onSignal);
    };
  };
}

async function releaseThenExit(lock: HeldLock, signal: NodeJS.Signals, opts: InterruptOptions, target: SignalTarget): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), RELEASE_WAIT_MS)));
  const removal = (async () => {
    await opts.stopDisplay?.().catch(() => {});
    opts.say(`interrupted by ${signal}: removing the lock ${lock.name} (interrupt again to exit at once)`);
    await lock.release(); // never rejects: a failure is said through onReleaseError (api/lock.ts)
  })();
  if ((await Promise.race([removal, late])) === 'late') {
    opts.say(`the lock ${lock.name} was not removed within ${RELEASE_WAIT_MS / 1000}s; if no hitch is at work on the project, remove it with \`docker rm -f ${lock.name}\``);
  }
  clearTimeout(timer);
  target.exit(exitCode(signal));
}
