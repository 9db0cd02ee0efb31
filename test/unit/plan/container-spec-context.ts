// The PlanContext the container-spec tests build specs in, and a check that strips the hash labels.
import { expect } from 'vitest';
import type { Manifest } from '../../../src/manifest/model.js';
import { addressing } from '../../../src/plan/addressing.js';
import type { PlanContext } from '../../../src/plan/injected.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { UserError } from '../../../src/user-error.js';
import { freshEngine } from './stack.js';

export function context(m: Manifest, observed: ObservedState = freshEngine()): PlanContext {
  const addresses = addressing(m, observed, Object.keys(m.services), {});
  if (addresses instanceof UserError) throw addresses;
  return { manifest: m, observed, addresses };
}

export const withoutHash = (labels: Record<string, string>) => {
  const { ['io.hitch.config-hash']: hash, ['io.hitch.config-parts']: parts, ...rest } = labels;
  expect(hash).toMatch(/^[0-9a-f]{16}$/);
  expect(parts).toMatch(/^([a-z_@]+=[0-9a-f]{8})(,[a-z_@]+=[0-9a-f]{8})*$/);
  return rest;
};
