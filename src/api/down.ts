// `down`: remove what `up` made, parents first, found by the project's labels alone, under the
// project's lock so it never interleaves with an `up`.
import type { Engine } from '../engine/engine.js';
import { execute, type ExecEvent, type ExecutionResult } from '../engine/executor.js';
import type { Invocation } from '../plan/hitch-command.js';
import type { Plan } from '../plan/model.js';
import { planDown } from '../plan/reconcile.js';
import { SANDBOX_IMAGE } from '../plan/sandbox.js';
import { lockOptions, withProjectLock, type ProjectLockOptions } from './lock.js';
import { summarize, type Summary } from './summary.js';

/** `invocation`: how the project was named, for the commands the remedies give (hitch-command.ts). */
export interface DownOptions extends ProjectLockOptions, Invocation {
  volumes?: boolean;
  concurrency?: number;
  onPlan?: (plan: Plan) => void;
  onEvent?: (e: ExecEvent) => void;
}

export interface DownResult {
  plan: Plan;
  execution: ExecutionResult;
  summary: Summary;
  ok: boolean;
}

export async function down(engine: Engine, project: string, opts: DownOptions = {}): Promise<DownResult> {
  const started = Date.now();
  const work = async (): Promise<DownResult> => {
    const observed = await engine.observe(project, []);
    const plan = planDown(project, observed, { volumes: opts.volumes ?? false });
    opts.onPlan?.(plan);
    const execution = await execute(engine, plan, { concurrency: opts.concurrency, onEvent: opts.onEvent, invocation: opts.invocation });
    const ok = Object.keys(execution.errors).length === 0;
    return { plan, execution, summary: summarize(plan, execution, started), ok };
  };
  // The lock runs on the sandbox image. Without it no `up` can be running (`up` ensures the image
  // before it locks), and `down` must still work on an engine that never had it.
  if (!(await engine.imageExists(SANDBOX_IMAGE))) return work();
  return withProjectLock(engine, project, 'down', lockOptions(opts), work);
}
