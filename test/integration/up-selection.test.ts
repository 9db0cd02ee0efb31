// `up SERVICE…` and `--no-deps` on a real engine: web links db, other stands apart. Only the selection is
// made; a child --no-deps leaves out must be up, and then lets the new parent in (rules in place); a
// parent left out keeps its env and is named; a full `up` afterwards makes only what was left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedNames, changesDuring, containerIds, leftovers, writeManifest, type ServiceYaml } from './convergence-helpers.js';
import { envOf, execIn, hitch, hitchOk, ipOf, requireEngine, withPrefix } from './helpers.js';

const P = 'it-upsel';
const NET = `${P}-hitch`;
const sleeper: ServiceYaml = { image: 'hitch-test/redis:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL' }; // redis-cli
const db = (shared: string): ServiceYaml => ({
  image: 'hitch-test/redis:1',
  command: ['redis-server', '--protected-mode', 'no'],
  environment: { SHARED: shared },
  stop_signal: 'SIGKILL',
});

let file: string;
const use = async (shared = 'one') => (file = await writeManifest(P, { db: db(shared), web: { ...sleeper, link: 'db' }, other: sleeper }));

/** `hitch --json up ARGS`: the summary's lists that say what happened. */
async function up(...args: string[]): Promise<{ created: string[]; recreated: string[]; rulesUpdated: string[]; unchanged: string[] }> {
  const { summary } = JSON.parse((await hitchOk(['-f', file, '--json', 'up', ...args])).stdout);
  const { created, recreated, rulesUpdated, unchanged } = summary;
  return { created, recreated, rulesUpdated, unchanged };
}

/** The link at work from web: redis answers through the hosts line and through the link env. */
async function webReachesDb(): Promise<Record<string, string>> {
  return {
    'by alias': (await execIn(`${P}-web`, ['redis-cli', '-h', 'db', 'ping'])).output,
    'by env': (await execIn(`${P}-web`, ['sh', '-c', 'redis-cli -h "$DB_PORT_6379_TCP_ADDR" -p "$DB_PORT_6379_TCP_PORT" ping'])).output,
  };
}

async function webLink(): Promise<{ env: Record<string, string>; hosts: string[] }> {
  const ip = await ipOf(`${P}-db-sandbox`, NET);
  const hosts = (await execIn(`${P}-web`, ['cat', '/etc/hosts'])).output.split('\n').filter((l) => l.startsWith(`${ip}\t`));
  return { env: withPrefix(await envOf(`${P}-web`), 'DB_'), hosts };
}

/** What web's link to db gives it: db's env (its image's too) and address, as Docker's link would. */
async function expectedLink(shared: string): Promise<{ env: Record<string, string>; hosts: string[] }> {
  const ip = await ipOf(`${P}-db-sandbox`, NET);
  const env = {
    DB_ENV_HITCH_TEST_IMAGE: 'redis',
    DB_ENV_REDIS_VERSION: '7.0.15',
    DB_ENV_SHARED: shared,
    DB_NAME: `/${P}-web/db`,
    DB_PORT: `tcp://${ip}:6379`,
    DB_PORT_6379_TCP: `tcp://${ip}:6379`,
    DB_PORT_6379_TCP_ADDR: ip,
    DB_PORT_6379_TCP_PORT: '6379',
    DB_PORT_6379_TCP_PROTO: 'tcp',
  };
  return { env, hosts: [`${ip}\tdb ${P}-db`] };
}

const names = (...services: string[]) => services.flatMap((s) => [`container ${P}-${s}`, `container ${P}-${s}-sandbox`]);
const PONG = { 'by alias': 'PONG\n', 'by env': 'PONG\n' };

beforeAll(async () => {
  await requireEngine();
  await use();
  await hitch(['-f', file, 'down', '-v']);
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down', '-v']);
});

