// `--lock-timeout SECONDS` on the commands that change a project (up, down): how long to wait for
// another hitch working on the same project (src/api/lock.ts) before giving up.
import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_LOCK_TIMEOUT_MS } from '../api/lock.js';

function seconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a number of seconds, e.g. 30');
  return n * 1000;
}

export function lockTimeoutOption(): Option {
  const help = `how long to wait while another hitch works on this project (default ${DEFAULT_LOCK_TIMEOUT_MS / 1000})`;
  return new Option('--lock-timeout <seconds>', help).argParser(seconds);
}

/** Where the "waiting for the lock" message goes: stderr, also with --json (stdout stays the document). */
export function lockWaitMessage(message: string): void {
  process.stderr.write(`${message}\n`);
}
