// External links (issue 5, item 4) on a real engine: a container hitch does not manage is attached to
// the project's network, gives web the env and hosts line of a link, and is left as it was by `down`.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesDuring, writeManifest } from './convergence-helpers.js';
import { docker, envOf, execIn, FIXTURES, hitch, hitchOk, labelled, requireEngine, ROOT, withPrefix } from './helpers.js';
import { documentOf } from './json-schemas.js';

const DIR = `${FIXTURES}/external-links`;
const FILE = `${DIR}/hitch.yaml`;
const P = 'it-ext';
const NET = `${P}-hitch`;
const LEGACY = `${P}-legacy`;
const STOPPED = `${P}-stopped`;
const LABELS = { 'com.example.owner': 'legacy' };
const NOTHING = { containers: [], networks: [], volumes: [] };

async function removeLegacy(): Promise<void> {
  for (const name of [LEGACY, STOPPED]) await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
}

/** What hitch must leave as it was about the legacy container: identity, state, labels, networks. */
async function legacyFacts(): Promise<{ id: string; running: boolean; labels: Record<string, string>; networks: string[] }> {
  const info = await docker.getContainer(LEGACY).inspect();
  return { id: info.Id, running: info.State.Running, labels: info.Config.Labels ?? {}, networks: Object.keys(info.NetworkSettings.Networks).sort() };
}
let before: Awaited<ReturnType<typeof legacyFacts>>;

/** The address hitch attached it at: fixed (IPAMConfig), so it survives restarts. */
async function legacyIp(): Promise<string> {
  const info = await docker.getContainer(LEGACY).inspect();
  const endpoint = info.NetworkSettings.Networks[NET] as { IPAMConfig?: { IPv4Address?: string }; IPAddress: string };
  expect(endpoint.IPAMConfig?.IPv4Address).toBe(endpoint.IPAddress);
  return endpoint.IPAddress;
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-p', P, 'down']);
  await removeLegacy();
  // a plain container on the default bridge only, with an env and a password its clients need
  const legacy = await docker.createContainer({
    name: LEGACY, Image: 'hitch-test/redis:1', Env: ['PASSWORD=legacy'], Labels: LABELS,
    Cmd: ['redis-server', '--requirepass', 'legacy'],
  });
  await legacy.start();
  await docker.createContainer({ name: STOPPED, Image: 'hitch-test/redis:1' });
  before = await legacyFacts();
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down']);
  await removeLegacy();
});

describe('errors before anything is created', () => {
  it('a missing container: exit 1, its name and a remedy', async () => {
    const res = await hitch(['-f', `${DIR}/missing.yaml`, 'up']);
    expect([res.code, res.stderr, await labelled(P)]).toEqual([
      1,
      'hitch: no container named it-ext-nosuch: service "web" links it as "db" (external_links)\n' +
        '  to fix: create and start it-ext-nosuch first, or remove "it-ext-nosuch:db" from the external_links of web\n',
      NOTHING,
    ]);
  });

  it("a stopped container: docker's words", async () => {
    const res = await hitch(['-f', `${DIR}/stopped.yaml`, 'up']);
    expect([res.code, res.stderr, await labelled(P)]).toEqual([
      1,
      'hitch: Cannot link to a non running container: /it-ext-stopped AS /it-ext-web/db\n  to fix: start it first: docker start it-ext-stopped\n',
      NOTHING,
    ]);
  });
});

