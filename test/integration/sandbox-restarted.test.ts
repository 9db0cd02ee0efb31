// A sandbox restarted under its running service, on a real engine: `docker restart` of it, or its
// restart policy after its process ended. The service container keeps the old namespace, now empty, and
// the engine still says it is up. `ps`, `ls` and `check` say what is wrong and how to fix it; `up` (or
// `hitch restart`) stops and starts the same container, which joins the sandbox's new namespace and keeps
// its writable layer; its parent reaches it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesDuring, containerIds, leftovers, startedAt, writeManifest, type ServiceYaml } from './convergence-helpers.js';
import { docker, execIn, hitch, hitchOk, ipOf, requireEngine, until } from './helpers.js';
import { documentOf } from './json-schemas.js';

const P = 'it-sbrestart';
const SERVICES: Record<string, ServiceYaml> = {
  // restart: always, so the engine itself brings the sandbox back when its process ends
  db: { image: 'hitch-test/redis:1', restart: 'always', stop_signal: 'SIGKILL' },
  web: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], link: 'db', stop_signal: 'SIGKILL' },
};
const MARK = '/data/written-before'; // in db's writable layer: a recreate would lose it
let file: string;

interface PsRow {
  service: string;
  state: string;
  status: string;
}

/** A real client through the hosts line: redis answers PING only if web reaches db's namespace. */
async function ping(): Promise<string> {
  return (await execIn(`${P}-web`, ['sh', '-c', 'echo PING | nc -w 2 db 6379'])).output.trim();
}

async function states(): Promise<{ ps: string[][]; ls: string[][] }> {
  const ps = documentOf('ps', (await hitchOk(['-f', file, '--json', 'ps'])).stdout) as PsRow[];
  const ls = documentOf('ls', (await hitchOk(['-f', file, '--json', 'ls'])).stdout) as Array<{ name: string; state: string }>;
  return { ps: ps.map((r) => [r.service, r.state]), ls: ls.map((r) => [r.name, r.state]) };
}

const UP = { ps: [['db', 'running'], ['web', 'running']], ls: [['db', 'running'], ['web', 'running'], ['web/db', 'running']] };
const CUT = { ps: [['db', 'sandbox restarted'], ['web', 'running']], ls: [['db', 'sandbox restarted'], ['web', 'running'], ['web/db', 'sandbox restarted']] };

/** Restarts db's sandbox under its service, the way `how` says, and waits until it runs again. */
async function restartSandbox(how: 'docker restart' | 'its process ends'): Promise<void> {
  const sandbox = docker.getContainer(`${P}-db-sandbox`);
  const before = await startedAt(`${P}-db-sandbox`);
  // hitch-sandbox stops on SIGTERM; pid 1 of the container, it gets it only through its own handler
  if (how === 'docker restart') await sandbox.restart({ t: 0 });
  else await execIn(`${P}-db-sandbox`, ['kill', '-TERM', '1']);
  await until('the sandbox to run again', async () => {
    const info = await sandbox.inspect();
    return info.State.Running && info.State.StartedAt !== before ? true : undefined;
  });
}

beforeAll(async () => {
  await requireEngine();
  file = await writeManifest(P, SERVICES);
  await hitch(['-f', file, 'down', '-v']);
  await hitchOk(['-f', file, 'up']);
});

afterAll(async () => {
  await hitch(['-f', file, 'down', '-v']);
  expect(await leftovers(P)).toEqual([]);
});

