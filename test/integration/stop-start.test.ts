// stop, start, restart and up --force-recreate on one linked stack: web links cache and publishes a port;
// extra is declared and never brought up. Containers are kept across stop and start (same ids), and made
// anew, each of them, by --force-recreate. restart, on a stack of its own, waits for a slow child as start does.
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesDuring, containerIds, startedAt, writeManifest } from './convergence-helpers.js';
import { docker, execIn, hitch, hitchOk, ipOf, requireEngine, run, until } from './helpers.js';

const P = 'it-stopstart';
let H: string[];

const SERVICES = {
  cache: { image: 'hitch-test/redis:1', command: ['redis-server', '--protected-mode', 'no'] },
  web: { image: 'hitch-test/redis:1', links: ['cache'], ports: ['127.0.0.1::8000'], command: ['sh', '-c', 'exec sleep 100000'], stop_signal: 'SIGKILL' },
  extra: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL' },
};

async function states(): Promise<Record<string, string>> {
  const rows = JSON.parse((await hitchOk([...H, '--json', 'ps'])).stdout) as Array<{ service: string; state: string }>;
  return Object.fromEntries(rows.map((r) => [r.service, r.state]));
}

/** container name → running, for every container of the project. */
async function running(): Promise<Record<string, boolean>> {
  const names = Object.keys(await containerIds(P));
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await docker.getContainer(n).inspect()).State.Running] as const)));
}

