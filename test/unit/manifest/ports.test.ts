import { describe, expect, test } from 'vitest';
import type { PublishedPort } from '../../../src/manifest/model.js';
import { parseLongPort } from '../../../src/manifest/long-ports.js';
import { parsePublished } from '../../../src/manifest/ports.js';
import { problems, load, svc } from './helpers.js';

const p = (hostIp: string, hostPort: string, containerPort: number, proto: PublishedPort['proto'] = 'tcp'): PublishedPort => ({ hostIp, hostPort, containerPort, proto });

describe('ports: every docker run -p form', () => {
  test.each<[string | number, PublishedPort[]]>([
    [5000, [p('', '', 5000)]],
    ['5000', [p('', '', 5000)]],
    ['8080:80', [p('', '8080', 80)]],
    ['127.0.0.1:8080:80', [p('127.0.0.1', '8080', 80)]],
    ['127.0.0.1::5000', [p('127.0.0.1', '', 5000)]],
    ['5353:53/udp', [p('', '5353', 53, 'udp')]],
    ['9:9/sctp', [p('', '9', 9, 'sctp')]],
    ['80/TCP', [p('', '', 80)]],
    ['8000-8002:8000-8002', [p('', '8000', 8000), p('', '8001', 8001), p('', '8002', 8002)]],
    ['9000-9001:8000-8001/udp', [p('', '9000', 8000, 'udp'), p('', '9001', 8001, 'udp')]],
    ['8000-8010:80', [p('', '8000-8010', 80)]],
    ['3000-3001', [p('', '', 3000), p('', '', 3001)]],
    ['[::1]:80:80', [p('::1', '80', 80)]],
    ['[::1]::80', [p('::1', '', 80)]],
    ['[fe80::1]:53:53/udp', [p('fe80::1', '53', 53, 'udp')]],
    ['0.0.0.0:80:80', [p('0.0.0.0', '80', 80)]],
    ['65535:1', [p('', '65535', 1)]],
  ])('%s', (entry, want) => {
    expect(parsePublished(entry)).toEqual(want);
  });

  test.each([
    ['0:80', 'port 0 is out of range 1-65535 in "0:80"'],
    ['80:65536', 'port 65536 is out of range 1-65535 in "80:65536"'],
    ['90-80:90-80', 'port range "90-80" ends before it starts in "90-80:90-80"; write the lower port first'],
    ['8000-8001:80-82', 'host and container port ranges in "8000-8001:80-82" have different lengths; use ranges of the same length, like "8000-8002:8000-8002"'],
    ['80:80/icmp', 'protocol "icmp" in "80:80/icmp" is not tcp, udp or sctp'],
    ['1.2.3:80:80', 'host IP "1.2.3" in "1.2.3:80:80" is not an IPv4 address; use "80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "5353:53/udp" or "8000-8002:8000-8002"'],
    ['::1:80:80', '"::1:80:80" has too many ":"; for IPv6 write the address in brackets, like "[::1]:8080:80"'],
    ['[::1:80:80', '"[::1:80:80" is not a port mapping; for IPv6 use "[::1]:8080:80"'],
    ['[nope]:80:80', '"[nope]:80:80" is not a port mapping; for IPv6 use "[::1]:8080:80"'],
    ['x:80', '"x" in "x:80" is not a port or range; use "80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "5353:53/udp" or "8000-8002:8000-8002"'],
  ])('%s fails', (entry, error) => {
    expect(parsePublished(entry)).toEqual({ error });
  });

  test.each([
    [{ target: 80 }, [p('', '', 80)]],
    [{ target: 80, published: 8080 }, [p('', '8080', 80)]],
    [{ target: 53, published: '5353', host_ip: '127.0.0.1', protocol: 'udp' as const }, [p('127.0.0.1', '5353', 53, 'udp')]],
    [{ target: 80, published: '8000-8010' }, [p('', '8000-8010', 80)]],
    [{ target: 80, published: '08080' }, [p('', '8080', 80)]],
    [{ target: 80, published: '' }, [p('', '', 80)]],
    [{ target: 0 }, { field: 'target', error: "target 0 is out of range 1-65535; use the container's port, like 80" }],
    [{ target: 70000 }, { field: 'target', error: "target 70000 is out of range 1-65535; use the container's port, like 80" }],
    [{ target: 80, published: 'abc' }, { field: 'published', error: 'published "abc" is not a port or range; use 8080 or "8000-8010"' }],
    [{ target: 80, published: 70000 }, { field: 'published', error: 'published 70000 is out of range 1-65535; use 8080 or "8000-8010"' }],
    [{ target: 80, published: '8000-70000' }, { field: 'published', error: 'published "8000-70000": port 70000 is out of range 1-65535; use 8080 or "8000-8010"' }],
    [{ target: 80, published: '8010-8000' }, { field: 'published', error: 'published "8010-8000" ends before it starts; write the lower port first' }],
    [{ target: 80, host_ip: 'localhost' }, { field: 'host_ip', error: 'host_ip "localhost" is not an IP address; use one of the host\'s, like "127.0.0.1" or "::1"' }],
  ])('long form %j', (entry, want) => {
    expect(parseLongPort(entry)).toEqual(want);
  });
});

describe('ports in a manifest', () => {
  test('entries keep their order; ranges expand; publish_all', () => {
    const web = load(svc('ports: ["127.0.0.1::5000", "8080:80", {target: 53, protocol: udp}, "7000-7001:7000-7001"]\npublish_all: true')).manifest.services.web!;
    expect([web.ports, web.publishAll]).toEqual([
      [p('127.0.0.1', '', 5000), p('', '8080', 80), p('', '', 53, 'udp'), p('', '7000', 7000), p('', '7001', 7001)],
      true,
    ]);
  });

  test("a long form's problem is reported at the field that has it", () => {
    expect(problems(svc('ports:\n  - {target: 80, published: abc}\n  - {target: 70000}\n  - {target: 80, host_ip: localhost}'))).toEqual([
      '5:33: published "abc" is not a port or range; use 8080 or "8000-8010"',
      "6:18: target 70000 is out of range 1-65535; use the container's port, like 80",
      '7:31: host_ip "localhost" is not an IP address; use one of the host\'s, like "127.0.0.1" or "::1"',
    ]);
  });

  test('every bad entry is reported at its own position', () => {
    expect(problems(svc('ports:\n  - "0:80"\n  - abc\n  - {target: 80, publishd: 80}\n  - true\n  - "1-0"'))).toEqual([
      '5:9: port 0 is out of range 1-65535 in "0:80"',
      '6:9: ports entry "abc" is not a port mapping; use "80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "5353:53/udp" or "8000-8002:8000-8002"',
      '7:22: unknown key "publishd" in ports entry; did you mean "published"?',
      '8:9: ports entry must be an integer, a string or a mapping, not a boolean; like "8080:80" or {target: 80, published: 8080}',
      '9:9: port range "1-0" ends before it starts in "1-0"; write the lower port first',
    ]);
  });
});
