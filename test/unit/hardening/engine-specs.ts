// What hitch would ask an empty engine to create for a manifest: the container specs, by action id.
import type { Manifest } from '../../../src/manifest/index.js';
import type { ContainerSpec, Plan } from '../../../src/plan/model.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { emptyEngine } from '../plan/fixtures.js';
import { parse } from './outcome.js';

/** The plan for a manifest on an engine with nothing on it: what hitch would ask the engine to create. */
export function containers(manifest: Manifest): Record<string, ContainerSpec> {
  const plan: Plan = reconcile(manifest, emptyEngine());
  const out: Record<string, ContainerSpec> = {};
  for (const a of plan.actions) if (a.kind === 'create-container') out[a.id] = a.container;
  return out;
}

export function manifestOf(yaml: string, env: Record<string, string> = {}): Manifest {
  const outcome = parse(yaml, { env });
  if (!('ok' in outcome)) throw new Error(`expected a valid manifest, got:\n${outcome.formatted}`);
  return outcome.ok.manifest;
}
