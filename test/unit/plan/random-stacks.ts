// Random stacks for the planner's property tests: services s0..s5 with random images, ports, env,
// volumes and links (to lower indexes only, so every stack is acyclic), and engines disturbed at random.
import fc from 'fast-check';
import type { Manifest, Service } from '../../../src/manifest/model.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { emptyEngine, link, manifest, service } from './fixtures.js';

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

export function fresh(): ObservedState {
  const images = Object.fromEntries(IMAGES.map((ref) => [ref, { ref, id: `sha256:${ref}`, env: [], exposedPorts: [] }]));
  return emptyEngine({ images, usedSubnets: [{ subnet: '172.17.0.0/16', network: 'bridge' }] });
}

/** What an interrupted or disturbed engine may hold: some containers stopped, some gone. */
export function disturbed(observed: ObservedState, stop: boolean[], lose: boolean[]): ObservedState {
  const containers = observed.containers
    .filter((_, i) => !lose[i % lose.length])
    .map((c, i) => (stop[i % stop.length] ? { ...c, running: false } : c));
  return { ...observed, containers };
}

/** A stack made, then found disturbed, and a second manifest for it: what each property test starts from. */
export const changes = fc.record({
  before: fc.array(serviceShape, { minLength: 1, maxLength: 6 }),
  after: fc.array(serviceShape, { minLength: 1, maxLength: 6 }),
  presentBefore: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  presentAfter: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  stop: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  lose: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  removeOrphans: fc.boolean(),
});
export type Changes = typeof changes extends fc.Arbitrary<infer T> ? T : never;

/** The manifest of the first `up` (s0 always present). */
export function firstStack(c: Changes): Manifest {
  return stackOf(c.before, c.presentBefore.map((p, i) => p || i === 0));
}

/** The manifest changed at random (s0 always present). */
export function secondStack(c: Changes): Manifest {
  return stackOf(c.after, c.presentAfter.map((p, i) => p || i === 0));
}