/** Whether this process can listen on the host port: free once no sandbox publishes it. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const webReachesCache = async () => (await execIn(`${P}-web`, ['redis-cli', '-h', 'cache', 'ping'])).output;

beforeAll(async () => {
  await requireEngine();
  H = ['-f', await writeManifest(P, SERVICES)];
  await hitch([...H, 'down']);
  await hitchOk([...H, 'up', 'web']);
});

afterAll(async () => {
  await hitchOk([...H, 'down']);
});

describe('stop', () => {
  it('of one service: its two containers stop, the others keep running', async () => {
    expect(await hitch([...H, 'stop', 'web'])).toEqual({ code: 0, stdout: '', stderr: '✔ stopped web\n' });
    expect(await running()).toEqual({ [`${P}-cache`]: true, [`${P}-cache-sandbox`]: true, [`${P}-web`]: false, [`${P}-web-sandbox`]: false });
    expect((await execIn(`${P}-cache`, ['redis-cli', 'ping'])).output).toBe('PONG\n');
    await hitchOk([...H, 'start', 'web']);
  });

  it('of the whole project: every container stopped, kept, and the published port freed; again is fine', async () => {
    const port = Number((await hitchOk([...H, 'port', 'web', '8000'])).stdout.trim().split(':')[1]);
    expect(await canListen(port)).toBe(false);
    const ids = await containerIds(P);
    expect(await hitch([...H, 'stop', '-t', '1'])).toEqual({ code: 0, stdout: '', stderr: '✔ stopped web\n✔ stopped cache\n' });
    expect(await states()).toEqual({ cache: 'stopped', extra: 'missing', web: 'stopped' });
    expect(await containerIds(P)).toEqual(ids);
    expect(await canListen(port)).toBe(true);
    expect(await hitch([...H, '--json', 'stop'])).toEqual({ code: 0, stdout: '{\n  "project": "it-stopstart",\n  "ok": true,\n  "stopped": [\n    "web",\n    "cache"\n  ],\n  "failed": []\n}\n', stderr: '' });
  });

  it('of an unknown name: the usage error of every command', async () => {
    const stderr = 'hitch: no such service in project it-stopstart: "wbe" (did you mean "web"?)\n  to fix: use one of: cache, extra, web\n';
    expect(await hitch([...H, 'stop', 'wbe'])).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('start', () => {
  it('of a service never created: refused, pointing to up, nothing started', async () => {
    // the manifest is not the one hitch finds from here: the up to paste names it
    const refusal = `hitch: service "extra" of project it-stopstart has no container, and start only starts existing containers; nothing was started\n  to fix: create it with \`hitch ${H.join(' ')} up extra\`\n`;
    expect(await hitch([...H, 'start', 'extra'])).toEqual({ code: 1, stdout: '', stderr: refusal });
    expect(await hitch([...H, 'start'])).toEqual({ code: 1, stdout: '', stderr: refusal });
    expect(await states()).toEqual({ cache: 'stopped', extra: 'missing', web: 'stopped' });
  });

  it('is what port and exec of a stopped service say to run, as the project was named, so that it works when pasted', async () => {
    const notRunning = `hitch: service "web" of project ${P} is not running`;
    const fix = (hitch: string) => `  to fix: start it with \`${hitch} start web\`\n`;
    // -f of a manifest hitch would not find from here; -p without one; -f of the one it finds anyway
    expect(await hitch([...H, 'port', 'web', '8000'])).toEqual({ code: 1, stdout: '', stderr: `${notRunning}, so no port of it is published\n${fix(`hitch ${H.join(' ')}`)}` });
    expect(await hitch(['-p', P, 'exec', 'web', 'true'])).toEqual({ code: 1, stdout: '', stderr: `${notRunning}\n${fix(`hitch -p ${P}`)}` });
    expect(await hitch(['-f', 'hitch.yaml', 'exec', 'web', 'true'], {}, { cwd: dirname(H[1]!) })).toEqual({ code: 1, stdout: '', stderr: `${notRunning}\n${fix('hitch')}` });
    expect(await hitch(['-p', P, 'start', 'web'], {}, { cwd: dirname(H[1]!) })).toEqual({ code: 0, stdout: '', stderr: '✔ started cache\n✔ started web\n' });
    await hitchOk([...H, 'stop']);
  });

  it('brings back the same containers, children first, only starting them; the parent reaches its child', async () => {
    const ids = await containerIds(P);
    let res;
    const changes = await changesDuring(P, async () => (res = await hitch([...H, 'start', 'web'])));
    expect(res).toEqual({ code: 0, stdout: '', stderr: '✔ started cache\n✔ started web\n' });
    expect(changes).toEqual([
      `container start ${P}-cache`,
      `container start ${P}-cache-sandbox`,
      `container start ${P}-web`,
      `container start ${P}-web-sandbox`,
      `network connect ${P}-hitch`,
    ]);
    expect(await containerIds(P)).toEqual(ids);
    expect(await states()).toEqual({ cache: 'running', extra: 'missing', web: 'running' });
    expect(await until('web reaches cache', async () => ((await webReachesCache()) === 'PONG\n' ? true : undefined))).toBe(true);
  });

  it('of what runs already: nothing to do', async () => {
    expect(await hitch([...H, '--json', 'start', 'web'])).toEqual({ code: 0, stdout: '{\n  "project": "it-stopstart",\n  "ok": true,\n  "started": [],\n  "failed": []\n}\n', stderr: '' });
  });
});

/** A stack of the describe's own, up before its tests and down after them; the manifest's path once up. */
function upForTheseTests(project: string, services: Parameters<typeof writeManifest>[1]): () => string {
  let file = '';
  beforeAll(async () => {
    file = await writeManifest(project, services);
    await hitch(['-f', file, 'down']);
    await hitchOk(['-f', file, 'up']);
  });
  afterAll(async () => {
    await hitchOk(['-f', file, 'down']);
  });
  return () => file;
}

describe('restart, as start: a parent once the children it restarts are ready', () => {
  const Q = 'it-restart-ready';
  // slow listens 2 s after each start: web's restart must wait for that, as start's would
  const STACK = {
    slow: { image: 'hitch-test/busybox:1', command: ['sh', '-c', 'sleep 2; exec httpd -f -p 80'], expose: ['80'], stop_signal: 'SIGKILL' },
    web: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], links: ['slow'], stop_signal: 'SIGKILL' },
  };
  const manifest = upForTheseTests(Q, STACK);

  it('web restarts once slow answers it again, so the link works as soon as restart returns', async () => {
    expect(await hitch(['-f', manifest(), 'restart'])).toEqual({ code: 0, stdout: '', stderr: '✔ restarted slow\n✔ restarted web\n' });
    const probe = await execIn(`${Q}-web-sandbox`, ['hitch-sandbox', 'probe', await ipOf(`${Q}-slow-sandbox`, `${Q}-hitch`), '80', '1']);
    expect(probe.output.trim()).toBe('open');
    const [slow, web] = await Promise.all([startedAt(`${Q}-slow`), startedAt(`${Q}-web`)]);
    expect(Date.parse(web) - Date.parse(slow)).toBeGreaterThanOrEqual(2000);
  });
});

