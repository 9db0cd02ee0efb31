// Issue 4, failures: a child that cannot start fails itself and its parents, nobody else; `up` exits 1
// naming each failed service, its cause and its last log lines; fixing the cause and running `up` again
// converges, and so does `up` after `hitch up` was killed mid-way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, execIn, hitch, hitchOk, ipOf, requireEngine, until } from './helpers.js';
import { containerIds, leftovers, spawnHitch, writeManifest, type ServiceYaml } from './convergence-helpers.js';
import { documentOf } from './json-schemas.js';

const P = 'it-conv-fail';
const sleeper = (extra: ServiceYaml = {}): ServiceYaml => ({ image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL', ...extra });
const listener: ServiceYaml = { image: 'hitch-test/busybox:1', command: ['httpd', '-f', '-p', '80'], expose: ['80'], stop_signal: 'SIGKILL' };

/** bad → web → top, and solo on its own: only `bad` changes between scenarios. */
function stack(bad: ServiceYaml): Record<string, ServiceYaml> {
  return { bad, web: sleeper({ link: 'bad' }), top: sleeper({ link: 'web' }), solo: sleeper() };
}

/** `up -f FILE` of a new manifest, each time in a new folder: the remedies' `hitch -f FILE` with FILE as written here. */
async function upJson(bad: ServiceYaml): Promise<{ code: number; summary: Record<string, unknown> }> {
  const file = await writeManifest(P, stack(bad));
  const res = await hitch(['-f', file, '--json', 'up']);
  res.stdout = res.stdout.replaceAll(file, 'FILE');
  const { created, recreated, started, unchanged, failed, notStarted } = documentOf('up', res.stdout).summary;
  return { code: res.code, summary: { created, recreated, started, unchanged, failed, notStarted } };
}

const blocked = [{ service: 'top', waitsFor: 'bad' }, { service: 'web', waitsFor: 'bad' }];

beforeAll(async () => {
  await requireEngine();
  await hitch(['-p', P, 'down', '-v']);
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down', '-v']);
  await docker.getImage(FAILING_IMAGE).remove().catch(() => {});
});

const NOT_RUNNING_FIX = "fix the service's command or image, then run `hitch -f FILE up`";
const UNHEALTHY_FIX = `see \`hitch -f FILE logs bad\`, and its healthcheck's last output with \`docker inspect -f '{{json .State.Health.Log}}' ${P}-bad\``;
const FAILING_IMAGE = `${P}-healthcheck:1`;
const CREATE_FIX = 'correct what the engine names, in service "bad" of the manifest (`hitch -f FILE config` shows it as hitch reads it) or on the engine, then run `hitch -f FILE up` again: it converges from where this run stopped';

describe('a child that cannot start', () => {
  it('image missing: fails fast, its parents are not started, solo is', async () => {
    const started = Date.now();
    const { code, summary } = await upJson({ ...listener, image: 'hitch-test/does-not-exist:1' });
    expect(Date.now() - started).toBeLessThan(30_000);
    const failed = summary.failed as Array<{ error: string }>;
    expect(failed[0]!.error).toMatch(/^image hitch-test\/does-not-exist:1 is not on the engine and cannot be pulled: \S.*\S$/);
    expect({ code, summary: { ...summary, failed: failed.map((f) => ({ ...f, error: '(above)' })) } }).toEqual({
      code: 1,
      summary: { created: ['solo'], recreated: [], started: [], unchanged: [], failed: [{ service: 'bad', action: 'service:bad', error: '(above)', remedy: 'build or load the image locally, or fix the image name', logs: [] }], notStarted: blocked },
    });
  });

  it('a command its image has no program for: the engine refuses the start, and the remedy names command:', async () => {
    const { code, summary } = await upJson({ ...listener, command: ['no-such-program'] });
    const failed = summary.failed as Array<{ service: string; error: string; remedy: string }>;
    expect({ code, failed: failed.map((f) => ({ ...f, error: /^cannot start \S+: .*exec: "no-such-program": executable file not found/.test(f.error) })), notStarted: summary.notStarted }).toEqual({
      code: 1,
      failed: [{ service: 'bad', action: 'service:bad', error: true, remedy: 'the command of service "bad" names a program its image does not have: correct command: or entrypoint: (or the image), then run `hitch -f FILE up`', logs: [] }],
      notStarted: blocked,
    });
  });

  it('exits at once: its exit code and last log lines, in JSON and in the text summary', async () => {
    // the pause keeps the two lines in order: stdout and stderr reach the log by separate copiers
    const bad = { ...listener, command: ['sh', '-c', 'echo starting; sleep 0.2; echo no config >&2; exit 3'] };
    expect(await upJson(bad)).toEqual({
      code: 1,
      summary: {
        created: [], recreated: [], started: [], unchanged: ['solo'],
        failed: [{ service: 'bad', action: 'ready:bad@web', error: 'service "bad" is not running (exit code 3)', remedy: NOT_RUNNING_FIX, logs: ['starting', 'no config'] }],
        notStarted: blocked,
      },
    });
    const file = await writeManifest(P, stack(bad));
    const res = await hitch(['-f', file, 'up']);
    const summary = res.stderr.slice(res.stderr.indexOf(`up ${P} in `)).replace(/ in \d+\.\ds:/, ' in Xs:').replaceAll(file, 'FILE');
    expect({ code: res.code, summary }).toEqual({
      code: 1,
      summary: `up ${P} in Xs: unchanged 1 (solo), failed 1 (bad), not started 2 (top, web)
failed: bad (ready:bad@web): service "bad" is not running (exit code 3)
  to fix: ${NOT_RUNNING_FIX}
  last log lines of bad:
  | starting
  | no config
  | starting
  | no config
not started: top, because bad failed
not started: web, because bad failed
`,
    });
  });

  it('unhealthy: named as such', async () => {
    const bad = sleeper({ healthcheck: { test: ['CMD', 'false'], interval: '200ms', retries: 1 } });
    expect(await upJson(bad)).toEqual({
      code: 1,
      summary: { created: [], recreated: [], started: [], unchanged: ['solo'], failed: [{ service: 'bad', action: 'ready:bad@web', error: 'service "bad" is unhealthy', remedy: UNHEALTHY_FIX, logs: [] }], notStarted: blocked },
    });
  });

  it("unhealthy by its image's HEALTHCHECK, the manifest naming none: waited for, and named as such", async () => {
    const context = await mkdtemp(join(tmpdir(), `${P}-healthcheck-`));
    await writeFile(join(context, 'Dockerfile'), 'FROM hitch-test/busybox:1\nHEALTHCHECK --interval=200ms --retries=1 CMD false\nEXPOSE 80\nCMD ["httpd", "-f", "-p", "80"]\n');
    const bad = { build: context, image: FAILING_IMAGE, stop_signal: 'SIGKILL' };
    expect(await upJson(bad)).toEqual({
      code: 1,
      summary: { created: [], recreated: [], started: [], unchanged: ['solo'], failed: [{ service: 'bad', action: 'ready:bad@web', error: 'service "bad" is unhealthy', remedy: UNHEALTHY_FIX, logs: [] }], notStarted: blocked },
    });
  });

  it('never ready: up fails after its ready_timeout, naming the child and what it waited for', async () => {
    const bad = sleeper({ expose: ['80'], ready_timeout: '2s' }); // recreated, but a failed service is listed as failed only
    const { code, summary } = await upJson(bad);
    const ip = await ipOf(`${P}-bad-sandbox`, `${P}-hitch`);
    const error = `service "bad" was not ready after 2s: waited for TCP connections on ${ip}:80 from ${P}-web-sandbox`;
    expect({ code, summary }).toEqual({
      code: 1,
      summary: { created: [], recreated: [], started: [], unchanged: ['solo'], failed: [{ service: 'bad', action: 'ready:bad@web', error, remedy: 'check the service with `hitch -f FILE logs bad`, or raise its ready_timeout', logs: [] }], notStarted: blocked },
    });
  });

  it('fixed: up again converges, and a third up has nothing to do', async () => {
    expect(await upJson(listener)).toEqual({
      code: 0,
      summary: { created: ['top', 'web'], recreated: ['bad'], started: [], unchanged: ['solo'], failed: [], notStarted: [] },
    });
    expect((await upJson(listener)).summary).toEqual({ created: [], recreated: [], started: [], unchanged: ['bad', 'solo', 'top', 'web'], failed: [], notStarted: [] });
  });

  it('refused by the engine at create (a bind mount on /, which the manifest lets through): its words and what to do; up converges once corrected', async () => {
    const { code, summary } = await upJson({ ...listener, volumes: ['/tmp:/'] });
    expect({ code, summary }).toEqual({
      code: 1,
      summary: {
        created: [], recreated: [], started: [], unchanged: ['solo', 'top', 'web'],
        failed: [{ service: 'bad', action: 'service:bad', error: expect.stringMatching(/^cannot create it-conv-fail-bad: .*destination can't be '\/'$/), remedy: CREATE_FIX, logs: [] }],
        notStarted: [],
      },
    });
    expect(await upJson(listener)).toEqual({
      code: 0,
      summary: { created: ['bad'], recreated: [], started: [], unchanged: ['solo', 'top', 'web'], failed: [], notStarted: [] },
    });
  });
});

describe('hitch up killed mid-way', () => {
  // bad takes a second to listen, so `up` is surely still waiting for it when it is killed
  const slow = { ...listener, command: ['sh', '-c', 'sleep 1; exec httpd -f -p 80'] };

  it.each(['SIGINT', 'SIGKILL'] as const)('%s: up again converges, down leaves nothing labelled behind', async (signal) => {
    await hitchOk(['-p', P, 'down', '-v']);
    const file = await writeManifest(P, stack(slow));
    const { child, done } = spawnHitch(['-f', file, 'up']);
    await until('bad created', async () => ((await containerIds(P))[`${P}-bad`] ? true : undefined));
    child.kill(signal);
    expect((await done).code === 0).toBe(false);
    const again = documentOf('up', (await hitchOk(['-f', file, '--json', 'up'])).stdout).summary;
    expect({ failed: again.failed, all: [...again.created, ...again.recreated, ...again.started, ...again.unchanged].sort() }).toEqual({
      failed: [],
      all: ['bad', 'solo', 'top', 'web'],
    });
    expect(documentOf('up', (await hitchOk(['-f', file, '--json', 'up'])).stdout).summary.unchanged).toEqual(['bad', 'solo', 'top', 'web']);
    await hitchOk(['-f', file, 'down', '-v']);
    expect(await leftovers(P)).toEqual([]);
  });

  it('a sandbox left off the network (killed between its start and its join): up recreates it, and its link works again', async () => {
    const file = await writeManifest(P, stack(listener));
    await hitchOk(['-f', file, 'up']);
    await docker.getNetwork(`${P}-hitch`).disconnect({ Container: `${P}-bad-sandbox` });
    const again = documentOf('up', (await hitchOk(['-f', file, '--json', 'up'])).stdout).summary;
    expect({ recreated: again.recreated, created: again.created, failed: again.failed }).toEqual({ recreated: ['bad'], created: [], failed: [] });
    const ip = await ipOf(`${P}-bad-sandbox`, `${P}-hitch`);
    expect((await execIn(`${P}-web-sandbox`, ['hitch-sandbox', 'probe', ip, '80'])).output.trim()).toBe('open');
    await hitchOk(['-f', file, 'down', '-v']);
  });

  it('a sandbox left off the network beside no service container (the first up, interrupted before it made one): the service is created, not recreated', async () => {
    const file = await writeManifest(P, stack(listener));
    await hitchOk(['-f', file, 'up']);
    await docker.getContainer(`${P}-bad`).remove({ force: true });
    await docker.getNetwork(`${P}-hitch`).disconnect({ Container: `${P}-bad-sandbox` });
    const again = documentOf('up', (await hitchOk(['-f', file, '--json', 'up'])).stdout).summary;
    expect({ created: again.created, recreated: again.recreated, unchanged: again.unchanged, failed: again.failed }).toEqual({
      created: ['bad'], recreated: [], unchanged: ['solo', 'top', 'web'], failed: [],
    });
    await hitchOk(['-f', file, 'down', '-v']);
  });
});
