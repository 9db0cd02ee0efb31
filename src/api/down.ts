// `down`: remove what `up` made, parents first, found by the project's labels alone.
import type { Engine } from '../engine/engine.js';
import { execute, type ExecEvent, type ExecResult } from '../engine/executor.js';
import type { Plan } from '../plan/model.js';
import { planDown } from '../plan/reconcile.js';
import { summarize, type Summary } from './summary.js';

export interface DownOptions {
  volumes?: boolean;
  concurrency?: number;
  onPlan?: (plan: Plan) => void;
  onEvent?: (e: ExecEvent) => void;
}

export interface DownResult {
  plan: Plan;
  execution: ExecResult;
  summary: Summary;
  ok: boolean;
}

export async function down(engine: Engine, project: string, opts: DownOptions = {}): Promise<DownResult> {
  const started = Date.now();
  const observed = await engine.observe(project, []);
  const plan = planDown(project, observed, { volumes: opts.volumes ?? false });
  opts.onPlan?.(plan);
  const execution = await execute(engine, plan, { concurrency: opts.concurrency, onEvent: opts.onEvent });
  const ok = Object.keys(execution.errors).length === 0;
  return { plan, execution, summary: summarize(plan, execution, started), ok };
}
