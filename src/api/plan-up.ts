// What `up` would do: observe, then plan purely. Apart from `up` so that `hitch plan` loads no executor,
// lock or check code (a 1000-service plan is timed, see README "Performance").
import type { Engine } from '../engine/engine.js';
import type { Manifest } from '../manifest/model.js';
import { externalNames } from '../plan/externals.js';
import { outdatedWarning } from '../plan/left-out.js';
import type { Plan } from '../plan/model.js';
import type { ObservedState } from '../plan/observed.js';
import type { Invocation } from '../plan/hitch-command.js';
import { reconcile, type ReconcileOptions } from '../plan/reconcile.js';
import { selectServices } from '../plan/selection.js';
import { unknownImages, unknownImageWarning } from '../plan/unknown-images.js';

/** Which services `up` and `plan` bring up: those named (default: all) with the ones they link, unless noDeps. */
export interface ServiceSelection {
  services?: string[];
  noDeps?: boolean;
}

/** What planning `manifest` needs of the engine: its images, its externals and the runtime details. */
/** The images the manifest's services run: observed with the project, for what they offer and their HEALTHCHECK. */
export function imagesOf(manifest: Manifest): string[] {
  return Object.values(manifest.services).map((s) => s.image);
}

export function observeForPlan(engine: Engine, manifest: Manifest): Promise<ObservedState> {
  return engine.observe(manifest.project, imagesOf(manifest), { externals: externalNames(manifest), runtime: true });
}

/** `avoid`: subnets lost to another network that the engine may not list yet (its pool is taken first). */
export async function observeAndPlan(
  engine: Engine, manifest: Manifest, opts: ReconcileOptions, avoid: string[] = [],
): Promise<{ plan: Plan; observed: ObservedState }> {
  const observed = await observeForPlan(engine, manifest);
  const plan = reconcile(manifest, { ...observed, usedSubnets: [...observed.usedSubnets, ...avoid.map((subnet) => ({ subnet }))] }, opts);
  return { plan, observed };
}

/** What a plan leaves out of date: the parents outside its selection that a full `up` would recreate. */
export function outdatedWarnings(plan: Plan, hitch: Invocation): string[] {
  return (plan.outdated ?? []).map((o) => outdatedWarning(o, hitch));
}

/**
 * The plan `up` would run now; warned: what it leaves out because an image is not on the engine yet, and
 * the parents outside the selection it leaves out of date.
 */
/** `plan`'s options: `up`'s, but for running: which services, `--remove-orphans`, `--force-recreate`, and what it says beside the plan. */
export type PlanUpOptions = ServiceSelection & Invocation & { removeOrphans?: boolean; forceRecreate?: boolean; onWarning?: (message: string) => void };

export async function planUp(engine: Engine, manifest: Manifest, opts: PlanUpOptions = {}): Promise<Plan> {
  const selected = selectServices(manifest, opts.services ?? [], opts);
  const { plan, observed } = await observeAndPlan(engine, manifest, { removeOrphans: opts.removeOrphans, forceRecreate: opts.forceRecreate, selected, invocation: opts.invocation });
  for (const u of unknownImages(manifest, observed, selected)) opts.onWarning?.(unknownImageWarning(u, manifest));
  for (const w of outdatedWarnings(plan, opts)) opts.onWarning?.(w);
  return plan;
}
