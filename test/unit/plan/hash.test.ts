import { describe, expect, it } from 'vitest';
import { canonicalJson, sandboxHash, serviceHash } from '../../../src/plan/hash.js';
import type { ContainerSpec } from '../../../src/plan/model.js';

const spec: ContainerSpec = {
  name: 'shop-db-sandbox',
  image: 'hitch/sandbox:4',
  role: 'sandbox',
  service: 'db',
  labels: { 'io.hitch.project': 'shop' },
  env: [],
  cmd: ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:5432'],
  tty: false,
  extraHosts: [],
  exposedPorts: [],
  portBindings: [],
  publishAll: false,
  capAdd: [],
  mounts: [],
};

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [[undefined, 'é'], '[null,"é"]'],
  ])('%j', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('hashes', () => {
  it('16 hex chars, the same for the same spec whatever its key order', () => {
    const reordered = Object.fromEntries(Object.entries(spec).reverse()) as unknown as ContainerSpec;
    expect(sandboxHash(spec)).toMatch(/^[0-9a-f]{16}$/);
    expect(sandboxHash(reordered)).toBe(sandboxHash(spec));
  });

  it('a sandbox hash ignores the firewall arguments (rules are updated in place) and the hash label', () => {
    const other = { ...spec, cmd: ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24'], labels: { ...spec.labels, 'io.hitch.config-hash': 'x' } };
    expect(sandboxHash(other)).toBe(sandboxHash(spec));
  });

  it('a sandbox hash sees hosts lines and ports', () => {
    expect(sandboxHash({ ...spec, extraHosts: ['db:10.213.0.3'] })).not.toBe(sandboxHash(spec));
    expect(sandboxHash({ ...spec, exposedPorts: [{ port: 1, proto: 'tcp' }] })).not.toBe(sandboxHash(spec));
  });

  it('a service hash sees its env and the image id', () => {
    const svc = { ...spec, role: 'service' as const, cmd: undefined };
    expect(serviceHash(svc, 'sha256:a')).not.toBe(serviceHash(svc, 'sha256:b'));
    expect(serviceHash({ ...svc, env: ['DB_ENV_A=1'] }, 'sha256:a')).not.toBe(serviceHash(svc, 'sha256:a'));
    expect(serviceHash({ ...svc, labels: { ...svc.labels, 'io.hitch.config-hash': 'x' } }, 'sha256:a')).toBe(serviceHash(svc, 'sha256:a'));
  });
});
