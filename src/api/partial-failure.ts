// A command that changes several services and failed part way: the error says what went wrong, and
// carries what was done before or beside it, so `--json` can still report both.
import type { ExecutionResult } from '../engine/executor.js';
import { UserError } from '../user-error.js';

/** One action that failed: its id (`service:web`, `sandbox:db`, as a plan names it) and the error's message. */
export interface Failure {
  action: string;
  message: string;
}

/** Each action of a run that failed, as `--json` lists it (start, restart, stop). */
export function failuresOf(execution: Pick<ExecutionResult, 'errors'>): Failure[] {
  return Object.entries(execution.errors).map(([action, err]) => ({ action, message: err.message }));
}

export class PartialFailure extends UserError {
  override name = 'PartialFailure';

  constructor(
    message: string,
    remedy: string | undefined,
    /** The services the command did act on, in its order. */
    readonly done: readonly string[],
    readonly failed: readonly Failure[],
  ) {
    super(message, remedy);
  }
}
