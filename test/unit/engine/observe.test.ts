// observe() on a fake dockerode that answers the list endpoints as the engine does: how each container's
// state in the list becomes ObservedContainer.running, .paused and .restarting.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { observe } from '../../../src/engine/observe.js';
import { LABEL } from '../../../src/plan/model.js';

function listed(state: string): Docker.ContainerInfo {
  return {
    Id: `id-${state}`, Names: [`/shop-${state}`], State: state, Status: '', Ports: [], HostConfig: { NetworkMode: 'container:x' },
    Labels: { [LABEL.project]: 'shop', [LABEL.service]: state, [LABEL.role]: 'service' },
  } as unknown as Docker.ContainerInfo;
}

function dockerListing(containers: Docker.ContainerInfo[]): Docker {
  return {
    listContainers: async () => containers,
    listNetworks: async () => [],
    listVolumes: async () => ({ Volumes: [] }),
  } as unknown as Docker;
}

describe('observe: a container as the list gives it', () => {
  it.each([
    ['running', { running: true }],
    ['paused', { running: true, paused: true }], // the engine's own count (inspect says Running and Paused)
    ['restarting', { running: true, restarting: true }], // between two starts of its restart policy: inspect says Running and Restarting
    ['exited', { running: false }],
    ['created', { running: false }],
  ])('%s', async (state, expected) => {
    const [c] = (await observe(dockerListing([listed(state)]), 'shop', [])).containers;
    expect({ running: c!.running, paused: c!.paused, restarting: c!.restarting }).toEqual({ paused: undefined, restarting: undefined, ...expected });
  });
});

describe('observe: an external container as its inspect gives it', () => {
  it.each([
    [{ Running: true, Paused: false }, { running: true }],
    [{ Running: true, Paused: true }, { running: true, paused: true }],
    [{ Running: true, Paused: false, Restarting: true }, { running: true, restarting: true }],
    [{ Running: false, Paused: false }, { running: false }],
  ])('%j', async (state, expected) => {
    const docker = {
      ...dockerListing([]),
      getContainer: (name: string) => ({
        inspect: async () => ({ Id: 'c0ffee', Name: `/${name}`, State: state, Config: { Image: 'legacy/redis:6' }, HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: {} } }),
      }),
    } as unknown as Docker;
    const [e] = (await observe(docker, 'shop', [], { externals: ['legacy-db'] })).externals;
    expect({ running: e!.running, paused: e!.paused, restarting: e!.restarting }).toEqual({ paused: undefined, restarting: undefined, ...expected });
  });
});

describe('observe with startTimes (`ps`, `ls`): an inspect of each container of a service whose two containers run, no more', () => {
  const at = (id: string) => `the start time of ${id}`; // copied as the engine gives it
  function pair(service: string, sandbox: string, main: string): Docker.ContainerInfo[] {
    const one = (role: 'sandbox' | 'service', state: string): Docker.ContainerInfo => ({
      ...listed(state), Id: `id-${service}-${role}`, Names: [`/shop-${service}${role === 'sandbox' ? '-sandbox' : ''}`],
      Labels: { [LABEL.project]: 'shop', [LABEL.service]: service, [LABEL.role]: role },
    } as unknown as Docker.ContainerInfo);
    return [one('sandbox', sandbox), one('service', main)];
  }
  /** Inspects answer with a start time, or 404 for the ids in `gone`; any other request (rules) throws. */
  function inspecting(containers: Docker.ContainerInfo[], gone: string[] = []) {
    const inspected: string[] = [];
    const docker = {
      ...dockerListing(containers),
      getContainer: (id: string) => ({
        inspect: async () => {
          inspected.push(id);
          if (gone.includes(id)) throw Object.assign(new Error('no such container'), { statusCode: 404 });
          return { Id: id, State: { StartedAt: at(id) } };
        },
      }),
    } as unknown as Docker;
    return { docker, inspected };
  }

  it('reads the start times of running pairs only (a paused container counts as running), and no rules', async () => {
    const { docker, inspected } = inspecting([...pair('db', 'running', 'running'), ...pair('web', 'running', 'exited'), ...pair('api', 'exited', 'running'), ...pair('cache', 'paused', 'running')]);
    const state = await observe(docker, 'shop', [], { startTimes: true });
    expect(Object.fromEntries(state.containers.map((c) => [c.name, c.startedAt]))).toEqual({
      'shop-db-sandbox': at('id-db-sandbox'), 'shop-db': at('id-db-service'),
      'shop-web-sandbox': undefined, 'shop-web': undefined,
      'shop-api-sandbox': undefined, 'shop-api': undefined,
      'shop-cache-sandbox': at('id-cache-sandbox'), 'shop-cache': at('id-cache-service'),
    });
    expect(inspected.sort()).toEqual(['id-cache-sandbox', 'id-cache-service', 'id-db-sandbox', 'id-db-service']);
  });

  it('a container removed since the list is left without one, and the rest is read', async () => {
    const { docker } = inspecting(pair('db', 'running', 'running'), ['id-db-service']);
    const state = await observe(docker, 'shop', [], { startTimes: true });
    expect(state.containers.map((c) => [c.name, c.startedAt])).toEqual([['shop-db-sandbox', at('id-db-sandbox')], ['shop-db', undefined]]);
  });

  it('without it, nothing is inspected', async () => {
    const { docker, inspected } = inspecting(pair('db', 'running', 'running'));
    await observe(docker, 'shop', []);
    expect(inspected).toEqual([]);
  });
});