describe('up, up again, down', () => {
  beforeAll(async () => {
    await hitchOk(['-f', FILE, 'up']);
  });

  it('up says the external link is not firewalled, every time', async () => {
    const res = await hitchOk(['-f', FILE, 'up']);
    expect(res.stderr.split('\n').filter((l) => l.startsWith('link '))).toEqual([
      `link web -> ${LEGACY} (as db): external, NOT firewalled by hitch: every service of the project can reach every port it listens on`,
    ]);
  });

  it("web gets the whole DB_* env of a link, at the address hitch attached it at", async () => {
    const ip = await legacyIp();
    expect(withPrefix(await envOf(`${P}-web`), 'DB_')).toEqual({
      DB_ENV_HITCH_TEST_IMAGE: 'redis',
      DB_ENV_PASSWORD: 'legacy',
      DB_ENV_REDIS_VERSION: '7.0.15',
      DB_NAME: `/${P}-web/db`,
      DB_PORT: `tcp://${ip}:6379`,
      DB_PORT_6379_TCP: `tcp://${ip}:6379`,
      DB_PORT_6379_TCP_ADDR: ip,
      DB_PORT_6379_TCP_PORT: '6379',
      DB_PORT_6379_TCP_PROTO: 'tcp',
    });
  });

  it("web's hosts line names the alias, its host name and its container name", async () => {
    const hostname = (await docker.getContainer(LEGACY).inspect()).Config.Hostname;
    const hosts = (await execIn(`${P}-web`, ['cat', '/etc/hosts'])).output.split('\n').filter((l) => l.includes(LEGACY));
    expect(hosts).toEqual([`${await legacyIp()}\tdb ${hostname} ${LEGACY}`]);
  });

  it('ls lists the external link as web/db, pointing at the external container by its name', async () => {
    const id = async (name: string) => (await docker.getContainer(name).inspect()).Id.slice(0, 12);
    expect((await hitchOk(['-f', FILE, 'ls'])).stdout).toBe(
      [
        'NAME     CONTAINER       IMAGE                STATE',
        `web      ${P}-web      hitch-test/redis:1   running`,
        `web/db   ${LEGACY}   hitch-test/redis:1   running`,
        '',
      ].join('\n'),
    );
    expect(documentOf('ls', (await hitchOk(['-f', FILE, '--json', 'ls'])).stdout)).toEqual([
      { name: 'web', service: 'web', container: `${P}-web`, id: await id(`${P}-web`), image: 'hitch-test/redis:1', state: 'running' },
      { name: 'web/db', external: true, container: LEGACY, id: await id(LEGACY), image: 'hitch-test/redis:1', state: 'running' },
    ]);
  });

  it('redis-cli in web reaches it by its alias, with the password from its env', async () => {
    const res = await execIn(`${P}-web`, ['sh', '-c', 'redis-cli -h db -a "$DB_ENV_PASSWORD" --no-auth-warning ping']);
    expect([res.exitCode, res.output.trim()]).toEqual([0, 'PONG']);
  });

  it('a second up changes nothing on the engine, no connect included', async () => {
    expect(await changesDuring(P, () => hitchOk(['-f', FILE, 'up']))).toEqual([]);
  });

  it('plan --json is valid against schemas/plan.schema.json; check passes, probing services only', async () => {
    const schema = JSON.parse(readFileSync(`${ROOT}/schemas/plan.schema.json`, 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    await hitchOk(['-p', P, 'down']); // so the plan attaches it again
    const plan = JSON.parse((await hitchOk(['-f', FILE, '--json', 'plan'])).stdout);
    expect(validate(plan) ? [] : validate.errors).toEqual([]);
    expect(plan.actions.map((a: { id: string }) => a.id)).toEqual(['network', `connect:${LEGACY}`, 'sandbox:web', 'service:web']);
    await hitchOk(['-f', FILE, 'up']);
    const check = await hitch(['-f', FILE, '--json', 'check']);
    expect([check.code, JSON.parse(check.stdout)]).toEqual([0, { project: P, ok: true, probes: [] }]);
  });

  it('up without the external link detaches it, and web loses the link', async () => {
    const file = await writeManifest(P, { web: { image: 'hitch-test/redis:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL' } });
    await hitchOk(['-f', file, 'up']);
    expect([(await legacyFacts()).networks, withPrefix(await envOf(`${P}-web`), 'DB_')]).toEqual([['bridge'], {}]);
    await hitchOk(['-f', FILE, 'up']); // and back, for down
    expect((await legacyFacts()).networks).toEqual(['bridge', NET]);
  });

  it('down detaches it and leaves the rest of it as it was: the same container, running, its labels, the default bridge', async () => {
    const res = await hitchOk(['-p', P, 'down']);
    expect([await legacyFacts(), await labelled(P), res.code]).toEqual([before, NOTHING, 0]);
    expect(before).toEqual({ id: before.id, running: true, labels: { ...before.labels, ...LABELS }, networks: ['bridge'] });
  });
});
