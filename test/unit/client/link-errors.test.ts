// LinkError: an absent or incomplete link names its missing variables and says how to fix it.
import { describe, expect, it } from 'vitest';
import { link, LinkError, requireLink, type Env } from '../../../src/client/index.js';
import { generated } from './generated-env.js';

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
