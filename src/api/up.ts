// `up`: converge the engine to the manifest. Observe once, plan purely, execute the plan.
import type { Engine } from '../engine/engine.js';
import { SubnetTakenError } from '../engine/engine-errors.js';
import { execute, type ExecEvent, type ExecResult } from '../engine/executor.js';
import type { Manifest } from '../manifest/model.js';
import type { Plan } from '../plan/model.js';
import { reconcile } from '../plan/reconcile.js';
import { ensureImages, type ImageEvent } from './images.js';
import { summarize, type Summary } from './summary.js';

const SUBNET_ATTEMPTS = 3;

export interface UpOptions {
  removeOrphans?: boolean;
  dryRun?: boolean;
  build?: boolean;
  concurrency?: number;
  onImage?: (e: ImageEvent) => void;
  onPlan?: (plan: Plan) => void;
  onEvent?: (e: ExecEvent) => void;
}

export interface UpResult {
  plan: Plan;
  execution?: ExecResult; // absent on a dry run
  summary: Summary;
  ok: boolean;
}

export async function planUp(
  engine: Engine,
  manifest: Manifest,
  opts: { removeOrphans?: boolean; avoidSubnets?: string[] } = {},
): Promise<Plan> {
  const refs = Object.values(manifest.services).map((s) => s.image);
  const observed = await engine.observe(manifest.project, refs);
  const usedSubnets = [...observed.usedSubnets, ...(opts.avoidSubnets ?? [])];
  return reconcile(manifest, { ...observed, usedSubnets }, { removeOrphans: opts.removeOrphans });
}

export async function up(engine: Engine, manifest: Manifest, opts: UpOptions = {}): Promise<UpResult> {
  const started = Date.now();
  if (!opts.dryRun) await ensureImages(engine, manifest, { build: opts.build, onEvent: opts.onImage });
  const lostSubnets: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const plan = await planUp(engine, manifest, { ...opts, avoidSubnets: lostSubnets });
    opts.onPlan?.(plan);
    if (opts.dryRun) return { plan, summary: summarize(plan, undefined, started), ok: true };
    const execution = await execute(engine, plan, { concurrency: opts.concurrency, onEvent: opts.onEvent });
    // The subnet hitch picked was taken meanwhile: nothing else ran (everything waits for the network),
    // so observe again and pick another, avoiding the lost one even if the engine does not list its
    // owner yet (a network being created or removed). A subnet the manifest fixed is the user's to change.
    const lost = Object.values(execution.errors).find((e): e is SubnetTakenError => e instanceof SubnetTakenError);
    if (lost && !manifest.subnet && attempt < SUBNET_ATTEMPTS) {
      lostSubnets.push(lost.subnet);
      continue;
    }
    const ok = Object.keys(execution.errors).length === 0;
    return { plan, execution, summary: summarize(plan, execution, started), ok };
  }
}
