// Hand-built Manifests and ObservedStates for the planner's tests (src/manifest is not needed).
import type { Manifest, Service } from '../../../src/manifest/model.js';
import type { Plan } from '../../../src/plan/model.js';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { LABEL } from '../../../src/plan/model.js';
import { firewallArgs } from '../../../src/plan/firewall.js';
import { UserError } from '../../../src/user-error.js';

export const PROJECT = 'shop';

/** A service with compose's defaults; `overrides` replace whole fields. */
export function service(name: string, overrides: Partial<Service> = {}): Service {
  return {
    name,
    containerName: `${PROJECT}-${name}`,
    image: `${name}:1`,
    environment: {},
    expose: [],
    ports: [],
    publishAll: false,
    links: [],
    externalLinks: [],
    volumes: [],
    labels: {},
    tty: false,
    readyTimeoutMs: 60_000,
    pos: { file: '/p/hitch.yaml', line: 1, col: 1 },
    ...overrides,
  };
}

export function link(target: string, alias = target): Service['links'][number] {
  return { target, alias, pos: { file: '/p/hitch.yaml', line: 1, col: 1 } };
}

export function manifest(services: Service[], overrides: Partial<Manifest> = {}): Manifest {
  const sorted = [...services].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    file: '/p/hitch.yaml',
    dir: '/p',
    project: PROJECT,
    linkEnv: 'modern',
    services: Object.fromEntries(sorted.map((s) => [s.name, s])),
    ...overrides,
  };
}

export function withService(m: Manifest, name: string, change: Partial<Service>): Manifest {
  return { ...m, services: { ...m.services, [name]: { ...m.services[name]!, ...change } } };
}

export function withContainers(observed: ObservedState, f: (cs: ObservedContainer[]) => ObservedContainer[]): ObservedState {
  return { ...observed, containers: f(observed.containers) };
}

export function emptyEngine(overrides: Partial<ObservedState> = {}): ObservedState {
  return { containers: [], images: {}, usedSubnets: [], volumes: [], externals: [], ...overrides };
}

/** A clock for the containers a plan starts: each start later than the last, and than any time observed before. */
function startClock(before: ObservedState): () => string {
  let now = Math.max(Date.parse('2026-11-23T10:00:00Z'), ...before.containers.map((c) => (c.startedAt ? Date.parse(c.startedAt) : 0)));
  return () => new Date((now += 1000)).toISOString();
}

/**
 * What the engine holds after `plan` ran to completion: its network, volumes and containers, with the
 * hashes and rules the plan computed, and the start times of those it started, in plan order. Containers
 * the plan did not touch are carried over from `before`.
 */
export function afterPlan(plan: Plan, before: ObservedState): ObservedState {
  const state: ObservedState = { ...before, containers: [...before.containers], volumes: [...before.volumes] };
  const started = startClock(before);
  for (const a of plan.actions) {
    if (a.kind === 'create-network') state.network = { id: 'net-1', name: a.network.name, subnet: a.network.subnet, gateway: a.network.gateway };
    if (a.kind === 'create-volume') state.volumes.push(a.volume.name);
    if (a.kind === 'start-container' || a.kind === 'restart-container') {
      state.containers = state.containers.map((c) => (c.name === a.name ? { ...c, running: true, startedAt: started() } : c));
    }
    if (a.kind === 'update-firewall') {
      state.containers = state.containers.map((c) => (c.name === a.sandbox ? { ...c, firewallArgs: firewallArgs(a.firewall) } : c));
    }
    if (a.kind === 'remove-container') state.containers = state.containers.filter((c) => c.id !== a.containerId);
    if (a.kind === 'connect-external') state.externals = state.externals.map((e) => (e.name === a.container ? { ...e, attached: true, ip: a.ip } : e));
    if (a.kind === 'disconnect-external') state.externals = state.externals.map((e) => (e.name === a.container ? { ...e, attached: false, ip: undefined } : e));
    if (a.kind !== 'create-container' && a.kind !== 'recreate-container') continue;
    const s = a.container;
    const created: ObservedContainer = {
      id: `id-${s.name}`,
      name: s.name,
      service: s.service,
      role: s.role,
      configHash: s.labels[LABEL.configHash]!,
      configParts: s.labels[LABEL.configParts],
      running: true,
      ip: s.network?.ip ?? s.labels[LABEL.ip],
      links: s.labels[LABEL.links]?.split(','),
      externalLinks: s.labels[LABEL.externalLinks]?.split(','),
      firewallArgs: a.firewall ? firewallArgs(a.firewall) : undefined,
      startedAt: started(),
    };
    state.containers = [...state.containers.filter((c) => c.id !== a.replaces && c.name !== s.name), created];
  }
  return state;
}

/** What `f` refuses with: the UserError's words, for a whole-value assertion; anything else is rethrown. */
export function refusal(f: () => unknown): { message: string; remedy?: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof UserError) return { message: err.message, remedy: err.remedy };
    throw err;
  }
  throw new Error('expected a UserError');
}
