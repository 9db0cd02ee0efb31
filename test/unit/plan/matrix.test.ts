import { describe, expect, it } from 'vitest';
import type { PortSpec } from '../../../src/manifest/model.js';
import {
  agrees, enforced, enforcementLines, enforcementOf, externalLinkLines, expectedMatrix, linkGrants, rulesInForce, unexposedProbes, type LinkEnforcement,
} from '../../../src/plan/matrix.js';
import { link, manifest, service } from './fixtures.js';

const tcp = (port: number): PortSpec => ({ port, proto: 'tcp' });
const udp = (port: number): PortSpec => ({ port, proto: 'udp' });

// web -> db (twice, as db and database), web -> dns, worker -> db; lonely links nothing and exposes 9000.
const m = manifest([
  service('db'),
  service('dns'),
  service('lonely'),
  service('web', { links: [link('db'), link('db', 'database'), link('dns')] }),
  service('worker', { links: [link('db')] }),
]);
const offered = { db: [tcp(6379)], dns: [udp(53)], lonely: [tcp(9000)], web: [], worker: [] };

describe('expectedMatrix', () => {
  it('every ordered pair on every offered port; allowed only from a parent', () => {
    const cell = (from: string, to: string, p: PortSpec, expected: 'allowed' | 'denied') => ({ from, to, ...p, exposed: true, expected });
    expect(expectedMatrix(m, offered)).toEqual([
      cell('db', 'dns', udp(53), 'denied'),
      cell('db', 'lonely', tcp(9000), 'denied'),
      cell('dns', 'db', tcp(6379), 'denied'),
      cell('dns', 'lonely', tcp(9000), 'denied'),
      cell('lonely', 'db', tcp(6379), 'denied'),
      cell('lonely', 'dns', udp(53), 'denied'),
      cell('web', 'db', tcp(6379), 'allowed'),
      cell('web', 'dns', udp(53), 'allowed'),
      cell('web', 'lonely', tcp(9000), 'denied'),
      cell('worker', 'db', tcp(6379), 'allowed'),
      cell('worker', 'dns', udp(53), 'denied'),
      cell('worker', 'lonely', tcp(9000), 'denied'),
    ]);
  });

  it('leaves sctp ports out: the sandbox cannot probe them', () => {
    const sctp = { port: 2905, proto: 'sctp' as const };
    const cell = (from: string, to: string, p: PortSpec, expected: 'allowed' | 'denied') => ({ from, to, ...p, exposed: true, expected });
    const only = { db: [sctp, tcp(6379)], dns: [], lonely: [], web: [], worker: [] };
    expect(expectedMatrix(m, only)).toEqual([
      cell('dns', 'db', tcp(6379), 'denied'),
      cell('lonely', 'db', tcp(6379), 'denied'),
      cell('web', 'db', tcp(6379), 'allowed'),
      cell('worker', 'db', tcp(6379), 'allowed'),
    ]);
  });
});

describe('unexposedProbes', () => {
  it("denies everyone, the target's parents too", () => {
    expect(unexposedProbes(m, 'db', [tcp(40000), udp(40000)]).map((p) => `${p.from} ${p.port}/${p.proto} ${p.exposed} ${p.expected}`)).toEqual([
      'dns 40000/tcp false denied',
      'dns 40000/udp false denied',
      'lonely 40000/tcp false denied',
      'lonely 40000/udp false denied',
      'web 40000/tcp false denied',
      'web 40000/udp false denied',
      'worker 40000/tcp false denied',
      'worker 40000/udp false denied',
    ]);
  });
});

describe('agrees', () => {
  it.each([
    { expected: 'allowed', actual: 'allowed', ok: true },
    { expected: 'allowed', actual: 'refused', ok: true }, // let in, nothing listens: still what the link allows
    { expected: 'allowed', actual: 'denied', ok: false },
    { expected: 'denied', actual: 'denied', ok: true },
    { expected: 'denied', actual: 'allowed', ok: false },
    { expected: 'denied', actual: 'refused', ok: false }, // the firewall let it in
  ] as const)('$expected vs $actual', ({ expected, actual, ok }) => {
    expect(agrees(expected, actual)).toBe(ok);
  });
});

// What `iptables -v -S HITCH` printed in a sandbox on docker 20.10 (iptables 1.8.9, nf_tables).
const SHOWN = [
  '-N HITCH',
  '-A HITCH -m conntrack --ctstate RELATED,ESTABLISHED -c 3 156 -j ACCEPT',
  '-A HITCH -i lo -c 0 0 -j ACCEPT',
  '-A HITCH -s 10.213.0.3/32 -p tcp -m tcp --dport 6379 -c 1 60 -j ACCEPT',
  '-A HITCH -s 10.213.0.3/32 -p udp -m udp --dport 5353:5355 -c 2 80 -j ACCEPT',
  '-A HITCH -s 10.213.0.0/24 -c 7 420 -j DROP',
  '',
].join('\n');