describe('docker restart of a sandbox under its running service', () => {
  beforeAll(async () => {
    await execIn(`${P}-db`, ['sh', '-c', `echo kept > ${MARK}`]);
    expect(await ping()).toBe('+PONG');
    await restartSandbox('docker restart');
  });

  it('leaves the service without a network, though the engine says it is up', async () => {
    expect(await ping()).not.toBe('+PONG');
    expect((await docker.getContainer(`${P}-db`).inspect()).State.Running).toBe(true);
  });

  it('ps (table and --json) and ls say so', async () => {
    expect(await states()).toEqual(CUT);
    const status = (documentOf('ps', (await hitchOk(['-f', file, '--json', 'ps'])).stdout) as PsRow[])[0]!.status;
    expect(status).toMatch(/^Up /);
    const table = (await hitchOk(['-f', file, 'ps'])).stdout.split('\n');
    expect(table[1]).toMatch(new RegExp(`^db +${P}-db +Up [^(]+ \\(sandbox restarted\\) `));
  });

  it('check refuses before probing, naming the service and the remedy', async () => {
    expect(await hitch(['-f', file, 'check'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `hitch: cannot check project ${P}: db has no network: its sandbox restarted under its running container, which kept the old, empty namespace\n` +
        `  to fix: restart it to rejoin its sandbox (\`hitch -f ${file} up\`, or \`hitch -f ${file} restart db\`), then run \`hitch -f ${file} check\` again\n`,
    });
  });

  it('plan restarts the service container, and nothing else changes', async () => {
    expect((await hitchOk(['-f', file, 'plan'])).stdout.split('\n')).toEqual([
      `plan for ${P}: 2 actions`,
      `service:db  restart-container ${P}-db  cause: sandbox restarted`,
      `ready:db@web  await-ready ${P}-db from=${P}-web-sandbox ip=${await ipOf(`${P}-db-sandbox`, `${P}-hitch`)} tcp=6379 timeout=60s  cause: db changed  after: service:db`,
      'unchanged: web',
      'orphans: none',
      '',
    ]);
  });

  it('up restarts it: the same container (its file kept), stopped and started, nothing made or removed; the parent reaches it', async () => {
    const ids = await containerIds(P);
    let summary: Record<string, unknown> = {};
    const changes = await changesDuring(P, async () => (summary = documentOf('up', (await hitchOk(['-f', file, '--json', 'up'])).stdout).summary));
    expect(changes).toEqual(['die', 'kill', 'start', 'stop'].map((a) => `container ${a} ${P}-db`));
    expect(summary).toMatchObject({ created: [], recreated: [], restarted: ['db'], started: [], unchanged: ['web'], failed: [] });
    expect(await containerIds(P)).toEqual(ids);
    expect((await execIn(`${P}-db`, ['cat', MARK])).output).toBe('kept\n');
    expect(await ping()).toBe('+PONG');
    expect(await states()).toEqual(UP);
  });

  it('then check passes, and a second up makes no change', async () => {
    const check = await hitch(['-f', file, 'check']);
    expect([check.code, check.stdout.trim().split('\n').at(-1)]).toEqual([0, expect.stringMatching(new RegExp(`^check ${P}: all \\d+ probes as the links allow$`))]);
    expect(await changesDuring(P, () => hitchOk(['-f', file, 'up']))).toEqual([]);
  });
});

describe("the sandbox's process ends, and its restart policy brings it back", () => {
  it('ps and ls say so; up restarts the service in place; the summary says restarted', async () => {
    const ids = await containerIds(P);
    await restartSandbox('its process ends');
    expect(await states()).toEqual(CUT);
    const res = await hitchOk(['-f', file, 'up']);
    expect(res.stderr.trim().split('\n').at(-2)).toMatch(new RegExp(`^up ${P} in \\d+\\.\\ds: restarted 1 \\(db\\), unchanged 1 \\(web\\)$`));
    expect(await containerIds(P)).toEqual(ids);
    expect((await execIn(`${P}-db`, ['cat', MARK])).output).toBe('kept\n');
    expect(await ping()).toBe('+PONG');
  });
});

describe('hitch restart, the other remedy', () => {
  it('restarting the service after its sandbox converges: the link works, and up has nothing left to do', async () => {
    await restartSandbox('docker restart');
    expect(await states()).toEqual(CUT);
    await hitchOk(['-f', file, 'restart', 'db']);
    expect(await states()).toEqual(UP);
    expect(await ping()).toBe('+PONG');
    expect((await hitchOk(['-f', file, 'plan'])).stdout.split('\n')[0]).toBe(`plan for ${P}: no changes`);
  });
});
