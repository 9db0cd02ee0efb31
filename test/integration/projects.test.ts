// -p names the project: one manifest, two projects with the same service names, never crossing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { envOf, FIXTURES, hitch, hitchOk, labelled, requireEngine } from './helpers.js';

const FILE = `${FIXTURES}/projects/hitch.yaml`;
const A = 'it-proj-a';
const B = 'it-proj-b';

beforeAll(async () => {
  await requireEngine();
  for (const p of [A, B]) await hitch(['-f', FILE, '-p', p, 'down']);
});

afterAll(async () => {
  for (const p of [A, B]) await hitchOk(['-f', FILE, '-p', p, 'down']);
});

it('keeps two projects of one manifest apart, down of one leaving the other whole', async () => {
  await Promise.all([hitchOk(['-f', FILE, '-p', A, 'up']), hitchOk(['-f', FILE, '-p', B, 'up'])]);
  const names = (p: string) => [`${p}-db`, `${p}-db-sandbox`, `${p}-web`, `${p}-web-sandbox`];
  expect(await labelled(A)).toEqual({ containers: names(A), networks: [`${A}-hitch`], volumes: [] });
  expect(await labelled(B)).toEqual({ containers: names(B), networks: [`${B}-hitch`], volumes: [] });
  expect((await envOf(`${A}-web`)).DB_NAME).toBe(`/${A}-web/db`);

  await hitchOk(['-f', FILE, '-p', A, 'down']);
  expect(await labelled(A)).toEqual({ containers: [], networks: [], volumes: [] });
  expect(await labelled(B)).toEqual({ containers: names(B), networks: [`${B}-hitch`], volumes: [] });
});
