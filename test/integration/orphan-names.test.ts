// A service renamed in the manifest with its container_name (or its published port) kept: the new
// service's containers take the names (the host port) the orphan's still hold. Without --remove-orphans
// `up` says so and changes nothing; with it, each create waits for the orphan's removal, and the rename
// converges in one `up`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changesDuring, containerIds, writeManifest } from './convergence-helpers.js';
import { docker, hitch, hitchOk, requireEngine } from './helpers.js';

const P = 'it-orphname';
const box = { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL', container_name: `${P}-store` };

const PORTS = 'it-orphport';
const HOST_PORT = 18931;
// the orphan takes its time to stop (it ignores SIGTERM): a create that did not wait would find the port taken
const published = { image: 'hitch-test/busybox:1', command: ['sh', '-c', "trap '' TERM; sleep 100000"], stop_grace_period: '2s', ports: [`127.0.0.1:${HOST_PORT}:80`] };

beforeAll(async () => {
  await requireEngine();
  await Promise.all([hitch(['-p', P, 'down']), hitch(['-p', PORTS, 'down'])]);
  await Promise.all([hitchOk(['-f', await writeManifest(P, { old: box }), 'up']), hitchOk(['-f', await writeManifest(PORTS, { web: published }), 'up'])]);
});

afterAll(async () => {
  await Promise.all([hitchOk(['-p', P, 'down']), hitchOk(['-p', PORTS, 'down'])]);
});

it('without --remove-orphans: exit 1 before anything runs, naming both services and the remedy', async () => {
  const before = await containerIds(P);
  const file = await writeManifest(P, { renamed: box });
  const res = await hitch(['-f', file, 'up']);
  expect([res.code, res.stderr, await containerIds(P)]).toEqual([
    1,
    `hitch: container name ${P}-store-sandbox of service "renamed" is held by service "old", which the manifest no longer has\n` +
      `container name ${P}-store of service "renamed" is held by service "old", which the manifest no longer has\n` +
      `  to fix: remove the orphans first with \`hitch -f ${file} up --remove-orphans\`, or give the service another container_name\n`,
    before,
  ]);
});

it('with --remove-orphans: the orphan goes first, the renamed service takes its names, and a second up changes nothing', async () => {
  const file = await writeManifest(P, { renamed: box });
  const before = await containerIds(P);
  await hitchOk(['-f', file, 'up', '--remove-orphans']);
  const after = await containerIds(P);
  expect(Object.keys(after)).toEqual([`${P}-store`, `${P}-store-sandbox`]);
  expect(Object.values(after).some((id) => Object.values(before).includes(id))).toBe(false);
  expect(await changesDuring(P, () => hitchOk(['-f', file, 'up']))).toEqual([]);
});

it('a published port kept: without --remove-orphans, exit 1 before anything runs, naming the port', async () => {
  const before = await containerIds(PORTS);
  const file = await writeManifest(PORTS, { front: published });
  const res = await hitch(['-f', file, 'up']);
  expect([res.code, res.stderr, await containerIds(PORTS)]).toEqual([
    1,
    `hitch: host port ${HOST_PORT}/tcp of service "front" is held by service "web", which the manifest no longer has\n` +
      `  to fix: remove the orphans first with \`hitch -f ${file} up --remove-orphans\`, or give the service another host port\n`,
    before,
  ]);
});

it('a published port kept: with --remove-orphans, the orphan goes first and the renamed service publishes the port', async () => {
  await hitchOk(['-f', await writeManifest(PORTS, { front: published }), 'up', '--remove-orphans']);
  const list = await docker.listContainers({ filters: { label: [`io.hitch.project=${PORTS}`] } });
  const bound = list.flatMap((c) => c.Ports.filter((p) => p.PublicPort === HOST_PORT).map(() => c.Names[0]));
  expect(bound).toEqual([`/${PORTS}-front-sandbox`]);
});
