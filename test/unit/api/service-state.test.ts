// A service's state in fixed words (`ps --json`, `ls`): its container's, unless its sandbox keeps it off
// the network (stopped, missing, or restarted under it: the container kept the old, empty namespace) or
// is paused. The engine says the container is up in every one of those cases.
import { describe, expect, it } from 'vitest';
import { containerState, sandboxProblem, serviceState, type ServiceContainers } from '../../../src/api/service-state.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';

const EARLY = '2026-11-23T10:00:05.25Z';
const LATE = '2026-11-23T10:00:09.5Z';

function containers(sandbox: Partial<ObservedContainer> | undefined, main: Partial<ObservedContainer> | undefined): ServiceContainers {
  const base = (name: string, role: ObservedContainer['role']): ObservedContainer => ({ id: `id-${name}`, name, service: 'db', role, configHash: '', running: true });
  return {
    service: 'db',
    ...(sandbox ? { sandbox: { ...base('shop-db-sandbox', 'sandbox'), ...sandbox } } : {}),
    ...(main ? { main: { ...base('shop-db', 'service'), ...main } } : {}),
  };
}

describe('serviceState, and sandboxProblem under it', () => {
  it.each<[string, Partial<ObservedContainer> | undefined, Partial<ObservedContainer> | undefined, string, string | undefined]>([
    ['both running, the sandbox started first', { startedAt: EARLY }, { startedAt: LATE }, 'running', undefined],
    ['the sandbox restarted under its running service (docker restart, a restart policy)', { startedAt: LATE }, { startedAt: EARLY }, 'sandbox restarted', 'sandbox restarted'],
    ['times compared as times, not text ("05.2Z" sorts after "05.25Z")', { startedAt: '2026-11-23T10:00:05.2Z' }, { startedAt: EARLY }, 'running', undefined],
    ['the sandbox restarted, then paused: restarted says more', { startedAt: LATE, paused: true }, { startedAt: EARLY }, 'sandbox restarted', 'sandbox restarted'],
    ['the sandbox restarted under a paused service: still no network', { startedAt: LATE }, { startedAt: EARLY, paused: true }, 'sandbox restarted', 'sandbox restarted'],
    ['no start times observed: nothing can be said', {}, {}, 'running', undefined],
    ["only the sandbox's start time observed", { startedAt: LATE }, {}, 'running', undefined],
    ['the sandbox stopped', { running: false }, { startedAt: EARLY }, 'sandbox stopped', 'sandbox stopped'],
    ['the sandbox missing', undefined, { startedAt: EARLY }, 'sandbox missing', 'sandbox missing'],
    ['the sandbox paused alone', { paused: true, startedAt: EARLY }, { startedAt: LATE }, 'sandbox paused', undefined],
    ['the service container stopped after its sandbox restarted: it joins the new namespace when it starts', { startedAt: LATE }, { running: false }, 'stopped', undefined],
    ['the service container paused', { startedAt: EARLY }, { startedAt: LATE, paused: true }, 'paused', undefined],
    ['the service container missing', { startedAt: LATE }, undefined, 'missing', undefined],
    ['the service container restarting (its restart policy): the engine counts it as running', { startedAt: EARLY }, { restarting: true, startedAt: LATE }, 'restarting', undefined],
    ['the service container restarting, its sandbox restarted since: it joins the new namespace at its next start', { startedAt: LATE }, { restarting: true, startedAt: EARLY }, 'restarting', undefined],
    ['the service container restarting, its sandbox stopped', { running: false }, { restarting: true }, 'restarting', undefined],
    ['the service container restarting, its sandbox paused', { paused: true }, { restarting: true }, 'restarting', undefined],
    ['the sandbox restarting under its running service: no namespace', { restarting: true, startedAt: LATE }, { startedAt: EARLY }, 'sandbox restarting', 'sandbox restarting'],
    ['the sandbox restarting under its paused service', { restarting: true }, { paused: true }, 'sandbox restarting', 'sandbox restarting'],
    ['both restarting', { restarting: true }, { restarting: true }, 'restarting', undefined],
  ])('%s', (_, sandbox, main, state, problem) => {
    const found = containers(sandbox, main);
    expect({ state: serviceState(found), problem: sandboxProblem(found) }).toEqual({ state, problem });
  });
});

describe('containerState (`ls` of a link path, an external)', () => {
  it.each<[string, { running: boolean; paused?: boolean; restarting?: boolean } | undefined, string]>([
    ['running', { running: true }, 'running'],
    ['paused', { running: true, paused: true }, 'paused'],
    ['restarting: between two starts of its restart policy, running as the engine counts it', { running: true, restarting: true }, 'restarting'],
    ['stopped', { running: false }, 'stopped'],
    ['missing', undefined, 'missing'],
  ])('%s', (_, found, state) => {
    expect(containerState(found)).toBe(state);
  });
});