describe('rulesInForce', () => {
  it('reads the accept and drop rules with their counters, and skips the rest', () => {
    expect(rulesInForce(SHOWN)).toEqual([
      { target: 'ACCEPT', from: '10.213.0.3/32', proto: 'tcp', ports: [6379, 6379], packets: 1 },
      { target: 'ACCEPT', from: '10.213.0.3/32', proto: 'udp', ports: [5353, 5355], packets: 2 },
      { target: 'DROP', from: '10.213.0.0/24', packets: 7 },
    ]);
  });

  it('reads rules without counters (plain show)', () => {
    expect(rulesInForce('-A HITCH -s 10.213.0.7/32 -p tcp -m tcp --dport 80 -j ACCEPT\n-A HITCH -s 10.213.0.0/24 -j DROP')).toEqual([
      { target: 'ACCEPT', from: '10.213.0.7/32', proto: 'tcp', ports: [80, 80] },
      { target: 'DROP', from: '10.213.0.0/24' },
    ]);
  });
});

describe('linkGrants and enforcement', () => {
  const rules = rulesInForce(SHOWN);

  it('one grant per parent and child, with every alias', () => {
    expect(linkGrants(m, offered)).toEqual([
      { parent: 'web', child: 'db', aliases: ['database', 'db'], ports: [tcp(6379)] },
      { parent: 'web', child: 'dns', aliases: ['dns'], ports: [udp(53)] },
      { parent: 'worker', child: 'db', aliases: ['db'], ports: [tcp(6379)] },
    ]);
  });

  it("finds each port's rule, within ranges, and the drop", () => {
    const grant = { parent: 'web', child: 'dns', aliases: ['dns'], ports: [udp(5354), udp(5356), tcp(5354)] };
    expect(enforcementOf(grant, '10.213.0.3', '10.213.0.0/24', rules)).toEqual({ ...grant, missing: [udp(5356), tcp(5354)], drops: true });
    expect(enforcementOf(grant, '10.213.0.3', '10.213.1.0/24', rules).drops).toBe(false);
  });

  it('says per link what is in force, in one line each', () => {
    const base = { parent: 'web', child: 'db', aliases: ['database', 'db'], ports: [tcp(6379), udp(53)], missing: [], drops: true };
    const links: LinkEnforcement[] = [
      base,
      { ...base, child: 'nop', aliases: ['nop'], ports: [] },
      { ...base, missing: [udp(53)] },
      { ...base, drops: false },
    ];
    expect(enforcementLines(links, {})).toEqual([
      'link web -> db (as database, db): rules enforced: web may reach db on 6379/tcp, 53/udp only',
      'link web -> nop (as nop): rules enforced: names and env only, nop exposes no port',
      "link web -> db (as database, db): NOT enforced: db's firewall lacks 53/udp; run `hitch up` again",
      "link web -> db (as database, db): NOT enforced: db's firewall does not drop the project's traffic; run `hitch up` again",
    ]);
    // what `up` exits 1 for, and says as `ok: false` with --json: exactly the NOT enforced lines
    expect(links.map(enforced)).toEqual([true, true, false, false]);
  });

  it("a link not enforced: the `up` to run names the project as the command line did", () => {
    const link = { parent: 'web', child: 'db', aliases: ['db'], ports: [tcp(5432)], missing: [], drops: false };
    expect(enforcementLines([link], { invocation: 'hitch -p shop' })).toEqual([
      "link web -> db (as db): NOT enforced: db's firewall does not drop the project's traffic; run `hitch -p shop up` again",
    ]);
  });

  it('writes each run of consecutive ports of a protocol as one range', () => {
    const range = (from: number, to: number, as: (p: number) => PortSpec) => Array.from({ length: to - from + 1 }, (_, i) => as(from + i));
    const wide = { parent: 'web', child: 'dns', aliases: ['dns'], ports: [...range(5000, 64999, udp), tcp(8000), tcp(8001), tcp(8003)], missing: [], drops: true };
    expect(enforcementLines([wide, { ...wide, missing: [udp(5000), udp(5001), tcp(8003)] }], {})).toEqual([
      'link web -> dns (as dns): rules enforced: web may reach dns on 5000-64999/udp, 8000-8001/tcp, 8003/tcp only',
      "link web -> dns (as dns): NOT enforced: dns's firewall lacks 5000-5001/udp, 8003/tcp; run `hitch up` again",
    ]);
  });
});

describe('externalLinkLines', () => {
  it('one line per external link, saying it is not firewalled; none without', () => {
    const ext = (container: string, alias: string) => ({ container, alias, pos: { file: '/p/hitch.yaml', line: 1, col: 1 } });
    const m = manifest([service('web', { externalLinks: [ext('legacy-db', 'db'), ext('legacy-cache', 'cache')] }), service('db')]);
    expect(externalLinkLines(m)).toEqual([
      'link web -> legacy-db (as db): external, NOT firewalled by hitch: every service of the project can reach every port it listens on',
      'link web -> legacy-cache (as cache): external, NOT firewalled by hitch: every service of the project can reach every port it listens on',
    ]);
    expect(externalLinkLines(manifest([service('db')]))).toEqual([]);
  });
});

