// observe() on a fake dockerode that answers the list endpoints as the engine does: how each container's
// state in the list becomes ObservedContainer.running and .paused.
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
    ['restarting', { running: false }],
    ['exited', { running: false }],
    ['created', { running: false }],
  ])('%s', async (state, expected) => {
    const [c] = (await observe(dockerListing([listed(state)]), 'shop', [])).containers;
    expect({ running: c!.running, paused: c!.paused }).toEqual({ paused: undefined, ...expected });
  });
});

describe('observe: an external container as its inspect gives it', () => {
  it.each([
    [{ Running: true, Paused: false }, { running: true }],
    [{ Running: true, Paused: true }, { running: true, paused: true }],
    [{ Running: false, Paused: false }, { running: false }],
  ])('%j', async (state, expected) => {
    const docker = {
      ...dockerListing([]),
      getContainer: (name: string) => ({
        inspect: async () => ({ Id: 'c0ffee', Name: `/${name}`, State: state, Config: { Image: 'legacy/redis:6' }, HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: {} } }),
      }),
    } as unknown as Docker;
    const [e] = (await observe(docker, 'shop', [], { externals: ['legacy-db'] })).externals;
    expect({ running: e!.running, paused: e!.paused }).toEqual({ paused: undefined, ...expected });
  });
});
