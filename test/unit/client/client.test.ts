import { describe, expect, it } from 'vitest';
import { link, LinkError, links, requireLink, type Env, type Link } from '../../../src/client/index.js';
import type { Dialect, PortSpec } from '../../../src/manifest/model.js';
import { linkEnv } from '../../../src/plan/link-env.js';

/** The env a parent gets from hitch's own link env, as `KEY=VALUE` lines become process.env. */
function envOf(lines: string[]): Env {
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function generated(alias: string, ports: PortSpec[], dialect: Dialect, env: string[] = []): Env {
  return envOf(linkEnv({ alias, parentName: 'web', ip: '10.213.0.2', ports, env, dialect }));
}

const tcp = (port: number): PortSpec => ({ port, proto: 'tcp' });
const udp = (port: number): PortSpec => ({ port, proto: 'udp' });
const p = (port: number, proto = 'tcp', host = '10.213.0.2') => ({ port, proto, host, url: `${proto}://${host}:${port}` });

describe('requireLink reads what hitch injects, in both dialects', () => {
  const cases: Array<{ name: string; env: Env; alias: string; want: Link }> = [
    {
      name: 'modern: one port and the child env',
      env: generated('db', [tcp(5432)], 'modern', ['POSTGRES_USER=app', 'PATH=/bin', 'EMPTY=', 'URL=a=b']),
      alias: 'db',
      want: { alias: 'db', name: '/web/db', ...p(5432), ports: [p(5432)], env: { EMPTY: '', POSTGRES_USER: 'app', URL: 'a=b' } },
    },
    {
      name: 'modern: tcp beats a lower udp port for the default, every port listed by number',
      env: generated('dns', [udp(53), tcp(80)], 'modern'),
      alias: 'dns',
      want: { alias: 'dns', name: '/web/dns', ...p(80), ports: [p(53, 'udp'), p(80)], env: {} },
    },
    {
      name: 'classic: the lowest number is the default, whatever its protocol',
      env: generated('dns', [udp(53), tcp(80)], 'classic'),
      alias: 'dns',
      want: { alias: 'dns', name: '/web/dns', ...p(53, 'udp'), ports: [p(53, 'udp'), p(80)], env: {} },
    },
    {
      name: 'modern: a range gives each of its ports, range variables are not ports',
      env: generated('cache', [tcp(6379), tcp(6380), tcp(6381)], 'modern'),
      alias: 'cache',
      want: { alias: 'cache', name: '/web/cache', ...p(6379), ports: [p(6379), p(6380), p(6381)], env: {} },
    },
    {
      name: 'classic: the same range with its extra ADDR/PROTO copies',
      env: generated('cache', [tcp(6379), tcp(6380), tcp(6381)], 'classic'),
      alias: 'cache',
      want: { alias: 'cache', name: '/web/cache', ...p(6379), ports: [p(6379), p(6380), p(6381)], env: {} },
    },
    {
      name: 'an alias with a dash: MY_DB_* variables',
      env: generated('my-db', [tcp(3306)], 'modern', ['Mixed_Case=1']),
      alias: 'my-db',
      want: { alias: 'my-db', name: '/web/my-db', ...p(3306), ports: [p(3306)], env: { Mixed_Case: '1' } },
    },
    {
      name: "seed 000: Docker 0.x's env from `docker run -link /redis:db`",
      env: {
        DB_NAME: '/4c01db0b339cf19958731255a796ee072040a652f51652a4ade190ab8c27006f/db',
        DB_PORT: 'tcp://172.17.0.8:6379',
        DB_PORT_6379_TCP: 'tcp://172.17.0.8:6379',
        DB_ENV_PASSWORD: 'dockerpass',
        HOSTNAME: '4c01db0b339c',
      },
      alias: 'db',
      want: {
        alias: 'db',
        name: '/4c01db0b339cf19958731255a796ee072040a652f51652a4ade190ab8c27006f/db',
        ...p(6379, 'tcp', '172.17.0.8'),
        ports: [p(6379, 'tcp', '172.17.0.8')],
        env: { PASSWORD: 'dockerpass' },
      },
    },
  ];
  it.each(cases)('$name', ({ env, alias, want }) => {
    expect(requireLink(alias, env)).toEqual(want);
    expect(link(alias, env)).toEqual(want);
  });
});

describe('errors name the missing variables', () => {
  const failures: Array<{ name: string; env: Env; alias: string; missing: string[]; message: string }> = [
    {
      name: 'no such link',
      env: { HOME: '/root' },
      alias: 'db',
      missing: ['DB_NAME', 'DB_PORT'],
      message: 'no link "db": DB_NAME and DB_PORT are not set (link this service to the one it needs with the alias db, e.g. links: ["<service>:db"] in hitch.yaml)',
    },
    {
      name: 'a child without exposed ports',
      env: generated('cfg', [], 'modern', ['MODE=prod']),
      alias: 'cfg',
      missing: ['CFG_PORT'],
      message: 'link "cfg" is incomplete: CFG_PORT is not set: cfg exposes no port, and a link needs one (add expose: to the linked service)',
    },
    {
      name: 'a port without a name',
      env: { DB_PORT: 'tcp://10.0.0.2:5432' },
      alias: 'db',
      missing: ['DB_NAME'],
      message: 'link "db" is incomplete: DB_NAME is not set',
    },
    {
      name: 'a port that is not a URL',
      env: { DB_NAME: '/web/db', DB_PORT: '5432' },
      alias: 'db',
      missing: [],
      message: 'link "db": DB_PORT is "5432", not a URL like tcp://10.213.0.2:5432',
    },
  ];
  it.each(failures)('$name', ({ env, alias, missing, message }) => {
    let caught: unknown;
    try {
      requireLink(alias, env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LinkError);
    expect({ alias: (caught as LinkError).alias, missing: (caught as LinkError).missing, message: (caught as LinkError).message }).toEqual({ alias, missing, message });
  });

  it('link() is undefined when the link is absent, and throws when it is incomplete', () => {
    expect(link('db', { HOME: '/root' })).toBeUndefined();
    expect(() => link('db', { DB_PORT: 'tcp://10.0.0.2:5432' })).toThrow('DB_NAME is not set');
  });
});

describe('links', () => {
  it('lists every link by alias, ignoring look-alike variables', () => {
    const env = {
      ...generated('store', [tcp(6379)], 'modern'),
      ...generated('api', [tcp(8080)], 'classic'),
      APP_NAME: '/not/a-link', // APP is not what the alias "a-link" would be
      SERVICE_NAME: 'web',
    };
    expect(links(env).map((l) => [l.alias, l.url])).toEqual([
      ['api', 'tcp://10.213.0.2:8080'],
      ['store', 'tcp://10.213.0.2:6379'],
    ]);
  });

  it('reads process.env by default', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, generated('pg', [tcp(5432)], 'modern'));
      expect(requireLink('pg').url).toBe('tcp://10.213.0.2:5432');
      expect(links().map((l) => l.alias)).toEqual(['pg']);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    }
  });
});