describe('restart --json and start --json of a child that does not come back', () => {
  const Q = 'it-restart-partial';
  // flaky exits 3 on every start after its first: web, its parent, is left as it was; lone, which links
  // nothing, is restarted beside it
  const STACK = {
    flaky: { image: 'hitch-test/busybox:1', command: ['sh', '-c', 'test -e /started && echo again >&2 && exit 3; touch /started; exec httpd -f -p 80'], expose: ['80'], stop_signal: 'SIGKILL' },
    web: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], links: ['flaky'], stop_signal: 'SIGKILL' },
    lone: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL' },
  };
  const manifest = upForTheseTests(Q, STACK);
  // the way on after restart and start too (only `up` makes it anew), named as the command line did
  const fix = () => `fix the service's command or image, then run \`hitch -f ${manifest()} up\``;
  // as `up --json` lists a failed service: its error, its remedy and its last log lines
  const failed = (logs: string[]) => [{ service: 'flaky', action: 'ready:flaky@web', error: 'service "flaky" is not running (exit code 3)', remedy: fix(), logs }];

  it('restart prints the document as on success, with what was restarted and what failed, and exits 1', async () => {
    const res = await hitch(['-f', manifest(), '--json', 'restart']);
    expect({ ...res, stdout: JSON.parse(res.stdout) }).toEqual({
      code: 1,
      // flaky itself was restarted: it is its readiness for web that failed
      stdout: { project: Q, ok: false, restarted: ['flaky', 'lone'], failed: failed(['again']) },
      stderr: `hitch: service "flaky" is not running (exit code 3); not restarted: web\n  to fix: ${fix()}\n`,
    });
  });

  it('start lists the failure the same way, says it on stderr, and exits 1', async () => {
    await hitchOk(['-f', manifest(), 'stop']);
    // flaky's log so far (one `again` per start after its first), which this start adds one to
    const before = (await run('docker', ['logs', `${Q}-flaky`])).stderr.split('\n').filter(Boolean);
    const res = await hitch(['-f', manifest(), '--json', 'start']);
    expect({ ...res, stdout: JSON.parse(res.stdout) }).toEqual({
      code: 1,
      stdout: { project: Q, ok: false, started: ['flaky', 'lone'], failed: failed([...before, 'again']) },
      stderr: `hitch: service "flaky" is not running (exit code 3)\n  to fix: ${fix()}\n`,
    });
  });
});

describe('up --force-recreate', () => {
  it('plan shows it, up makes every selected container anew, and a second up changes nothing', async () => {
    const plan = (await hitchOk([...H, 'plan', '--force-recreate', 'web'])).stdout;
    expect(plan.split('\n').filter((l) => l.includes('recreate-container')).map((l) => l.replace(/ .*cause: /, ' cause: ').replace(/  after.*/, ''))).toEqual([
      'sandbox:cache cause: --force-recreate',
      'service:cache cause: --force-recreate',
      'sandbox:web cause: --force-recreate',
      'service:web cause: --force-recreate',
    ]);
    const before = await containerIds(P);
    await hitchOk([...H, 'up', '--force-recreate', 'web']);
    const after = await containerIds(P);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(Object.keys(after).filter((n) => after[n] === before[n])).toEqual([]);
    expect(await webReachesCache()).toBe('PONG\n');
    expect(await changesDuring(P, () => hitchOk([...H, 'up', 'web']))).toEqual([]);
  });
});
