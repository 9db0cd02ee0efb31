// What start, restart and stop print of their outcome: with `--json`, one document, whether they succeed
// or fail part way, so a script learns what was done beside what failed, each failure in `up --json`'s
// shape; a failure exits 1.
import type { Failure } from '../api/summary.js';
import { UserError } from '../user-error.js';
import { printJson } from './context.js';

type OutcomeKey = 'started' | 'restarted' | 'stopped';

/** Prints the document with `json`: `project`, `ok`, the services acted on under `key`, and `failed`. */
export function printOutcome(json: boolean, project: string, key: OutcomeKey, done: readonly string[], failed: readonly Failure[]): void {
  if (json) printJson({ project, ok: failed.length === 0, [key]: done, failed });
}

/**
 * start's, restart's and stop's failure, for the error boundary to say on stderr (exit 1), after the document:
 * what failed (and `more`, what it left undone), with the first remedy given.
 */
export function failureError(failed: readonly Failure[], more = ''): UserError {
  return new UserError(`${failed.map((f) => f.error).join('; ')}${more}`, failed.find((f) => f.remedy)?.remedy);
}
