// `build:` on a real engine: up builds a missing image (args, hitch's labels) and its parents see its
// ENV; up leaves a built image alone unless --build; a rebuilt image recreates what it changed; a
// failed build fails its service and starts the rest.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DockerEngine } from '../../src/engine/docker-engine.js';
import { UserError } from '../../src/user-error.js';
import { changedNames, changesDuring, containerIds, writeManifest } from './convergence-helpers.js';
import { docker, envOf, hitch, hitchOk, requireEngine } from './helpers.js';

const P = 'it-build';
const IMAGES = [`${P}-app`, `${P}-bad`];
const SLEEP = { command: ['sleep', '100000'], stop_signal: 'SIGKILL' };
const APP = { build: { context: './app', args: { GREETING: 'hi' } }, ...SLEEP };
let dir: string;
let file: string;

const dockerfile = (extra: string) => `FROM hitch-test/busybox:1\nARG GREETING=hello\nENV GREETING=$GREETING\n${extra}`;

async function imageOf(tag: string): Promise<{ id: string; labels: Record<string, string> }> {
  const info = await docker.getImage(tag).inspect();
  return { id: info.Id, labels: info.Config.Labels ?? {} };
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-p', P, 'down']);
  for (const tag of IMAGES) await docker.getImage(tag).remove().catch(() => undefined);
  file = await writeManifest(P, { app: APP, web: { image: 'hitch-test/busybox:1', links: ['app'], ...SLEEP } });
  dir = dirname(file);
  await mkdir(join(dir, 'app'));
  await writeFile(join(dir, 'app', 'Dockerfile'), dockerfile(''));
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down']);
  for (const tag of IMAGES) await docker.getImage(tag).remove().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

it('up builds the missing image with its args and the labels of its service; the parent sees its ENV', async () => {
  const res = await hitchOk(['-f', file, 'up']);
  expect(res.stderr.split('\n').filter((l) => l.startsWith('building'))).toEqual([`building ${P}-app for app`]);
  const { labels } = await imageOf(`${P}-app`);
  expect([labels['io.hitch.project'], labels['io.hitch.service']]).toEqual([P, 'app']);
  expect([(await envOf(`${P}-app`)).GREETING, (await envOf(`${P}-web`)).APP_ENV_GREETING]).toEqual(['hi', 'hi']);
});

it('a second up neither builds nor changes anything, also when the Dockerfile changed meanwhile', async () => {
  await writeFile(join(dir, 'app', 'Dockerfile'), dockerfile('ENV EXTRA=1\n'));
  const before = await imageOf(`${P}-app`);
  let res = { stderr: '' };
  expect(await changesDuring(P, async () => (res = await hitchOk(['-f', file, 'up'])))).toEqual([]);
  expect([res.stderr.includes('building'), (await imageOf(`${P}-app`)).id]).toEqual([false, before.id]);
});

it('up --build rebuilds: the new image recreates its service, and its parent, whose link env changed', async () => {
  const before = await containerIds(P);
  await hitchOk(['-f', file, 'up', '--build']);
  expect(changedNames(before, await containerIds(P))).toEqual([`${P}-app`, `${P}-web`]);
  expect((await envOf(`${P}-web`)).APP_ENV_EXTRA).toBe('1');
});

it("a build that fails: exit 1 with the engine's words, its parent waits, the rest runs as it was", async () => {
  await mkdir(join(dir, 'bad'));
  await writeFile(join(dir, 'bad', 'Dockerfile'), 'FROMM hitch-test/busybox:1\n');
  const broken = join(dir, 'broken.yaml');
  const services = {
    app: APP,
    bad: { build: './bad', ...SLEEP },
    web: { image: 'hitch-test/busybox:1', links: ['app', 'bad'], ...SLEEP },
  };
  await writeFile(broken, stringify({ name: P, services }));
  const before = await containerIds(P);
  const res = await hitch(['-f', broken, 'up']);
  expect(res.code).toBe(1);
  expect(res.stdout + res.stderr).toMatch(/image it-build-bad could not be built: .*unknown instruction: FROMM/i);
  const after = await containerIds(P);
  expect([`${P}-app`, `${P}-web`].map((name) => after[name] === before[name])).toEqual([true, true]);
  expect([after[`${P}-bad`], after[`${P}-bad-sandbox`]]).toEqual([undefined, undefined]);
});

it("a failed step's build container is removed: nothing of it is left for `down` to miss", async () => {
  await mkdir(join(dir, 'failing-step'));
  await writeFile(join(dir, 'failing-step', 'Dockerfile'), 'FROM hitch-test/busybox:1\nRUN echo it-build-step && exit 3\n');
  const failing = join(dir, 'failing-step.yaml');
  await writeFile(failing, stringify({ name: P, services: { app: APP, bad: { build: './failing-step', ...SLEEP } } }));
  const res = await hitch(['-f', failing, 'up']);
  const left = (await docker.listContainers({ all: true })).filter((c) => c.Command.includes('it-build-step'));
  expect([res.code, left.map((c) => c.Names[0])]).toEqual([1, []]);
});

it('a running service whose new image fails to build keeps both its containers: its namespace, its link', async () => {
  // the new tag is not on the engine, so the plan knows none of its EXPOSE: the sandbox looks changed too
  const moved = join(dir, 'moved.yaml');
  const services = { app: { build: './bad', image: `${P}-bad`, ...SLEEP }, web: { image: 'hitch-test/busybox:1', links: ['app'], ...SLEEP } };
  await writeFile(moved, stringify({ name: P, services }));
  await hitchOk(['-f', file, 'up']);
  let res = { code: 0, stdout: '', stderr: '' };
  const changes = await changesDuring(P, async () => (res = await hitch(['-f', moved, 'up'])));
  const sandbox = await docker.getContainer(`${P}-app-sandbox`).inspect();
  const app = await docker.getContainer(`${P}-app`).inspect();
  expect({ code: res.code, changes, sandbox: sandbox.State.Running, joined: app.HostConfig.NetworkMode }).toEqual({
    code: 1,
    changes: [],
    sandbox: true,
    joined: `container:${sandbox.Id}`,
  });
  expect(res.stdout + res.stderr).toMatch(/image it-build-bad could not be built: .*unknown instruction: FROMM/i);
});

it('a build context gone since the manifest was read: said as it is, not as "cannot connect to the Docker engine"', async () => {
  const gone = join(dir, 'gone');
  const err = await new DockerEngine().buildImage(`${P}-gone`, { context: gone, args: {} }, {}).catch((e: unknown) => e);
  expect([err instanceof UserError, (err as Error).message]).toEqual([
    true,
    `cannot read the build context ${gone}: ENOENT: no such file or directory, scandir '${gone}'`,
  ]);
});
