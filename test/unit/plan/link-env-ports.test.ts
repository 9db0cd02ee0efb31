// linkEnv's port variables: default port, ranges and duplicates, in both dialects.
import { describe, expect, it } from 'vitest';
import { linkEnv } from '../../../src/plan/link-env.js';
import { four, input, ports, sorted } from './link-env-helpers.js';

const ip = '10.0.0.2';
const range = (a: string, start: number, end: number, proto: string) => {
  const x = `${a}_PORT_${start}_${proto.toUpperCase()}`;
  return [`${x}_START=${proto}://${ip}:${start}`, `${x}_PORT_START=${start}`, `${x}_END=${proto}://${ip}:${end}`, `${x}_PORT_END=${end}`];
};

interface PortCase {
  name: string;
  alias?: string;
  ports: string[];
  modern: string[];
  classic: string[];
}

// spec/links.md §2 "More:", and the range rules of each dialect
const portCases: PortCase[] = [
  {
    name: 'alias my-db, 53/udp and 80/tcp: modern defaults to tcp 80, classic to udp 53',
    alias: 'my-db',
    ports: ['53/udp', '80/tcp'],
    modern: ['MY_DB_NAME=/web/my-db', `MY_DB_PORT=tcp://${ip}:80`, ...four('MY_DB', ip, 53, 'udp'), ...four('MY_DB', ip, 80, 'tcp')],
    classic: ['MY_DB_NAME=/web/my-db', `MY_DB_PORT=udp://${ip}:53`, ...four('MY_DB', ip, 53, 'udp'), ...four('MY_DB', ip, 80, 'tcp')],
  },
  {
    name: '6379/tcp, 6380/tcp: a range in modern, none in classic (needs 3)',
    ports: ['6379/tcp', '6380/tcp'],
    modern: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:6379`, ...four('DB', ip, 6379, 'tcp'), ...range('DB', 6379, 6380, 'tcp'), ...four('DB', ip, 6380, 'tcp')],
    classic: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:6379`, ...four('DB', ip, 6379, 'tcp'), ...four('DB', ip, 6380, 'tcp')],
  },
  {
    name: '10, 11, 20/tcp: modern range 10-11, classic none',
    ports: ['10', '11', '20'],
    modern: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:10`, ...four('DB', ip, 10, 'tcp'), ...range('DB', 10, 11, 'tcp'), ...four('DB', ip, 11, 'tcp'), ...four('DB', ip, 20, 'tcp')],
    classic: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:10`, ...four('DB', ip, 10, 'tcp'), ...four('DB', ip, 11, 'tcp'), ...four('DB', ip, 20, 'tcp')],
  },
  {
    name: '3 consecutive, mixed protocols: classic ignores the protocol and names END after the end port',
    ports: ['6379/tcp', '6380/tcp', '6381/udp'],
    modern: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:6379`, ...four('DB', ip, 6379, 'tcp'), ...range('DB', 6379, 6380, 'tcp'), ...four('DB', ip, 6380, 'tcp'), ...four('DB', ip, 6381, 'udp')],
    classic: [
      'DB_NAME=/web/db',
      `DB_PORT=tcp://${ip}:6379`,
      `DB_PORT_6379_TCP_START=tcp://${ip}:6379`,
      `DB_PORT_6379_TCP_ADDR=${ip}`,
      'DB_PORT_6379_TCP_PROTO=tcp',
      'DB_PORT_6379_TCP_PORT_START=6379',
      `DB_PORT_6379_UDP_END=udp://${ip}:6381`,
      'DB_PORT_6379_UDP_PORT_END=6381',
      ...four('DB', ip, 6379, 'tcp'),
      ...four('DB', ip, 6380, 'tcp'),
      ...four('DB', ip, 6381, 'udp'),
    ],
  },
  {
    name: '3 consecutive tcp: a range in both dialects',
    ports: ['8000', '8001', '8002'],
    modern: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:8000`, ...four('DB', ip, 8000, 'tcp'), ...four('DB', ip, 8001, 'tcp'), ...four('DB', ip, 8002, 'tcp'), ...range('DB', 8000, 8002, 'tcp')],
    classic: [
      'DB_NAME=/web/db',
      `DB_PORT=tcp://${ip}:8000`,
      ...range('DB', 8000, 8002, 'tcp'),
      `DB_PORT_8000_TCP_ADDR=${ip}`,
      'DB_PORT_8000_TCP_PROTO=tcp',
      ...four('DB', ip, 8000, 'tcp'),
      ...four('DB', ip, 8001, 'tcp'),
      ...four('DB', ip, 8002, 'tcp'),
    ],
  },
  {
    // checked on Docker 20.10: nextContiguous counts entries, so the duplicate 53 lets 55 join
    name: '53/tcp, 53/udp, 55/tcp: classic quirk makes 53-55 a range; modern has none',
    ports: ['53/tcp', '53/udp', '55/tcp'],
    modern: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:53`, ...four('DB', ip, 53, 'tcp'), ...four('DB', ip, 55, 'tcp'), ...four('DB', ip, 53, 'udp')],
    classic: [
      'DB_NAME=/web/db',
      `DB_PORT=tcp://${ip}:53`,
      ...range('DB', 53, 55, 'tcp'),
      `DB_PORT_53_TCP_ADDR=${ip}`,
      'DB_PORT_53_TCP_PROTO=tcp',
      ...four('DB', ip, 53, 'tcp'),
      ...four('DB', ip, 53, 'udp'),
      ...four('DB', ip, 55, 'tcp'),
    ],
  },
  {
    // classic: 3 entries of one number pass nextContiguous, so they form a "range" 9-9
    name: 'one number, three protocols: modern sorts tcp, sctp, udp; classic makes a range of them',
    ports: ['9/udp', '9/sctp', '9/tcp'],
    modern: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:9`, ...four('DB', ip, 9, 'tcp'), ...four('DB', ip, 9, 'sctp'), ...four('DB', ip, 9, 'udp')],
    classic: [
      'DB_NAME=/web/db',
      `DB_PORT=tcp://${ip}:9`,
      `DB_PORT_9_TCP_START=tcp://${ip}:9`,
      'DB_PORT_9_TCP_PORT_START=9',
      `DB_PORT_9_UDP_END=udp://${ip}:9`, // upstream: whichever of sctp/udp the Go map gave last
      'DB_PORT_9_UDP_PORT_END=9',
      `DB_PORT_9_TCP_ADDR=${ip}`,
      'DB_PORT_9_TCP_PROTO=tcp',
      ...four('DB', ip, 9, 'tcp'),
      ...four('DB', ip, 9, 'sctp'),
      ...four('DB', ip, 9, 'udp'),
    ],
  },
  {
    name: 'no ports: only the name (and env)',
    ports: [],
    modern: ['DB_NAME=/web/db'],
    classic: ['DB_NAME=/web/db'],
  },
  {
    name: 'a port listed twice counts once',
    ports: ['80', '80/tcp'],
    modern: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:80`, ...four('DB', ip, 80, 'tcp')],
    classic: ['DB_NAME=/web/db', `DB_PORT=tcp://${ip}:80`, ...four('DB', ip, 80, 'tcp')],
  },
];

describe('linkEnv: ports, both dialects', () => {
  it.each(portCases)('$name', ({ alias, ports: p, modern, classic }) => {
    const io = input({ alias: alias ?? 'db', ports: ports(...p) });
    expect(sorted(linkEnv({ ...io, dialect: 'modern' }))).toEqual(sorted(modern));
    expect(sorted(linkEnv({ ...io, dialect: 'classic' }))).toEqual(sorted(classic));
  });
});
