// The seeds' scenarios, on a real engine with images built offline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envOf, execIn, FIXTURES, hitch, hitchOk, ipOf, requireEngine, withPrefix } from './helpers.js';

function stack(name: string, project: string) {
  const file = `${FIXTURES}/${name}/hitch.yaml`;
  beforeAll(async () => {
    await requireEngine();
    await hitch(['-f', file, 'down']);
    await hitchOk(['-f', file, 'up']);
  });
  afterAll(async () => {
    await hitchOk(['-f', file, 'down']);
  });
  return { file, network: `${project}-hitch` };
}

describe('seed 002: db/web with --link db:db', () => {
  const { network } = stack('seed-002', 'it-seed-002');

  it('gives web exactly the DB_ address variables and DB_NAME=/web/db', async () => {
    const ip = await ipOf('db-sandbox', network);
    expect(withPrefix(await envOf('web'), 'DB_')).toEqual({
      DB_NAME: '/web/db',
      DB_PORT: `tcp://${ip}:5432`,
      DB_PORT_5432_TCP: `tcp://${ip}:5432`,
      DB_PORT_5432_TCP_ADDR: ip,
      DB_PORT_5432_TCP_PORT: '5432',
      DB_PORT_5432_TCP_PROTO: 'tcp',
    });
  });
});

describe('seed 000: redis with PASSWORD=docker linked as db', () => {
  stack('seed-000', 'it-seed-000');

  it('passes the password through DB_ENV_PASSWORD', async () => {
    expect((await envOf('it-seed-000-webapp')).DB_ENV_PASSWORD).toBe('docker');
  });

  it('lets the parent use it: redis-cli -h db -a $DB_ENV_PASSWORD', async () => {
    const res = await execIn('it-seed-000-webapp', ['sh', '-c', 'redis-cli -h db -a "$DB_ENV_PASSWORD" --no-auth-warning ping']);
    expect(res).toEqual({ exitCode: 0, output: 'PONG\n' });
  });
});

describe('seed 004: --link datastore:redis', () => {
  const { network } = stack('seed-004', 'it-seed-004');

  it('writes the link line into the parent /etc/hosts', async () => {
    const ip = await ipOf('it-seed-004-datastore-sandbox', network);
    const hosts = (await execIn('it-seed-004-webapp', ['cat', '/etc/hosts'])).output;
    const linkLines = hosts.split('\n').filter((l) => l.startsWith(`${ip}\t`));
    expect(linkLines).toEqual([`${ip}\tredis datastore it-seed-004-datastore`]);
  });

  it('makes `redis` resolve and connect in the parent', async () => {
    const res = await execIn('it-seed-004-webapp', ['sh', '-c', 'redis-cli -h redis -a "$REDIS_ENV_PASSWORD" --no-auth-warning set hello world']);
    expect(res).toEqual({ exitCode: 0, output: 'OK\n' });
  });
});
