// Runs a Plan: each action starts as soon as the actions it waits for are done (not level by level),
// at most `concurrency` at a time (a turn in the endpoint queue does not count), the longest chain
// first (schedule.ts). A failed action skips exactly the actions that wait on it.
import type { Invocation } from '../plan/hitch-command.js';
import type { Action, Plan } from '../plan/model.js';
import { planDefects } from '../plan/plan-check.js';
import type { Engine } from './engine.js';
import { leavesNetworkFirst, runAction } from './actions.js';
import { RefusedError } from './engine-errors.js';
import { endpointQueue, type EndpointQueue } from './endpoint-queue.js';
import { SandboxChannels } from './sandbox-channel.js';
import { priorities, priorityLimiter } from './schedule.js';

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
  /** Service → its firewall's chain as the kernel listed it when this run applied or checked it (`up` reports from it). */
  firewalls?: Record<string, string>;
}

/** `invocation`: how the project was named, for the commands the actions' remedies give (hitch-command.ts). */
export interface ExecOptions extends Invocation {
  concurrency?: number;
  onEvent?: (event: ExecEvent) => void;
  /** Actions known to fail before anything runs (a service whose image cannot be had): never run, their waiters skipped. */
  failed?: Record<string, Error>;
}

export async function execute(engine: Engine, plan: Plan, opts: ExecOptions = {}): Promise<ExecutionResult> {
  const defects = planDefects(plan);
  if (defects.length > 0) throw new Error(`refusing to run an inconsistent plan for ${plan.project}:\n${defects.join('\n')}`);
  const emit = opts.onEvent ?? (() => {});
  const limit = priorityLimiter(opts.concurrency ?? 8);
  // A sandbox leaving the network goes before any other ready action: the endpoint queue, one call at a
  // time, is the longest chain of a `down` (a turn per sandbox, which no other work can shorten), and the
  // action gives its slot back as soon as it waits its turn. Ranked by chain alone, every service's
  // removal went first and the queue stood idle until they were all gone.
  const priority = priorities(plan.actions, leavesNetworkFirst);
  const endpoints = endpointQueue();
  const sandboxes = new SandboxChannels(engine);
  const outcomes: Record<string, ActionOutcome> = {};
  const errors: Record<string, Error> = {};
  const blockers: Record<string, string> = {};
  const firewalls: Record<string, string> = {};
  const byId = new Map(plan.actions.map((a) => [a.id, a]));
  const running = new Map<string, Promise<ActionOutcome>>();

  /** The first of `ids` that did not succeed, once all are over. */
  const blockerAmong = async (ids: string[]): Promise<string | undefined> => {
    const results = await Promise.all(ids.map((id) => run(byId.get(id)!)));
    return ids.find((_, i) => results[i] !== 'done');
  };
  const skip = (action: Action, blocker: string): ActionOutcome => {
    blockers[action.id] = blocker;
    emit({ type: 'skipped', action, because: blocker });
    return 'skipped';
  };
  const fail = (action: Action, thrown: Error): ActionOutcome => {
    const error = thrown instanceof RefusedError ? thrown.named(opts) : thrown;
    errors[action.id] = error;
    emit({ type: 'failed', action, error });
    return 'failed';
  };

  const run = (action: Action): Promise<ActionOutcome> => {
    const existing = running.get(action.id);
    if (existing) return existing;
    const promise = (async (): Promise<ActionOutcome> => {
      const known = opts.failed?.[action.id];
      // known before the plan runs: nothing it waits for need run on its account
      if (known) return fail(action, known);
      // A new service container is made while its children get ready; only its start waits for them.
      // Should one of them fail, the container, which never ran, goes again: a failed `up` leaves the
      // same as before, nothing half-made.
      const early = action.kind === 'create-container' && action.createAfter ? { after: action.createAfter, spec: action.container } : undefined;
      if (early) {
        const blocker = await blockerAmong(early.after);
        if (blocker) return skip(action, blocker);
        try {
          await limit(() => engine.createContainer(early.spec), priority.get(action.id)!);
        } catch (err) {
          return fail(action, err as Error);
        }
      }
      const blocker = await blockerAmong(action.waitsFor);
      if (blocker) {
        if (early) await engine.removeContainer(early.spec.name).catch(() => {}); // the skip is what to report
        return skip(action, blocker);
      }
      return limit(async (slot) => {
        const started = Date.now();
        emit({ type: 'start', action });
        // A turn in the endpoint queue holds no slot: the queue is its own bound (one call at a time, so at
        // most one engine call over `concurrency`), and sandboxes parked in it would keep ready work waiting.
        const queued: EndpointQueue = (call) => slot.aside(() => endpoints(call));
        try {
          const output = await runAction(engine, action, { created: early !== undefined, endpoints: queued, sandboxes, invocation: opts.invocation });
          if (output.firewall) firewalls[output.firewall.service] = output.firewall.listing;
          emit({ type: 'done', action, ms: Date.now() - started });
          return 'done';
        } catch (err) {
          return fail(action, err as Error);
        }
      }, priority.get(action.id)!);
    })();
    running.set(action.id, promise);
    return promise;
  };

  const settled = await Promise.all(plan.actions.map(run)).finally(() => sandboxes.closeAll());
  plan.actions.forEach((a, i) => (outcomes[a.id] = settled[i]));
  return { outcomes, errors, blockers, firewalls };
}
