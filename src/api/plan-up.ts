// What `up` would do: observe, then plan purely. Apart from `up` so that `hitch plan` loads no executor,
// lock or check code (a 1000-service plan is timed, see README "Performance").
import type { Engine } from '../engine/engine.js';
import type { Manifest } from '../manifest/model.js';
import type { Plan } from '../plan/model.js';
import type { ObservedState } from '../plan/observed.js';
import { externalNames } from '../plan/externals.js';
import { reconcile } from '../plan/reconcile.js';
import { unknownImages, unknownImageWarning } from '../plan/unknown-images.js';

/** `avoid`: subnets lost to another network that the engine may not list yet (its pool is taken first). */
export async function observeAndPlan(
  engine: Engine, manifest: Manifest, opts: { removeOrphans?: boolean }, avoid: string[] = [],
): Promise<{ plan: Plan; observed: ObservedState }> {
  const refs = Object.values(manifest.services).map((s) => s.image);
  const observed = await engine.observe(manifest.project, refs, { externals: externalNames(manifest), runtime: true });
  const plan = reconcile(manifest, { ...observed, usedSubnets: [...observed.usedSubnets, ...avoid] }, { removeOrphans: opts.removeOrphans });
  return { plan, observed };
}

/** The plan `up` would run now, and what it leaves out because an image is not on the engine yet. */
export async function planUp(
  engine: Engine, manifest: Manifest, opts: { removeOrphans?: boolean; onWarning?: (message: string) => void } = {},
): Promise<Plan> {
  const { plan, observed } = await observeAndPlan(engine, manifest, opts);
  for (const u of unknownImages(manifest, observed)) opts.onWarning?.(unknownImageWarning(u, manifest));
  return plan;
}
