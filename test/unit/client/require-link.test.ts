// requireLink and link read what hitch injects, in both dialects and from Docker 0.x.
import { describe, expect, it } from 'vitest';
import { link, requireLink, type Env, type Link } from '../../../src/client/index.js';
import { generated, tcp, udp } from './generated-env.js';

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
