// `--lock-timeout SECONDS` on the commands that change a project (up, down, restart, stop, start): how
// long to wait for another hitch working on the same project (src/api/lock.ts) before giving up; and what
// the CLI does around the lock: says why it waits, and removes the lock when interrupted (interrupt.ts).
import { Option } from 'commander';
import { DEFAULT_LOCK_TIMEOUT_MS, type ProjectLockOptions } from '../api/lock.js';
import { commandLine } from './command-line.js';
import { releaseOnSignal } from './interrupt.js';
import type { Reporter } from './reporter.js';
import { secondsParser } from './seconds.js';

const seconds = secondsParser();

export function lockTimeoutOption(): Option {
  const help = `how long to wait while another hitch works on this project (default ${DEFAULT_LOCK_TIMEOUT_MS / 1000})`;
  return new Option('--lock-timeout <seconds>', help).argParser((value) => seconds(value) * 1000);
}

/** Where the "waiting for the lock" message goes: stderr, also with --json (stdout stays the document). */
export function lockWaitMessage(message: string): void {
  process.stderr.write(`${message}\n`);
}

/**
 * The lock's options for a command: --lock-timeout's value, its notices, its removal on Ctrl-C, and the
 * command line as the user gave it, which a refusal after the timeout says to run again.
 */
export function commandLock(lockTimeoutMs: number | undefined, reporter?: Reporter): ProjectLockOptions {
  const stopDisplay = reporter && (() => reporter.interrupt());
  const lockRerun = commandLine(process.argv.slice(2));
  return { lockTimeoutMs, lockRerun, onLockWait: lockWaitMessage, onLockHeld: releaseOnSignal({ stopDisplay, say: lockWaitMessage }) };
}
