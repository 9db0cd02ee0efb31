import { describe, expect, it } from 'vitest';
import type { PortSpec, Protocol } from '../../../src/manifest/model.js';
import { envAlias, linkEnv, type LinkEnvInput } from '../../../src/plan/link-env.js';

const sorted = (xs: string[]) => [...xs].sort();

/** "6379", "53/udp" → PortSpec */
function ports(...specs: string[]): PortSpec[] {
  return specs.map((s) => {
    const [port, proto = 'tcp'] = s.split('/');
    return { port: Number(port), proto: proto as Protocol };
  });
}

function input(overrides: Partial<LinkEnvInput>): LinkEnvInput {
  return { alias: 'db', parentName: 'web', ip: '10.0.0.2', ports: [], env: [], dialect: 'modern', ...overrides };
}

/** The four variables every port gets. */
function four(a: string, ip: string, port: number, proto: string): string[] {
  const x = `${a}_PORT_${port}_${proto.toUpperCase()}`;
  return [`${x}=${proto}://${ip}:${port}`, `${x}_ADDR=${ip}`, `${x}_PORT=${port}`, `${x}_PROTO=${proto}`];
}

describe('linkEnv: the spec test vector (moby daemon/links/links_test.go)', () => {
  const vector = input({
    alias: 'docker',
    parentName: 'db',
    ip: '172.0.17.2',
    ports: ports('6300/udp', '6379/tcp', '6380/tcp', '6381/tcp', '6382/udp'),
    env: ['PASSWORD=gordon'],
  });

  it('modern: tcp first, the tcp run 6379-6381 is a range', () => {
    expect(sorted(linkEnv(vector))).toEqual([
      'DOCKER_ENV_PASSWORD=gordon',
      'DOCKER_NAME=/db/docker',
      'DOCKER_PORT=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6300_UDP=udp://172.0.17.2:6300',
      'DOCKER_PORT_6300_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6300_UDP_PORT=6300',
      'DOCKER_PORT_6300_UDP_PROTO=udp',
      'DOCKER_PORT_6379_TCP=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6379_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6379_TCP_END=tcp://172.0.17.2:6381',
      'DOCKER_PORT_6379_TCP_PORT=6379',
      'DOCKER_PORT_6379_TCP_PORT_END=6381',
      'DOCKER_PORT_6379_TCP_PORT_START=6379',
      'DOCKER_PORT_6379_TCP_PROTO=tcp',
      'DOCKER_PORT_6379_TCP_START=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6380_TCP=tcp://172.0.17.2:6380',
      'DOCKER_PORT_6380_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6380_TCP_PORT=6380',
      'DOCKER_PORT_6380_TCP_PROTO=tcp',
      'DOCKER_PORT_6381_TCP=tcp://172.0.17.2:6381',
      'DOCKER_PORT_6381_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6381_TCP_PORT=6381',
      'DOCKER_PORT_6381_TCP_PROTO=tcp',
      'DOCKER_PORT_6382_UDP=udp://172.0.17.2:6382',
      'DOCKER_PORT_6382_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6382_UDP_PORT=6382',
      'DOCKER_PORT_6382_UDP_PROTO=udp',
    ]);
  });

  it('classic: lowest number first (udp 6300), 6379-6382 is one range ending in udp, ADDR/PROTO twice', () => {
    expect(sorted(linkEnv({ ...vector, dialect: 'classic' }))).toEqual([
      'DOCKER_ENV_PASSWORD=gordon',
      'DOCKER_NAME=/db/docker',
      'DOCKER_PORT=udp://172.0.17.2:6300',
      'DOCKER_PORT_6300_UDP=udp://172.0.17.2:6300',
      'DOCKER_PORT_6300_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6300_UDP_PORT=6300',
      'DOCKER_PORT_6300_UDP_PROTO=udp',
      'DOCKER_PORT_6379_TCP=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6379_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6379_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6379_TCP_PORT=6379',
      'DOCKER_PORT_6379_TCP_PORT_START=6379',
      'DOCKER_PORT_6379_TCP_PROTO=tcp',
      'DOCKER_PORT_6379_TCP_PROTO=tcp',
      'DOCKER_PORT_6379_TCP_START=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6379_UDP_END=udp://172.0.17.2:6382',
      'DOCKER_PORT_6379_UDP_PORT_END=6382',
      'DOCKER_PORT_6380_TCP=tcp://172.0.17.2:6380',
      'DOCKER_PORT_6380_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6380_TCP_PORT=6380',
      'DOCKER_PORT_6380_TCP_PROTO=tcp',
      'DOCKER_PORT_6381_TCP=tcp://172.0.17.2:6381',
      'DOCKER_PORT_6381_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6381_TCP_PORT=6381',
      'DOCKER_PORT_6381_TCP_PROTO=tcp',
      'DOCKER_PORT_6382_UDP=udp://172.0.17.2:6382',
      'DOCKER_PORT_6382_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6382_UDP_PORT=6382',
      'DOCKER_PORT_6382_UDP_PROTO=udp',
    ]);
  });
});

