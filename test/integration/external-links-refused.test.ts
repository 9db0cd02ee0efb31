// An external container the engine cannot attach to another network (its network mode is another
// container's, the host's or none): `up` says so and creates nothing, as for a missing or stopped one
// (external-links.test.ts).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeManifest } from './convergence-helpers.js';
import { docker, hitch, hitchOk, labelled, requireEngine } from './helpers.js';

const P = 'it-extns';
const OWNER = `${P}-owner`;
const JOINED = `${P}-joined`;
const NOTHING = { containers: [], networks: [], volumes: [] };

async function removeExternals(): Promise<void> {
  for (const name of [JOINED, OWNER]) await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-p', P, 'down']);
  await removeExternals();
  const sleep = { Image: 'hitch-test/busybox:1', Cmd: ['sleep', '100000'] };
  await (await docker.createContainer({ name: OWNER, ...sleep })).start();
  await (await docker.createContainer({ name: JOINED, ...sleep, HostConfig: { NetworkMode: `container:${OWNER}` } })).start();
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down']);
  await removeExternals();
});

it("a container sharing another's network: exit 1, the reason and a remedy, nothing created", async () => {
  const file = await writeManifest(P, { web: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], external_links: [`${JOINED}:db`] } });
  const mode = (await docker.getContainer(JOINED).inspect()).HostConfig.NetworkMode;
  const res = await hitch(['-f', file, 'up']);
  expect([res.code, res.stderr, await labelled(P)]).toEqual([
    1,
    `hitch: container ${JOINED} runs with network mode "${mode}", which the engine cannot attach to another network: service "web" cannot link it as "db" (external_links)\n` +
      `  to fix: link the container whose network ${JOINED} shares instead (its id is in that network mode)\n`,
    NOTHING,
  ]);
});
