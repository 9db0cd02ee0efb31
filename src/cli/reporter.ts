// Shows an executing plan: listr2 on a terminal, one plain line per event otherwise, nothing with --json
// (the JSON document comes at the end). listr2 is imported lazily: `hitch --version` must stay fast.
import type { ExecEvent } from '../engine/executor.js';
import type { Plan } from '../plan/model.js';
import { describe } from './describe.js';

export interface Reporter {
  onPlan(plan: Plan): void;
  onEvent(e: ExecEvent): void;
  /** Resolves once the display has drawn its last frame. */
  finish(): Promise<void>;
  /** Ends the display now (hitch was interrupted): what is not done yet is drawn as interrupted. */
  interrupt(): Promise<void>;
}

export type ReporterKind = 'tty' | 'plain' | 'json';

export function reporterKind(json: boolean, stream: NodeJS.WriteStream = process.stderr): ReporterKind {
  if (json) return 'json';
  // A terminal that reports no width (some ptys) would get one character per line from listr2.
  return stream.isTTY && stream.columns > 0 && !process.env.CI ? 'tty' : 'plain';
}

export function plainReporter(write: (line: string) => void): Reporter {
  return {
    onPlan: () => {},
    onEvent: (e) => {
      if (e.type === 'done') write(`✔ ${describe(e.action)} (${e.ms} ms)`);
      if (e.type === 'failed') write(`✖ ${describe(e.action)}: ${e.error.message}`);
      if (e.type === 'skipped') write(`- ${describe(e.action)}: skipped, waits for ${e.because} which did not succeed`);
    },
    finish: async () => {},
    interrupt: async () => {},
  };
}

export const silentReporter: Reporter = { onPlan: () => {}, onEvent: () => {}, finish: async () => {}, interrupt: async () => {} };

interface Deferred {
  promise: Promise<string | undefined>; // resolves with a skip reason, or undefined when done
  resolve: (skip?: string) => void;
  reject: (err: Error) => void;
}

function deferred(): Deferred {
  let resolve!: Deferred['resolve'];
  let reject!: Deferred['reject'];
  const promise = new Promise<string | undefined>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // observed by listr; never an unhandled rejection
  return { promise, resolve, reject };
}

export function ttyReporter(): Reporter {
  const pending = new Map<string, Deferred>();
  let rendering: Promise<unknown> = Promise.resolve();
  return {
    onPlan(plan) {
      if (plan.actions.length === 0) return;
      for (const a of plan.actions) pending.set(a.id, deferred());
      rendering = import('listr2').then(({ Listr }) =>
        new Listr(
          plan.actions.map((a) => ({
            title: describe(a),
            task: async (_ctx: unknown, task: { skip: (msg: string) => void }) => {
              const skip = await pending.get(a.id)!.promise;
              if (skip) task.skip(`${describe(a)}: skipped, waits for ${skip}`);
            },
          })),
          // Ctrl-C is hitch's (interrupt.ts): listr2's own handler exits 127 at once, the lock left behind.
          { concurrent: true, exitOnError: false, registerSignalListeners: false, rendererOptions: { collapseErrors: false } },
        ).run().catch(() => {}),
      );
    },
    onEvent(e) {
      const d = pending.get(e.action.id);
      if (e.type === 'done') d?.resolve();
      if (e.type === 'failed') d?.reject(e.error);
      if (e.type === 'skipped') d?.resolve(e.because);
    },
    finish: () => rendering.then(() => {}),
    interrupt() {
      // every task fails at once, so listr2 ends: last frame drawn, stderr and the cursor given back
      for (const d of pending.values()) d.reject(new Error('interrupted'));
      return rendering.then(() => {});
    },
  };
}

export function makeReporter(kind: ReporterKind): Reporter {
  if (kind === 'tty') return ttyReporter();
  if (kind === 'plain') return plainReporter((line) => process.stderr.write(line + '\n'));
  return silentReporter;
}
