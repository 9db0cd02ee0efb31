import { describe, expect, test } from 'vitest';
import type { PortSpec } from '../../../src/manifest/model.js';
import { parseExpose } from '../../../src/manifest/ports.js';
import { load, problems, svc } from './helpers.js';

const tcp = (port: number): PortSpec => ({ port, proto: 'tcp' });
const udp = (port: number): PortSpec => ({ port, proto: 'udp' });

describe('expose entries', () => {
  test.each<[string | number, PortSpec[]]>([
    [5432, [tcp(5432)]],
    ['5432', [tcp(5432)]],
    ['5432/tcp', [tcp(5432)]],
    ['53/udp', [udp(53)]],
    ['9/sctp', [{ port: 9, proto: 'sctp' }]],
    ['6379-6381', [tcp(6379), tcp(6380), tcp(6381)]],
    ['6379-6381/udp', [udp(6379), udp(6380), udp(6381)]],
    ['7-7', [tcp(7)]],
    ['1', [tcp(1)]],
    ['65535', [tcp(65535)]],
  ])('%s', (entry, want) => {
    expect(parseExpose(entry)).toEqual(want);
  });

  test.each([
    [0, 'port 0 is out of range 1-65535 in "0"'],
    ['65536', 'port 65536 is out of range 1-65535 in "65536"'],
    ['1-0', 'port range "1-0" ends before it starts in "1-0"; write the lower port first'],
    ['0-5', 'port 0 is out of range 1-65535 in "0-5"'],
    ['abc', 'expose entry "abc" is not a port; use 5432, "5432/tcp", "53/udp" or "6379-6381"'],
    ['80:80', 'expose entry "80:80" is not a port; use 5432, "5432/tcp", "53/udp" or "6379-6381"'],
    ['53/xyz', 'protocol "xyz" in "53/xyz" is not tcp, udp or sctp'],
  ])('%s fails', (entry, error) => {
    expect(parseExpose(entry)).toEqual({ error });
  });
});

describe('expose in a manifest', () => {
  test('expanded, de-duplicated, sorted by (port, proto)', () => {
    const web = load(svc('expose: ["6380-6381", 53/udp, 53, 6379, "6380/tcp", 9/sctp, "9"]')).manifest.services.web!;
    expect(web.expose).toEqual([{ port: 9, proto: 'sctp' }, tcp(9), tcp(53), udp(53), tcp(6379), tcp(6380), tcp(6381)]);
  });

  test('schema and range problems, each at its entry', () => {
    expect(problems(svc('expose: [abc, "1-0", 0, 5432, true, "53/xyz"]'))).toEqual([
      '4:14: expose entry "abc" is not a port; use 5432, "5432/tcp", "53/udp" or "6379-6381"',
      '4:19: port range "1-0" ends before it starts in "1-0"; write the lower port first',
      '4:26: port 0 is out of range 1-65535 in "0"',
      '4:35: expose entry must be a string or an integer, not a boolean',
      '4:41: protocol "xyz" in "53/xyz" is not tcp, udp or sctp',
    ]);
  });

  test('expose must be a list', () => {
    expect(problems(svc('expose: "5432"'))).toEqual(['4:13: expose must be a list, not a string; like ["5432"]']);
  });
});
