// The project's subnet: kept from its network, else the manifest's, else the first free block of the pool.
import { describe, expect, it } from 'vitest';
import { pickSubnet, subnetSizeFor } from '../../../src/plan/subnet.js';
import { UserError } from '../../../src/user-error.js';
import { emptyEngine, manifest, service } from './fixtures.js';

const m = manifest([service('db'), service('web')]);

describe('pickSubnet', () => {
  it.each([
    { name: 'empty engine: first /24 of the pool', used: [], expected: { subnet: '10.213.0.0/24', gateway: '10.213.0.1' } },
    { name: 'skips a /24 in use', used: ['10.213.0.0/24'], expected: { subnet: '10.213.1.0/24', gateway: '10.213.1.1' } },
    { name: 'skips /24s inside a larger network', used: ['10.213.0.0/23', '172.17.0.0/16'], expected: { subnet: '10.213.2.0/24', gateway: '10.213.2.1' } },
    { name: 'a smaller network blocks its whole /24', used: ['10.213.0.128/25'], expected: { subnet: '10.213.1.0/24', gateway: '10.213.1.1' } },
    { name: 'IPv6 subnets never collide', used: ['fd00::/64'], expected: { subnet: '10.213.0.0/24', gateway: '10.213.0.1' } },
  ])('$name', ({ used, expected }) => {
    expect(pickSubnet(m, emptyEngine({ usedSubnets: used.map((subnet, i) => ({ subnet, network: `other${i}` })) }), {})).toEqual(expected);
  });

  it.each([
    { services: 1, size: 256 },
    { services: 253, size: 256 },
    { services: 254, size: 512 },
    { services: 1000, size: 1024 },
    { services: 1022, size: 2048 },
  ])('$services services need a block of $size addresses', ({ services, size }) => {
    expect(subnetSizeFor(services)).toBe(size);
  });

  it('a project too big for a /24 gets the first free block of its size, aligned', () => {
    const big = manifest(Array.from({ length: 300 }, (_, i) => service(`s${i}`)));
    expect(pickSubnet(big, emptyEngine({ usedSubnets: [{ subnet: '10.213.0.0/24', network: 'other' }] }), {})).toEqual({ subnet: '10.213.2.0/23', gateway: '10.213.2.1' });
  });

  it('the manifest subnet, with its first address as gateway', () => {
    expect(pickSubnet({ ...m, subnet: '192.168.77.0/24' }, emptyEngine(), {})).toEqual({ subnet: '192.168.77.0/24', gateway: '192.168.77.1' });
  });

  it('the existing network keeps its subnet and gateway', () => {
    const observed = emptyEngine({ network: { id: 'n', name: 'shop-hitch', subnet: '10.213.5.0/24', gateway: '10.213.5.1' } });
    expect(pickSubnet(m, observed, {})).toEqual({ subnet: '10.213.5.0/24', gateway: '10.213.5.1' });
    expect(pickSubnet({ ...m, subnet: '10.213.5.0/24' }, observed, {})).toEqual({ subnet: '10.213.5.0/24', gateway: '10.213.5.1' });
  });

  it('an existing network written with host bits (dockerd 20.10 kept them) is the block the manifest names', () => {
    const observed = emptyEngine({ network: { id: 'n', name: 'shop-hitch', subnet: '10.9.9.5/24', gateway: '10.9.9.1' } });
    expect(pickSubnet({ ...m, subnet: '10.9.9.0/24' }, observed, {})).toEqual({ subnet: '10.9.9.5/24', gateway: '10.9.9.1' });
  });

  it('pool exhausted: an error value with a remedy', () => {
    const r = pickSubnet(m, emptyEngine({ usedSubnets: [{ subnet: '10.213.0.0/16', network: 'other' }] }), {});
    expect(r).toBeInstanceOf(UserError);
    expect([(r as UserError).message, (r as UserError).remedy]).toEqual([
      'no free /24 left in 10.213.0.0/16 for network shop-hitch',
      'remove unused networks (`docker network prune`) or set `subnet:` in the manifest',
    ]);
  });

  it('a manifest subnet another network uses: that network named', () => {
    const r = pickSubnet({ ...m, subnet: '172.17.5.0/24' }, emptyEngine({ usedSubnets: [{ subnet: '172.17.0.0/16', network: 'bridge' }] }), {});
    expect([(r as UserError).message, (r as UserError).remedy]).toEqual([
      'subnet 172.17.5.0/24 overlaps 172.17.0.0/16, used by network bridge',
      'choose another `subnet:` or remove it',
    ]);
  });

  it('a manifest subnet lost to a network the engine did not list yet', () => {
    const r = pickSubnet({ ...m, subnet: '10.9.0.0/24' }, emptyEngine({ usedSubnets: [{ subnet: '10.9.0.0/24' }] }), {});
    expect((r as UserError).message).toBe('subnet 10.9.0.0/24 overlaps 10.9.0.0/24, used by another network');
  });

  it('a manifest subnet that differs from the existing network', () => {
    const observed = emptyEngine({ network: { id: 'n', name: 'shop-hitch', subnet: '10.213.5.0/24', gateway: '10.213.5.1' } });
    const r = pickSubnet({ ...m, subnet: '10.9.0.0/24' }, observed, {});
    expect((r as UserError).message).toBe('network shop-hitch has subnet 10.213.5.0/24, but the manifest asks for 10.9.0.0/24');
  });
});
