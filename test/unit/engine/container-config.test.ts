// How a ContainerSpec's mounts reach the engine: binds in compose's short form, so a missing host folder
// is made; named volumes, and binds whose paths the short form cannot hold, as mounts.
import { describe, expect, it } from 'vitest';
import { createOptions } from '../../../src/engine/container-config.js';
import type { ContainerSpec, MountSpec } from '../../../src/plan/model.js';

function spec(mounts: MountSpec[]): ContainerSpec {
  return {
    name: 'shop-web', image: 'web:1', role: 'service', service: 'web', labels: {}, env: [], tty: false, sandbox: 'shop-web-sandbox',
    extraHosts: [], exposedPorts: [], portBindings: [], publishAll: false, capAdd: [], mounts,
  };
}

const volume: MountSpec = { type: 'volume', source: 'shop_data', target: '/data', readOnly: false };
const hostConfigOf = (s: ContainerSpec) => createOptions(s).HostConfig!;
const bind = (source: string, target: string, readOnly = false): MountSpec => ({ type: 'bind', source, target, readOnly });

describe('mounts in the create request', () => {
  it('binds go as Binds, read-only ones with :ro; volumes as Mounts', () => {
    const host = hostConfigOf(spec([volume, bind('/srv/app/data', '/data2'), bind('/srv/app/conf', '/etc/conf', true)]));
    expect({ Binds: host.Binds, Mounts: host.Mounts }).toEqual({
      Binds: ['/srv/app/data:/data2', '/srv/app/conf:/etc/conf:ro'],
      Mounts: [{ Type: 'volume', Source: 'shop_data', Target: '/data', ReadOnly: false }],
    });
  });

  it("a bind whose source or target holds ':' goes as a mount: the short form would split it", () => {
    const host = hostConfigOf(spec([bind('/srv/a:b', '/data'), bind('/srv/c', '/x:y', true)]));
    expect({ Binds: host.Binds, Mounts: host.Mounts }).toEqual({
      Binds: undefined,
      Mounts: [
        { Type: 'bind', Source: '/srv/a:b', Target: '/data', ReadOnly: false },
        { Type: 'bind', Source: '/srv/c', Target: '/x:y', ReadOnly: true },
      ],
    });
  });

  it('no mounts: neither field says anything', () => {
    const host = hostConfigOf(spec([]));
    expect({ Binds: host.Binds, Mounts: host.Mounts }).toEqual({ Binds: undefined, Mounts: [] });
  });
});
