// Each service's and external container's fixed address: kept, else the lowest free one of the subnet.
import { describe, expect, it } from 'vitest';
import { addressing, assignIps } from '../../../src/plan/addressing.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { UserError } from '../../../src/user-error.js';
import { emptyEngine, manifest, service } from './fixtures.js';

const m = manifest([service('db'), service('web')]);

function sandbox(svc: string, ip: string): ObservedContainer {
  return { id: `id-${svc}`, name: `shop-${svc}-sandbox`, service: svc, role: 'sandbox', configHash: 'h', running: true, ip };
}

describe('assignIps', () => {
  it.each([
    { name: 'new services from .2 in start order', order: ['db', 'web', 'worker'], kept: [], expected: { db: '10.213.0.2', web: '10.213.0.3', worker: '10.213.0.4' } },
    {
      name: 'kept addresses stay; new ones fill the lowest gaps',
      order: ['db', 'web', 'worker'],
      kept: [sandbox('web', '10.213.0.2'), sandbox('worker', '10.213.0.4')],
      expected: { db: '10.213.0.3', web: '10.213.0.2', worker: '10.213.0.4' },
    },
    {
      name: 'sandbox gone: the address its service container remembers (LABEL.ip) is kept',
      order: ['db', 'web'],
      kept: [{ ...sandbox('db', '10.213.0.9'), role: 'service' as const, name: 'shop-db' }],
      expected: { db: '10.213.0.9', web: '10.213.0.2' },
    },
    {
      name: "an orphan's address stays taken",
      order: ['db'],
      kept: [sandbox('old', '10.213.0.2')],
      expected: { db: '10.213.0.3' },
    },
    {
      name: 'an address outside the subnet is not kept',
      order: ['db'],
      kept: [sandbox('db', '172.17.0.9')],
      expected: { db: '10.213.0.2' },
    },
  ])('$name', ({ order, kept, expected }) => {
    expect(assignIps(order, '10.213.0.0/24', '10.213.0.1', emptyEngine({ containers: kept }))).toEqual(expected);
  });

  it('a full subnet: an error value', () => {
    const r = assignIps(['a', 'b', 'c'], '10.0.0.0/30', '10.0.0.1', emptyEngine());
    expect((r as UserError).message).toBe('subnet 10.0.0.0/30 has no free address left for service b');
  });
});

describe('addressing', () => {
  it('subnet, gateway and every address at once', () => {
    expect(addressing(m, emptyEngine({ usedSubnets: [{ subnet: '10.213.0.0/24', network: 'other' }] }), ['db', 'web'], {})).toEqual({
      subnet: '10.213.1.0/24',
      gateway: '10.213.1.1',
      ips: { db: '10.213.1.2', web: '10.213.1.3' },
      externals: {},
    });
  });
});
