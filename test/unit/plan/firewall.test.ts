import { describe, expect, it } from 'vitest';
import type { PortSpec } from '../../../src/manifest/model.js';
import type { Addressing } from '../../../src/plan/addressing.js';
import { firewallArgs, firewallFor, sameRules } from '../../../src/plan/firewall.js';
import { link, manifest, service } from './fixtures.js';

const addresses: Addressing = {
  subnet: '10.213.0.0/24',
  gateway: '10.213.0.1',
  ips: { db: '10.213.0.2', web: '10.213.0.3', worker: '10.213.0.10', admin: '10.213.0.4' },
  externals: {},
};
const tcp = (port: number): PortSpec => ({ port, proto: 'tcp' });

describe('firewallFor', () => {
  it.each([
    {
      name: 'each parent may reach each offered port',
      db: service('db'),
      ports: [tcp(5432), { port: 53, proto: 'udp' as const }],
      expected: [
        { from: '10.213.0.3', proto: 'tcp', port: 5432 },
        { from: '10.213.0.3', proto: 'udp', port: 53 },
        { from: '10.213.0.10', proto: 'tcp', port: 5432 },
        { from: '10.213.0.10', proto: 'udp', port: 53 },
      ],
    },
    {
      name: 'published ports are reachable from the gateway',
      db: service('db', { ports: [{ hostIp: '', hostPort: '8080', containerPort: 80, proto: 'tcp' }] }),
      ports: [tcp(80)],
      expected: [
        { from: '10.213.0.1', proto: 'tcp', port: 80 },
        { from: '10.213.0.3', proto: 'tcp', port: 80 },
        { from: '10.213.0.10', proto: 'tcp', port: 80 },
      ],
    },
    {
      name: 'publish_all opens every offered port to the gateway',
      db: service('db', { publishAll: true }),
      ports: [tcp(6379), tcp(6380)],
      expected: [
        { from: '10.213.0.1', proto: 'tcp', port: 6379 },
        { from: '10.213.0.1', proto: 'tcp', port: 6380 },
        { from: '10.213.0.3', proto: 'tcp', port: 6379 },
        { from: '10.213.0.3', proto: 'tcp', port: 6380 },
        { from: '10.213.0.10', proto: 'tcp', port: 6379 },
        { from: '10.213.0.10', proto: 'tcp', port: 6380 },
      ],
    },
    { name: 'no offered ports: names and env, no connectivity', db: service('db'), ports: [], expected: [] },
  ])('$name', ({ db, ports, expected }) => {
    // web links db twice (two aliases): one set of rules
    const m = manifest([db, service('web', { links: [link('db'), link('db', 'database')] }), service('worker', { links: [link('db')] }), service('admin')]);
    expect(firewallFor(db, m, addresses, ports)).toEqual({ subnet: '10.213.0.0/24', allow: expected });
  });

  it('a service nobody links to only allows its published ports', () => {
    const web = service('web', { ports: [{ hostIp: '127.0.0.1', hostPort: '', containerPort: 5000, proto: 'tcp' }] });
    const m = manifest([web, service('db')]);
    expect(firewallFor(web, m, addresses, [tcp(5000)])).toEqual({ subnet: '10.213.0.0/24', allow: [{ from: '10.213.0.1', proto: 'tcp', port: 5000 }] });
  });
});

describe('firewallArgs', () => {
  it('--subnet, then one --allow proto:ip:port per rule, sorted and de-duplicated', () => {
    const fw = {
      subnet: '10.213.0.0/24',
      allow: [
        { from: '10.213.0.10', proto: 'tcp' as const, port: 6379 },
        { from: '10.213.0.3', proto: 'udp' as const, port: 53 },
        { from: '10.213.0.3', proto: 'tcp' as const, port: 6379 },
        { from: '10.213.0.3', proto: 'tcp' as const, port: 6379 },
      ],
    };
    expect(firewallArgs(fw)).toEqual([
      '--subnet', '10.213.0.0/24',
      '--allow', 'tcp:10.213.0.3:6379',
      '--allow', 'udp:10.213.0.3:53',
      '--allow', 'tcp:10.213.0.10:6379',
    ]);
  });

  it('no rules: only the subnet (everything from it is dropped)', () => {
    expect(firewallArgs({ subnet: '10.213.0.0/24', allow: [] })).toEqual(['--subnet', '10.213.0.0/24']);
  });

  it('consecutive ports of one source and protocol go as one LO-HI rule; a gap, a protocol or a source ends it', () => {
    const rule = (from: string, proto: 'tcp' | 'udp', port: number) => ({ from, proto, port });
    const a = '10.213.0.3';
    const b = '10.213.0.4';
    const udpRange = Array.from({ length: 10001 }, (_, i) => rule(a, 'udp', 10000 + i)); // RTP-like: one argument
    const fw = {
      subnet: '10.213.0.0/24',
      allow: [...udpRange, rule(a, 'tcp', 6379), rule(a, 'tcp', 6380), rule(a, 'tcp', 6382), rule(b, 'tcp', 6381), rule(a, 'udp', 6380), rule(b, 'tcp', 6380)],
    };
    expect(firewallArgs(fw)).toEqual([
      '--subnet', '10.213.0.0/24',
      '--allow', 'tcp:10.213.0.3:6379-6380',
      '--allow', 'tcp:10.213.0.3:6382',
      '--allow', 'udp:10.213.0.3:6380',
      '--allow', 'udp:10.213.0.3:10000-20000',
      '--allow', 'tcp:10.213.0.4:6380-6381',
    ]);
  });

  it('sameRules: a sandbox that holds the same rules one port each (made before ranges) needs no update', () => {
    const wanted = ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:6379-6381', '--allow', 'udp:10.213.0.3:53'];
    const perPort = ['--subnet', '10.213.0.0/24', ...['tcp:10.213.0.3:6379', 'tcp:10.213.0.3:6380', 'tcp:10.213.0.3:6381', 'udp:10.213.0.3:53'].flatMap((r) => ['--allow', r])];
    const fewer = perPort.slice(0, -4).concat(perPort.slice(-2)); // 6381/tcp lost
    expect([sameRules(perPort, wanted), sameRules(wanted, wanted), sameRules(fewer, wanted), sameRules(['--subnet', '10.213.1.0/24', ...perPort.slice(2)], wanted)]).toEqual([true, true, false, false]);
  });
});

