// A service renamed in the manifest with its container_name kept: the new service's containers take
// the names the orphan's still hold. Without --remove-orphans `up` says so and changes nothing; with it,
// each create waits for the orphan's removal, and the rename converges in one `up`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changesDuring, containerIds, writeManifest } from './convergence-helpers.js';
import { hitch, hitchOk, requireEngine } from './helpers.js';

const P = 'it-orphname';
const box = { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL', container_name: `${P}-store` };

beforeAll(async () => {
  await requireEngine();
  await hitch(['-p', P, 'down']);
  await hitchOk(['-f', await writeManifest(P, { old: box }), 'up']);
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down']);
});

it('without --remove-orphans: exit 1 before anything runs, naming both services and the remedy', async () => {
  const before = await containerIds(P);
  const res = await hitch(['-f', await writeManifest(P, { renamed: box }), 'up']);
  expect([res.code, res.stderr, await containerIds(P)]).toEqual([
    1,
    `hitch: container name ${P}-store-sandbox of service "renamed" is held by service "old", which the manifest no longer has\n` +
      `container name ${P}-store of service "renamed" is held by service "old", which the manifest no longer has\n` +
      '  to fix: remove the orphans first with `hitch up --remove-orphans`, or give the service another container_name\n',
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
