// Commands whose output has no JSON form: a script that asks for one gets a usage error it can see
// (exit 2), not text it would fail to parse.
import { UsageError } from '../user-error.js';
import type { GlobalOptions } from './context.js';

/** Refuses `--json` for `command`, whose output is `what`; `instead` says what a script can use. */
export function refuseJson(g: GlobalOptions, command: string, what: string, instead: string): void {
  if (g.json) throw new UsageError(`${command} has no --json output: it prints ${what}`, instead);
}
