// Build contexts as the loader sees them, on a real engine: a missing folder is a manifest problem before
// anything is created (it was a failed build after the network and the other services existed), a
// remote context (here an http tarball served on this machine) is fetched by the engine, never looked for,
// and a local one is sent as `docker build` sends it (.dockerignore rules, a Dockerfile from outside).
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leftovers, writeManifest } from './convergence-helpers.js';
import { docker, envOf, execIn, hitch, hitchOk, requireEngine } from './helpers.js';

const P = 'it-build-paths';
const IMAGE = `${P}-remote`;
const LOCAL_IMAGE = `${P}-local`;
const SLEEP = { command: ['sleep', '100000'], stop_signal: 'SIGKILL' };
let server: Server;
let tarball: string;
const dirs: string[] = [];

beforeAll(async () => {
  await requireEngine();
  await hitch(['-p', P, 'down']);
  for (const image of [IMAGE, LOCAL_IMAGE]) await docker.getImage(image).remove().catch(() => undefined);
  // a build context as a tarball, served on this machine only
  const file = await writeManifest(`${P}-ctx`, {});
  const ctx = join(dirname(file), 'ctx');
  dirs.push(dirname(file));
  await mkdir(ctx);
  await writeFile(join(ctx, 'Dockerfile'), 'FROM hitch-test/busybox:1\nENV FROM_REMOTE=yes\n');
  tarball = join(dirname(file), 'ctx.tar');
  execFileSync('tar', ['-cf', tarball, '-C', ctx, 'Dockerfile']);
  server = createServer((_, res) => void readFile(tarball).then((bytes) => res.end(bytes)));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
});

afterAll(async () => {
  await hitch(['-p', P, 'down']);
  for (const image of [IMAGE, LOCAL_IMAGE]) await docker.getImage(image).remove().catch(() => undefined);
  await new Promise((done) => server.close(done));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

it('a missing build folder: up exits 2 with its file:line:col, and creates nothing', async () => {
  const file = await writeManifest(P, { db: { image: 'hitch-test/busybox:1', ...SLEEP }, web: { build: './nope', links: ['db'], ...SLEEP } });
  dirs.push(dirname(file));
  const res = await hitch(['-f', file, 'up']);
  const line = (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes('build: ./nope')) + 1;
  expect([res.code, res.stderr]).toEqual([
    2,
    `${file}:${line}:12: build context "./nope" does not exist (looked for ${dirname(file)}/nope); give a folder relative to the manifest's, or a git or http(s) URL\n`,
  ]);
  expect(await leftovers(P)).toEqual([]);
});

it('a remote context: the engine fetches and builds it', async () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ctx.tar`;
  const file = await writeManifest(P, { remote: { build: url, ...SLEEP } });
  dirs.push(dirname(file));
  await hitchOk(['-f', file, 'validate']);
  await hitchOk(['-f', file, 'up']);
  expect((await envOf(`${P}-remote`)).FROM_REMOTE).toBe('yes'); // the service's container, which runs IMAGE
});

it('a local context: .dockerignore rules with an exception, and a Dockerfile outside the folder, as docker build does', async () => {
  const file = await writeManifest(P, { local: { build: { context: './app', dockerfile: '../docker/Dockerfile.app' }, ...SLEEP } });
  const dir = dirname(file);
  dirs.push(dir);
  const put = async (path: string, text: string) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  };
  await put('docker/Dockerfile.app', 'FROM hitch-test/busybox:1\nCOPY . /ctx/\n');
  await put('app/main.txt', 'main');
  await put('app/secret.txt', 'secret');
  await put('app/vendor/keep.txt', 'keep');
  await put('app/vendor/drop.txt', 'drop');
  await put('app/.dockerignore', 'secret.txt\nvendor\n!vendor/keep.txt\n');
  await mkdir(join(dir, 'app', 'logs'));
  await hitchOk(['-f', file, 'up']);
  const listed = await execIn(`${P}-local`, ['find', '/ctx']);
  // what `docker build -f docker/Dockerfile.app app` copies (checked against Docker 20.10): the empty
  // folder, the .dockerignore too, as it does not exclude itself, and not the Dockerfile's hidden name
  expect(listed.output.split('\n').filter(Boolean).sort()).toEqual(['/ctx', '/ctx/.dockerignore', '/ctx/logs', '/ctx/main.txt', '/ctx/vendor', '/ctx/vendor/keep.txt']);
});
