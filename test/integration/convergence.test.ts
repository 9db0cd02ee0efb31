// Issue 4: `up` converges like infra-as-code. One project, one change per test, in order; each test
// proves which container ids changed, and that `up` on what is already there, `plan` and `up --dry-run`
// make no change at all (the engine's event stream).
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRules } from '../../src/engine/sandbox-rules.js';
import { docker, envOf, execIn, hitch, hitchOk, ipOf, ROOT, requireEngine, run } from './helpers.js';
import { changedNames, changes, changesDuring, containerIds, eventsDuring, leftovers, startedAt, writeManifest, type ServiceYaml } from './convergence-helpers.js';
import { documentOf } from './json-schemas.js';

const P = 'it-conv-recreate';
const NET = `${P}-hitch`;
const TAG = { repo: 'it-conv/busybox', tag: '2' }; // a second name for the same local image: no registry needed
const sleeper = (extra: ServiceYaml = {}): ServiceYaml => ({ image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL', ...extra });

let db: ServiceYaml;
let services: Record<string, ServiceYaml>;
let linkEnv: 'modern' | 'classic' = 'modern';

function base(): Record<string, ServiceYaml> {
  db = {
    image: 'hitch-test/busybox:1',
    command: ['httpd', '-f', '-p', '5432'],
    expose: ['5432'],
    environment: { SHARED: '1', PRIVATE: '1', DB_PASSWORD: 'hunter2' },
    share_env: ['SHARED', 'DB_PASSWORD'],
    stop_signal: 'SIGKILL',
  };
  return {
    db,
    web: sleeper({ link: 'db' }),
    api: sleeper({ links: ['db'] }),
    cache: { image: 'hitch-test/busybox:1', command: ['httpd', '-f', '-p', '6379'], expose: ['6379'], stop_signal: 'SIGKILL' },
    worker: sleeper({ link: 'cache' }),
  };
}

async function file(): Promise<string> {
  return writeManifest(P, services, { link_env: linkEnv });
}

/** `up --json` on the current manifest: the container names whose id changed, and the summary's lists. */
async function upChanges(extra: string[] = []): Promise<{ changed: string[]; summary: Record<string, unknown> }> {
  const before = await containerIds(P);
  const res = await hitchOk(['-f', await file(), '--json', 'up', ...extra]);
  const { created, recreated, started, rulesUpdated, unchanged, removed, orphans } = documentOf('up', res.stdout).summary;
  const summary = { created, recreated, rulesUpdated, unchanged, removed, orphans, ...(started.length ? { started } : {}) };
  return { changed: changedNames(before, await containerIds(P)), summary };
}

/** Exit code of a TCP connection from `from`'s namespace, by the link's alias (its hosts line). */
async function connects(from: string, host: string, port: number): Promise<number> {
  return (await execIn(from, ['sh', '-c', `echo | nc -w 1 ${host} ${port} >/dev/null`])).exitCode;
}

const n = (...names: string[]) => names.map((s) => `${P}-${s}`).sort();

beforeAll(async () => {
  await requireEngine();
  await docker.getImage('hitch-test/busybox:1').tag(TAG);
  services = base();
  await hitch(['-f', await file(), 'down', '-v']);
  await hitchOk(['-f', await file(), 'up']);
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down', '-v']);
  await docker.getImage(`${TAG.repo}:${TAG.tag}`).remove().catch(() => undefined);
});

describe('idempotence', () => {
  it('a second up on an unchanged manifest makes no change to the engine', async () => {
    let summary: unknown;
    const changes = await changesDuring(P, async () => (summary = documentOf('up', (await hitchOk(['-f', await file(), '--json', 'up'])).stdout).summary));
    expect(changes).toEqual([]);
    expect(summary).toMatchObject({ created: [], recreated: [], started: [], removed: [], failed: [], unchanged: ['api', 'cache', 'db', 'web', 'worker'] });
  });

  it('paused containers count as up, as in compose: up leaves them paused and makes no change; ps says paused; exec and check say how to unpause', async () => {
    const paused = [`${P}-db`, `${P}-cache-sandbox`];
    for (const name of paused) await docker.getContainer(name).pause();
    try {
      let summary: unknown;
      const changes = await changesDuring(P, async () => (summary = documentOf('up', (await hitchOk(['-f', await file(), '--json', 'up'])).stdout).summary));
      expect(changes).toEqual([]);
      expect(summary).toMatchObject({ created: [], recreated: [], started: [], failed: [], unchanged: ['api', 'cache', 'db', 'web', 'worker'] });
      const states = await Promise.all(paused.map(async (name) => (await docker.getContainer(name).inspect()).State.Status));
      expect(states).toEqual(['paused', 'paused']);
      const rows = documentOf('ps', (await hitchOk(['-f', await file(), 'ps', '--json'])).stdout) as Array<{ service: string; state: string }>;
      expect(rows.map((r) => [r.service, r.state])).toEqual([['api', 'running'], ['cache', 'sandbox paused'], ['db', 'paused'], ['web', 'running'], ['worker', 'running']]);
      const exec = await hitch(['-f', await file(), 'exec', 'db', 'true']);
      expect([exec.code, exec.stderr]).toEqual([1, `hitch: service "db" of project ${P} is paused\n  to fix: unpause it (\`docker unpause ${P}-db\`)\n`]);
      const manifest = await file();
      const check = await hitch(['-f', manifest, 'check']);
      expect([check.code, check.stderr]).toEqual([
        1,
        `hitch: cannot check project ${P}: probes run in every sandbox, and nothing runs in a paused one: ${P}-cache-sandbox\n  to fix: unpause it (\`docker unpause ${P}-cache-sandbox\`), then run \`hitch -f ${manifest} check\` again\n`,
      ]);
    } finally {
      for (const name of paused) await docker.getContainer(name).unpause();
    }
  });

  it('a paused sandbox and service that a change recreates are replaced as usual (the engine removes paused containers)', async () => {
    const paused = [`${P}-cache-sandbox`, `${P}-cache`];
    for (const name of paused) await docker.getContainer(name).pause();
    const cache = services.cache!;
    services = { ...services, cache: { ...cache, command: ['httpd', '-f', '-p', '6380'], expose: ['6380'] } };
    try {
      // the child's exposed port (and what listens on it): its sandbox and service container, and its parent's service container
      expect((await upChanges()).changed).toEqual(n('cache', 'cache-sandbox', 'worker'));
      const states = await Promise.all(paused.map(async (name) => (await docker.getContainer(name).inspect()).State.Status));
      expect(states).toEqual(['running', 'running']);
    } finally {
      services = { ...services, cache };
      await hitchOk(['-f', await file(), 'up']);
    }
  });
});

describe('plan', () => {
  it('names each action with its cause and the final env, secrets masked unless asked; changes nothing', async () => {
    services.db = { ...db, command: ['httpd', '-f', '-p', '5432', '-h', '/'] };
    const f = await file();
    const dbId = (await containerIds(P))[`${P}-db`]!.slice(0, 12);
    const ip = await ipOf(`${P}-db-sandbox`, NET);
    const text = (pw: string) => `plan for ${P}: 3 actions
service:db  recreate-container ${P}-db image=hitch-test/busybox:1 replaces=${dbId}  cause: config changed: command
    env    DB_PASSWORD=${pw}
    env    PRIVATE=1
    env    SHARED=1
ready:db@api  await-ready ${P}-db from=${P}-api-sandbox ip=${ip} tcp=5432 timeout=60s  cause: db changed  after: service:db
ready:db@web  await-ready ${P}-db from=${P}-web-sandbox ip=${ip} tcp=5432 timeout=60s  cause: db changed  after: service:db
unchanged: api, cache, web, worker
orphans: none
`;
    const outputs: string[] = [];
    const changes = await changesDuring(P, async () => {
      outputs.push((await hitchOk(['-f', f, 'plan'])).stdout);
      outputs.push((await hitchOk(['-f', f, 'plan', '--show-secrets'])).stdout);
      outputs.push((await hitchOk(['-f', f, 'up', '--dry-run'])).stdout);
    });
    expect(changes).toEqual([]);
    expect(outputs).toEqual([text('***'), text('hunter2'), text('***')]);
  });

  it('--json is valid against schemas/plan.schema.json', async () => {
    const schema = JSON.parse(readFileSync(`${ROOT}/schemas/plan.schema.json`, 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
    const plan = JSON.parse((await hitchOk(['-f', await file(), '--json', 'plan'])).stdout);
    expect(validate(plan) ? [] : validate.errors).toEqual([]);
    expect(plan.actions.map((a: { id: string; cause: string }) => `${a.id}: ${a.cause}`)).toEqual([
      'service:db: config changed: command',
      'ready:db@api: db changed',
      'ready:db@web: db changed',
    ]);
  });
});

describe('exact recreation', () => {
  it("a child's command changes: only its service container; its parents keep theirs and still reach it", async () => {
    services.db = { ...db, command: ['httpd', '-f', '-p', '5432', '-h', '/'] };
    expect(await upChanges()).toEqual({ changed: n('db'), summary: { created: [], recreated: ['db'], rulesUpdated: [], unchanged: ['api', 'cache', 'web', 'worker'], removed: [], orphans: [] } });
    expect([await connects(`${P}-web`, 'db', 5432), await connects(`${P}-api`, 'db', 5432)]).toEqual([0, 0]);
  });

  it("a child's image changes: only its service container", async () => {
    services.db = { ...services.db, image: `${TAG.repo}:${TAG.tag}` };
    let changed: string[] = [];
    const events = await eventsDuring(P, async () => (changed = (await upChanges()).changed));
    expect(changed).toEqual(n('db'));
    // the same watch that proves idempotence sees a recreation, and only that one
    expect(changes(events)).toEqual(['create', 'destroy', 'die', 'kill', 'start', 'stop'].map((a) => `container ${a} ${P}-db`));
    // db's parents asked for their probes on their sandboxes' stdin: attached, no probe run as an exec
    const sandboxAttaches = events.filter((e) => e.Action === 'attach' && e.Actor.Attributes.name?.endsWith('-sandbox'));
    expect(sandboxAttaches.map((e) => e.Actor.Attributes.name).sort()).toEqual([`${P}-api-sandbox`, `${P}-web-sandbox`]);
    expect(events.filter((e) => e.Action.includes('hitch-sandbox probe'))).toEqual([]);
    expect(await connects(`${P}-web`, 'db', 5432)).toBe(0);
  });

  it("a child's shared env changes: the child and exactly the parents that see it", async () => {
    services.db = { ...services.db, environment: { SHARED: '2', PRIVATE: '1', DB_PASSWORD: 'hunter2' } };
    expect((await upChanges()).changed).toEqual(n('api', 'db', 'web'));
    expect((await envOf(`${P}-web`)).DB_ENV_SHARED).toBe('2');
  });

  it("a key the child does not share changes: only the child", async () => {
    services.db = { ...services.db, environment: { SHARED: '2', PRIVATE: '2', DB_PASSWORD: 'hunter2' } };
    expect((await upChanges()).changed).toEqual(n('db'));
  });

  it("a service's volumes and healthcheck change: only its service container, and plan says which settings changed", async () => {
    services.worker = sleeper({ link: 'cache', volumes: ['workdata:/data'], healthcheck: { test: ['CMD', 'true'], interval: '1s' } });
    const plan = JSON.parse((await hitchOk(['-f', await file(), '--json', 'plan'])).stdout);
    expect(plan.actions.map((a: { id: string; cause: string }) => `${a.id}: ${a.cause}`)).toEqual([
      'volume:workdata: not found',
      'ready:cache@worker: worker starts',
      'service:worker: config changed: healthcheck, volumes',
    ]);
    expect((await upChanges()).changed).toEqual(n('worker'));
  });

  it("a child's exposed ports change: the child (and its sandbox) and its parents, nobody else", async () => {
    // ready means accepting on every exposed port: a second httpd serves 5433 (busybox httpd without -f forks)
    services.db = { ...services.db, expose: ['5432', '5433'], command: ['sh', '-c', 'httpd -p 5433 && exec httpd -f -p 5432'] };
    expect((await upChanges()).changed).toEqual(n('api', 'db', 'db-sandbox', 'web'));
    expect((await envOf(`${P}-api`)).DB_PORT_5433_TCP_PORT).toBe('5433');
  });

  it("link_env switched: the parents of a child whose ports read otherwise are recreated, and plan says why", async () => {
    // db's 5432-5433 are a range to Docker 28 (modern), not to Docker ≤27 (classic: three ports or more);
    // cache's one port reads the same in both, so worker stays
    linkEnv = 'classic';
    try {
      const plan = JSON.parse((await hitchOk(['-f', await file(), '--json', 'plan'])).stdout);
      expect(plan.actions.map((a: { id: string; cause: string }) => `${a.id}: ${a.cause}`)).toEqual([
        'ready:db@api: api starts',
        "service:api: child db's link env changed (link_env)",
        'ready:db@web: web starts',
        "service:web: child db's link env changed (link_env)",
      ]);
      expect((await upChanges()).changed).toEqual(n('api', 'web'));
      expect((await envOf(`${P}-web`)).DB_PORT_5432_TCP_START).toBe(undefined);
    } finally {
      linkEnv = 'modern'; // the later tests' manifests, whatever became of this one
    }
    expect((await upChanges()).changed).toEqual(n('api', 'web'));
    expect((await envOf(`${P}-web`)).DB_PORT_5432_TCP_START).toBe(`tcp://${await ipOf(`${P}-db-sandbox`, NET)}:5432`);
  });

  it("a link is added: the parent is recreated; the child's rules are updated without restarting it", async () => {
    const ip = await ipOf(`${P}-db-sandbox`, NET);
    expect(await connects(`${P}-worker`, ip, 5432)).not.toBe(0); // not linked: dropped by db's firewall
    const started = [await startedAt(`${P}-db`), await startedAt(`${P}-db-sandbox`)];
    services.worker = sleeper({ links: ['cache', 'db'] });
    const { changed, summary } = await upChanges();
    expect(changed).toEqual(n('worker', 'worker-sandbox'));
    expect(summary).toEqual({ created: [], recreated: ['worker'], rulesUpdated: ['db'], unchanged: ['api', 'cache', 'web'], removed: [], orphans: [] });
    expect([await startedAt(`${P}-db`), await startedAt(`${P}-db-sandbox`)]).toEqual(started);
    expect(await connects(`${P}-worker`, 'db', 5432)).toBe(0);
  });

  it("a link is removed: the parent is recreated; the child's rules are updated without restarting it", async () => {
    const ip = await ipOf(`${P}-db-sandbox`, NET);
    const started = [await startedAt(`${P}-db`), await startedAt(`${P}-db-sandbox`)];
    services.worker = sleeper({ link: 'cache' });
    const { changed, summary } = await upChanges();
    expect(changed).toEqual(n('worker', 'worker-sandbox'));
    expect(summary).toEqual({ created: [], recreated: ['worker'], rulesUpdated: ['db'], unchanged: ['api', 'cache', 'web'], removed: [], orphans: [] });
    expect([await startedAt(`${P}-db`), await startedAt(`${P}-db-sandbox`)]).toEqual(started);
    expect(await connects(`${P}-worker`, ip, 5432)).not.toBe(0);
  });
});

describe('a service leaves the manifest', () => {
  it('up reports it as an orphan and leaves it alone', async () => {
    const { api: _gone, ...rest } = services;
    services = rest;
    // api linked db: db's rules stop accepting it, in place
    expect(await upChanges()).toEqual({ changed: [], summary: { created: [], recreated: [], rulesUpdated: ['db'], unchanged: ['cache', 'web', 'worker'], removed: [], orphans: ['api'] } });
  });

  it('up --remove-orphans removes it', async () => {
    expect(await upChanges(['--remove-orphans'])).toEqual({
      changed: n('api', 'api-sandbox'),
      summary: { created: [], recreated: [], rulesUpdated: [], unchanged: ['cache', 'db', 'web', 'worker'], removed: ['api'], orphans: [] },
    });
  });

  it('a child that leaves keeps running as an orphan, and its rules no longer let its former parent in', async () => {
    const ip = await ipOf(`${P}-cache-sandbox`, NET);
    expect(await connects(`${P}-worker`, ip, 6379)).toBe(0);
    const started = [await startedAt(`${P}-cache`), await startedAt(`${P}-cache-sandbox`)];
    const workerIp = await ipOf(`${P}-worker-sandbox`, NET);
    const { cache: _gone, ...rest } = services;
    services = { ...rest, worker: sleeper() };
    const { changed, summary } = await upChanges();
    expect(changed).toEqual(n('worker', 'worker-sandbox'));
    expect(summary).toEqual({ created: [], recreated: ['worker'], rulesUpdated: ['cache'], unchanged: ['db', 'web'], removed: [], orphans: ['cache'] });
    expect([await startedAt(`${P}-cache`), await startedAt(`${P}-cache-sandbox`)]).toEqual(started);
    expect(await ipOf(`${P}-worker-sandbox`, NET)).toBe(workerIp); // the address cache's old rules let in
    expect(await connects(`${P}-worker`, ip, 6379)).not.toBe(0);
    // and that converges: the next up leaves it as it is
    expect((await upChanges()).summary).toEqual({ created: [], recreated: [], rulesUpdated: [], unchanged: ['db', 'web', 'worker'], removed: [], orphans: ['cache'] });
  });

  it('a stopped orphan gets the cut rules for its next start: started again, it does not let its former parent in', async () => {
    const queue: ServiceYaml = { image: 'hitch-test/busybox:1', command: ['httpd', '-f', '-p', '7000'], expose: ['7000'], stop_signal: 'SIGKILL' };
    services = { ...services, queue, worker: sleeper({ link: 'queue' }) };
    await hitchOk(['-f', await file(), 'up']);
    const ip = await ipOf(`${P}-queue-sandbox`, NET);
    expect(await connects(`${P}-worker`, ip, 7000)).toBe(0);
    for (const name of [`${P}-queue`, `${P}-queue-sandbox`]) await docker.getContainer(name).stop();
    const { queue: _gone, ...rest } = services;
    services = { ...rest, worker: sleeper() };
    expect((await upChanges()).summary).toEqual({ created: [], recreated: ['worker'], rulesUpdated: ['queue'], unchanged: ['db', 'web'], removed: [], orphans: ['cache', 'queue'] });
    // what would start it: hitch restart (it finds containers on the engine), docker start, a restart policy
    await hitchOk(['-f', await file(), 'restart', 'queue']);
    expect(await ipOf(`${P}-queue-sandbox`, NET)).toBe(ip);
    expect(await connects(`${P}-worker`, ip, 7000)).not.toBe(0);
    expect((await upChanges()).summary).toEqual({ created: [], recreated: [], rulesUpdated: [], unchanged: ['db', 'web', 'worker'], removed: [], orphans: ['cache', 'queue'] });
  });

  it('a stopped sandbox whose rules changed starts with the new ones: recorded before its start, not applied after it', async () => {
    services = { ...services, web: sleeper({ link: 'db' }) };
    await hitchOk(['-f', await file(), 'up']);
    for (const name of [`${P}-db`, `${P}-db-sandbox`]) await docker.getContainer(name).stop();
    services = { ...services, web: sleeper() };
    // started, with its rules recorded first: the summary names it once, by what it does most
    expect((await upChanges()).summary).toMatchObject({ recreated: ['web'], started: ['db'], rulesUpdated: [] });
    // the sandbox's own words at its start: how many rules it applied, before anything else ran in it
    const log = (await run('docker', ['logs', `${P}-db-sandbox`])).stdout;
    const atStart = [...log.matchAll(/applying the firewall from \/var\/lib\/hitch\/rules \(subnet \S+, (\d+) allow rules\)/g)].at(-1)?.[1];
    const recorded = await execIn(`${P}-db-sandbox`, ['grep', '-c', '--', '--allow', '/var/lib/hitch/rules']);
    expect(atStart).toBe(recorded.output.trim());
    expect(await connects(`${P}-web`, await ipOf(`${P}-db-sandbox`, NET), 5432)).not.toBe(0);
    expect((await upChanges()).summary).toMatchObject({ created: [], recreated: [], rulesUpdated: [], unchanged: ['db', 'web', 'worker'] });
  });

  it('a stopped sandbox outside up SERVICE… gets its rules recorded, is not started, and starts later with them', async () => {
    services = { ...services, web: sleeper({ link: 'db' }) };
    await hitchOk(['-f', await file(), 'up']);
    for (const name of [`${P}-db`, `${P}-db-sandbox`]) await docker.getContainer(name).stop();
    services = { ...services, web: sleeper() };
    const { summary } = await upChanges(['web']);
    expect(summary).toMatchObject({ recreated: ['web'], rulesUpdated: ['db'] });
    expect((await docker.getContainer(`${P}-db-sandbox`).inspect()).State.Running).toBe(false);
    expect((await upChanges(['web'])).summary).toMatchObject({ created: [], recreated: [], rulesUpdated: [] });
    await hitchOk(['-f', await file(), 'restart', 'db']);
    expect(await connects(`${P}-web`, await ipOf(`${P}-db-sandbox`, NET), 5432)).not.toBe(0);
  });

  it('rules marked not confirmed in force are applied again by the next up, which then converges', async () => {
    await hitchOk(['-f', await file(), 'up']);
    expect(await recordRules(docker, `${P}-db-sandbox`, undefined)).toBe(true);
    expect((await upChanges()).summary).toMatchObject({ created: [], recreated: [], rulesUpdated: ['db'] });
    expect((await upChanges()).summary).toMatchObject({ created: [], recreated: [], rulesUpdated: [] });
  });

  it('a paused sandbox whose rules changed: up exits 1 before anything runs, with the way out, and converges once it is unpaused', async () => {
    services = { ...services, web: sleeper({ link: 'db' }) };
    await hitchOk(['-f', await file(), 'up']);
    await docker.getContainer(`${P}-db-sandbox`).pause();
    services = { ...services, web: sleeper() };
    let res: Awaited<ReturnType<typeof hitch>> | undefined;
    expect(await changesDuring(P, async () => (res = await hitch(['-f', await file(), 'up'])))).toEqual([]);
    expect([res?.code, res?.stderr]).toEqual([
      1,
      `hitch: nothing runs in a paused sandbox, and this plan needs something run in this one: ${P}-db-sandbox (its rules change)\n  to fix: unpause it (\`docker unpause ${P}-db-sandbox\`)\n`,
    ]);
    await docker.getContainer(`${P}-db-sandbox`).unpause();
    await hitchOk(['-f', await file(), 'up']);
    expect(await connects(`${P}-web`, await ipOf(`${P}-db-sandbox`, NET), 5432)).not.toBe(0);
    expect((await upChanges()).summary).toMatchObject({ created: [], recreated: [], rulesUpdated: [] });
  });

  it('down removes it with the rest and leaves nothing labelled behind', async () => {
    services = { ...services, api: sleeper({ links: ['db'] }) };
    await hitchOk(['-f', await file(), 'up']);
    const { api: _gone, ...rest } = services;
    services = rest;
    await hitchOk(['-f', await file(), 'down', '-v']);
    expect(await leftovers(P)).toEqual([]);
  });
});
