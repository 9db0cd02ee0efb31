// `--json` of the commands that act on services one after another (restart, stop): the same document
// whether they succeed or fail part way, so a script learns what was done beside what failed.
import { PartialFailure, type Failure } from '../api/partial-failure.js';
import { printJson } from './context.js';

export type OutcomeKey = 'restarted' | 'stopped';

/** `start --json`'s shape: `ok`, the services acted on under `key`, and each action that failed. */
export function outcomeDocument(project: string, key: OutcomeKey, done: readonly string[], failed: readonly Failure[]): Record<string, unknown> {
  return { project, ok: failed.length === 0, [key]: done, failed };
}

/** Runs the command; with `json`, prints its document, on a PartialFailure too (which still exits 1, said on stderr). */
export async function printOutcome(json: boolean, project: string, key: OutcomeKey, run: () => Promise<readonly string[]>): Promise<void> {
  try {
    const done = await run();
    if (json) printJson(outcomeDocument(project, key, done, []));
  } catch (err) {
    if (json && err instanceof PartialFailure) printJson(outcomeDocument(project, key, err.done, err.failed));
    throw err;
  }
}
