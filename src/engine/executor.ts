// Runs a Plan: each action starts as soon as the actions it waits for are done (not level by level),
// at most `concurrency` at a time. A failed action skips exactly the actions that wait on it.
import type { Action, Plan } from '../plan/model.js';
import type { Engine } from './engine.js';
import { runAction } from './actions.js';

export type ActionOutcome = 'done' | 'failed' | 'skipped';

export type ExecEvent =
  | { type: 'start'; action: Action }
  | { type: 'done'; action: Action; ms: number }
  | { type: 'failed'; action: Action; error: Error }
  | { type: 'skipped'; action: Action; because: string };

export interface ExecutionResult {
  outcomes: Record<string, ActionOutcome>;
  errors: Record<string, Error>;
  blockers: Record<string, string>; // skipped action → the action it waited for that did not succeed
  /** Service → its firewall's chain as the kernel listed it when this run applied it (`up` reports from it). */
  firewalls?: Record<string, string>;
}

export interface ExecOptions {
  concurrency?: number;
  onEvent?: (event: ExecEvent) => void;
  /** Actions known to fail before anything runs (a service whose image cannot be had): never run, their waiters skipped. */
  failed?: Record<string, Error>;
}

function limiter(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  return async (work) => {
    // A freed slot passes straight to the next waiter: counting it free in between would let a newcomer
    // take it too, one over the bound.
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active--;
    }
  };
}

export async function execute(engine: Engine, plan: Plan, opts: ExecOptions = {}): Promise<ExecutionResult> {
  const emit = opts.onEvent ?? (() => {});
  const limit = limiter(opts.concurrency ?? 8);
  const outcomes: Record<string, ActionOutcome> = {};
  const errors: Record<string, Error> = {};
  const blockers: Record<string, string> = {};
  const firewalls: Record<string, string> = {};
  const byId = new Map(plan.actions.map((a) => [a.id, a]));
  const running = new Map<string, Promise<ActionOutcome>>();

  const run = (action: Action): Promise<ActionOutcome> => {
    const existing = running.get(action.id);
    if (existing) return existing;
    const promise = (async (): Promise<ActionOutcome> => {
      const deps = action.waitsFor.filter((id) => byId.has(id));
      const results = await Promise.all(deps.map((id) => run(byId.get(id)!)));
      const blocker = deps.find((_, i) => results[i] !== 'done');
      if (blocker) {
        blockers[action.id] = blocker;
        emit({ type: 'skipped', action, because: blocker });
        return 'skipped';
      }
      const known = opts.failed?.[action.id];
      if (known) {
        errors[action.id] = known;
        emit({ type: 'failed', action, error: known });
        return 'failed';
      }
      return limit(async () => {
        const started = Date.now();
        emit({ type: 'start', action });
        try {
          const output = await runAction(engine, action);
          if (output.firewall) firewalls[output.firewall.service] = output.firewall.listing;
          emit({ type: 'done', action, ms: Date.now() - started });
          return 'done';
        } catch (err) {
          errors[action.id] = err as Error;
          emit({ type: 'failed', action, error: err as Error });
          return 'failed';
        }
      });
    })();
    running.set(action.id, promise);
    return promise;
  };

  const settled = await Promise.all(plan.actions.map(run));
  plan.actions.forEach((a, i) => (outcomes[a.id] = settled[i]));
  return { outcomes, errors, blockers, firewalls };
}