describe('names the manifest does not have', () => {
  it('are a usage error (exit 2) naming the services, and nothing is made', async () => {
    expect(await hitch(['-f', file, 'up', 'wbe', 'db'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hitch: no such service in the manifest: "wbe" (did you mean "web"?)\n  to fix: name services the manifest has: db, other, web\n',
    });
    expect((await hitch(['-f', file, 'plan', 'nope'])).code).toBe(2);
    expect(await leftovers(P)).toEqual([]);
  });
});

describe('--no-deps', () => {
  it('with the child not up: refused before anything is made, naming the child and what to run', async () => {
    expect(await hitch(['-f', file, 'up', '--no-deps', 'web'])).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'hitch: service "db" is not up as the manifest has it (not found): web links it, and --no-deps leaves it alone',
        `  to fix: bring db up first (\`hitch -f ${file} up db\`), or leave out --no-deps`,
        '',
      ].join('\n'),
    });
    expect(await leftovers(P)).toEqual([]);
  });

  it('with the child up: only web is made; db keeps its containers and lets web in, its rules updated in place', async () => {
    expect(await up('db')).toEqual({ created: ['db'], recreated: [], rulesUpdated: [], unchanged: [] });
    const before = await containerIds(P);
    const res = await hitchOk(['-f', file, 'up', 'web', '--no-deps']);
    expect(changedNames(before, await containerIds(P))).toEqual([`${P}-web`, `${P}-web-sandbox`]);
    expect(res.stderr.split('\n').filter((l) => l.startsWith('up ') || l.startsWith('link '))).toEqual([
      expect.stringMatching(new RegExp(`^up ${P} in \\d+\\.\\ds: created 1 \\(web\\), rules updated 1 \\(db\\)$`)),
      'link web -> db (as db): rules enforced: web may reach db on 6379/tcp only',
    ]);
    expect(await webReachesDb()).toEqual(PONG);
    expect(await webLink()).toEqual(await expectedLink('one'));
    expect(await leftovers(P)).toEqual([...names('db', 'web'), `network ${NET}`].sort());
  });
});

describe('up web on a stack with nothing up', () => {
  beforeAll(async () => {
    await hitchOk(['-f', file, 'down']);
  });

  it('plan web shows exactly that: db and web, nothing of other', async () => {
    const plan = JSON.parse((await hitchOk(['-f', file, '--json', 'plan', 'web'])).stdout);
    expect({ selected: plan.selected, made: plan.actions.map((a: { id: string }) => a.id), unchanged: plan.unchanged }).toEqual({
      selected: ['db', 'web'],
      made: ['network', 'sandbox:db', 'service:db', 'sandbox:web', 'ready:db@web', 'service:web'],
      unchanged: [],
    });
  });

  it('creates web and db only, linked: env, hosts line, connectivity', async () => {
    expect(await up('web')).toEqual({ created: ['db', 'web'], recreated: [], rulesUpdated: [], unchanged: [] });
    expect(await leftovers(P)).toEqual([...names('db', 'web'), `network ${NET}`].sort());
    expect(await webReachesDb()).toEqual(PONG);
    expect(await webLink()).toEqual(await expectedLink('one'));
  });

  it('a second up web changes nothing on the engine, and lists only web and db as unchanged', async () => {
    let summary: unknown;
    expect(await changesDuring(P, async () => (summary = await up('web')))).toEqual([]);
    expect(summary).toEqual({ created: [], recreated: [], rulesUpdated: [], unchanged: ['db', 'web'] });
  });

  it('a full up afterwards makes only other', async () => {
    const before = await containerIds(P);
    expect(await up()).toEqual({ created: ['other'], recreated: [], rulesUpdated: [], unchanged: ['db', 'web'] });
    expect(changedNames(before, await containerIds(P))).toEqual([`${P}-other`, `${P}-other-sandbox`]);
    expect(await webReachesDb()).toEqual(PONG);
  });
});

describe('a parent left out', () => {
  it('keeps its link env when its child is recreated, and up says so; a full up then updates it', async () => {
    await use('two');
    const before = await containerIds(P);
    const res = await hitchOk(['-f', file, 'up', 'db']);
    expect(changedNames(before, await containerIds(P))).toEqual([`${P}-db`]);
    expect(res.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toEqual([
      `warning: web links db but was not selected: it is left as it is, though a full \`hitch -f ${file} up\` would recreate it (child db's shared env changed); run \`hitch -f ${file} up web\` to update it`,
    ]);
    expect((await webLink()).env.DB_ENV_SHARED).toBe('one');
    expect(await webReachesDb()).toEqual(PONG); // db kept its address and its rules

    expect(await up()).toEqual({ created: [], recreated: ['web'], rulesUpdated: [], unchanged: ['db', 'other'] });
    expect(await webLink()).toEqual(await expectedLink('two'));
  });
});
