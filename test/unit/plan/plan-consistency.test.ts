// Random stacks, changed at random and found half-made, stopped or orphaned: every plan `up` and `down`
// make can be run (planDefects: no wait on a missing action, no circle), and once the plan of an `up`
// has run, planning again finds nothing to do.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Manifest, Service } from '../../../src/manifest/model.js';
import type { Plan } from '../../../src/plan/model.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { planDefects } from '../../../src/plan/plan-check.js';
import { planDown, reconcile } from '../../../src/plan/reconcile.js';
import { UserError } from '../../../src/user-error.js';
import { afterPlan, emptyEngine, link, manifest, PROJECT, service } from './fixtures.js';

const IMAGES = ['alpha:1', 'beta:1', 'gamma:1'];
const PORTS = [80, 5432, 6379];

/** One service's choices; its links name services of lower index only, so every stack is acyclic. */
const serviceShape = fc.record({
  image: fc.constantFrom(...IMAGES),
  expose: fc.subarray(PORTS),
  children: fc.subarray([0, 1, 2, 3, 4, 5], { maxLength: 3 }),
  aliased: fc.boolean(),
  env: fc.constantFrom<Record<string, string>>({}, { MODE: 'a' }, { MODE: 'b' }),
  volume: fc.boolean(),
});
type Shape = typeof serviceShape extends fc.Arbitrary<infer T> ? T : never;

/** Services s0..s{n-1}, absent where `present` says so (a removed service). */
function stackOf(shapes: Shape[], present: boolean[]): Manifest {
  const names = shapes.map((_, i) => `s${i}`);
  const services: Service[] = shapes.flatMap((shape, i) => {
    if (!present[i]) return [];
    const children = shape.children.filter((c) => c < i && present[c]);
    return [
      service(names[i]!, {
        image: shape.image,
        expose: shape.expose.map((port) => ({ port, proto: 'tcp' as const })),
        links: children.map((c) => link(names[c]!, shape.aliased ? `alias${c}` : names[c]!)),
        environment: shape.env,
        volumes: shape.volume ? [{ type: 'volume', source: `data${i}`, target: '/data', readOnly: false }] : [],
      }),
    ];
  });
  return manifest(services);
}

function fresh(): ObservedState {
  const images = Object.fromEntries(IMAGES.map((ref) => [ref, { ref, id: `sha256:${ref}`, env: [], exposedPorts: [] }]));
  return emptyEngine({ images, usedSubnets: ['172.17.0.0/16'] });
}

/** What an interrupted or disturbed engine may hold: some containers stopped, some gone. */
function disturbed(observed: ObservedState, stop: boolean[], lose: boolean[]): ObservedState {
  const containers = observed.containers
    .filter((_, i) => !lose[i % lose.length])
    .map((c, i) => (stop[i % stop.length] ? { ...c, running: false } : c));
  return { ...observed, containers };
}

function expectRunnable(plan: Plan): void {
  expect(planDefects(plan)).toEqual([]);
}

const scenario = fc.record({
  before: fc.array(serviceShape, { minLength: 1, maxLength: 6 }),
  after: fc.array(serviceShape, { minLength: 1, maxLength: 6 }),
  presentBefore: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  presentAfter: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  stop: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  lose: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  removeOrphans: fc.boolean(),
  volumes: fc.boolean(),
});

describe('plans of random stacks', () => {
  test('can always be run, and an up that ran leaves nothing to do', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = stackOf(s.before, s.presentBefore.map((p, i) => p || i === 0));
        const firstPlan = reconcile(first, fresh());
        expectRunnable(firstPlan);
        const running = disturbed(afterPlan(firstPlan, fresh()), s.stop, s.lose);
        expectRunnable(planDown(PROJECT, running, { volumes: s.volumes }));

        const second = stackOf(s.after, s.presentAfter.map((p, i) => p || i === 0));
        let secondPlan: Plan;
        try {
          secondPlan = reconcile(second, running, { removeOrphans: s.removeOrphans });
        } catch (err) {
          if (err instanceof UserError) return; // e.g. an orphan holding a name without removeOrphans: refused at plan time
          throw err;
        }
        expectRunnable(secondPlan);
        const converged = reconcile(second, afterPlan(secondPlan, running), { removeOrphans: s.removeOrphans });
        expect(converged.actions.map((a) => `${a.id}: ${a.cause}`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