describe('linkEnv: emission order', () => {
  const io = input({ alias: 'my-db', parentName: 'p', ip: '172.17.0.2', ports: ports('6300/udp', '6379', '6380', '6381', '6382/udp') });

  // Docker 20.10 here, `docker run --link c:my-db busybox env` (its process env keeps one of each duplicate)
  it('classic: default port, then ranges, then every port, then name', () => {
    expect(linkEnv({ ...io, dialect: 'classic' })).toEqual([
      'MY_DB_PORT=udp://172.17.0.2:6300',
      'MY_DB_PORT_6379_TCP_START=tcp://172.17.0.2:6379',
      'MY_DB_PORT_6379_TCP_ADDR=172.17.0.2',
      'MY_DB_PORT_6379_TCP_PROTO=tcp',
      'MY_DB_PORT_6379_TCP_PORT_START=6379',
      'MY_DB_PORT_6379_UDP_END=udp://172.17.0.2:6382',
      'MY_DB_PORT_6379_UDP_PORT_END=6382',
      ...four('MY_DB', '172.17.0.2', 6300, 'udp'),
      ...four('MY_DB', '172.17.0.2', 6379, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6380, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6381, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6382, 'udp'),
      'MY_DB_NAME=/p/my-db',
    ]);
  });

  // docker 28: a range's variables follow the four of the first port that breaks it
  it('modern: default port, every port with its range after the run ends, then name', () => {
    expect(linkEnv({ ...io, dialect: 'modern' })).toEqual([
      'MY_DB_PORT=tcp://172.17.0.2:6379',
      ...four('MY_DB', '172.17.0.2', 6379, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6380, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6381, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6300, 'udp'),
      'MY_DB_PORT_6379_TCP_START=tcp://172.17.0.2:6379',
      'MY_DB_PORT_6379_TCP_PORT_START=6379',
      'MY_DB_PORT_6379_TCP_END=tcp://172.17.0.2:6381',
      'MY_DB_PORT_6379_TCP_PORT_END=6381',
      ...four('MY_DB', '172.17.0.2', 6382, 'udp'),
      'MY_DB_NAME=/p/my-db',
    ]);
  });
});

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

interface EnvCase {
  name: string;
  env: string[];
  shareEnv?: string[];
  expected: string[];
}

// spec/links.md §2, `_ENV_`
const envCases: EnvCase[] = [
  { name: 'one variable', env: ['PASSWORD=gordon'], expected: ['DB_ENV_PASSWORD=gordon'] },
  { name: 'HOME and PATH are skipped (set by builds)', env: ['HOME=/root', 'PATH=/bin', 'USER=redis'], expected: ['DB_ENV_USER=redis'] },
  { name: 'entries without = are skipped', env: ['NOVALUE', 'A=1'], expected: ['DB_ENV_A=1'] },
  { name: 'split on the first =: values keep theirs', env: ['URL=a=b=c', 'Q==x'], expected: ['DB_ENV_URL=a=b=c', 'DB_ENV_Q==x'] },
  { name: 'empty values are kept', env: ['EMPTY='], expected: ['DB_ENV_EMPTY='] },
  { name: 'key case is kept; only the alias is upper-cased', env: ['lower_key=v', 'Mixed-Key=w'], expected: ['DB_ENV_lower_key=v', 'DB_ENV_Mixed-Key=w'] },
  { name: 'home and path in lower case are ordinary keys', env: ['home=h', 'Path=p'], expected: ['DB_ENV_home=h', 'DB_ENV_Path=p'] },
  { name: 'a key given twice: the later (own env over image ENV) wins', env: ['VERSION=1', 'OTHER=o', 'VERSION=2'], expected: ['DB_ENV_VERSION=2', 'DB_ENV_OTHER=o'] },
  { name: 'shareEnv keeps only the listed keys', env: ['USER=u', 'PASSWORD=p', 'DB=d'], shareEnv: ['USER', 'DB'], expected: ['DB_ENV_USER=u', 'DB_ENV_DB=d'] },
  { name: 'shareEnv matches keys exactly (case-sensitive)', env: ['user=u', 'USER=U'], shareEnv: ['USER'], expected: ['DB_ENV_USER=U'] },
  { name: 'an empty shareEnv shares nothing', env: ['USER=u'], shareEnv: [], expected: [] },
  { name: 'shareEnv cannot bring back HOME', env: ['HOME=/root'], shareEnv: ['HOME'], expected: [] },
];

describe('linkEnv: the child env, both dialects', () => {
  it.each(envCases)('$name', ({ env, shareEnv, expected }) => {
    for (const dialect of ['modern', 'classic'] as const) {
      expect(sorted(linkEnv(input({ env, shareEnv, dialect })))).toEqual(sorted(['DB_NAME=/web/db', ...expected]));
    }
  });

  it('env comes after the name, in the order given', () => {
    expect(linkEnv(input({ env: ['B=2', 'A=1'] }))).toEqual(['DB_NAME=/web/db', 'DB_ENV_B=2', 'DB_ENV_A=1']);
  });
});

describe('envAlias', () => {
  it.each([
    ['db', 'DB'],
    ['my-db', 'MY_DB'],
    ['a-b_c', 'A_B_C'],
    ['db.main', 'DB.MAIN'], // docker replaces nothing but '-'
    ['Redis2', 'REDIS2'],
  ])('%s → %s', (alias, expected) => {
    expect(envAlias(alias)).toBe(expected);
  });

  it('NAME keeps the alias as written', () => {
    expect(linkEnv(input({ alias: 'my-db', parentName: 'shop-web' }))).toEqual(['MY_DB_NAME=/shop-web/my-db']);
  });
});
