// hitch's `link_env: classic` against the oracle: the engine's own `docker run --link` on the
// default bridge of Docker 20.10, from the same parent image (built by hitch). The two env sets must be
// identical apart from the IP address.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { docker, envOf, FIXTURES, hitch, hitchOk, requireEngine, withPrefix } from './helpers.js';

const FILE = `${FIXTURES}/classic-oracle/hitch.yaml`;
const CHILD = 'it-classic-child';
const PARENT = 'it-classic-parent';
const PARENT_IMAGE = 'it-classic-parent'; // hitch's tag for the parent's build: <project>-<service>
const IP = /\b\d{1,3}(\.\d{1,3}){3}\b/g;

async function removeOracle(): Promise<void> {
  for (const name of [PARENT, CHILD]) await docker.getContainer(name).remove({ force: true }).catch(() => {});
}

/** What Docker itself gives a parent: `docker run --link it-classic-child:docker it-classic-parent env`. */
async function oracleEnv(): Promise<Record<string, string>> {
  const child = await docker.createContainer({
    name: CHILD,
    Image: 'hitch-test/redis:1',
    Env: ['PASSWORD=gordon', 'EMPTY=', 'WITH_EQUALS=a=b=c'],
    ExposedPorts: Object.fromEntries(
      ['53/udp', '6380/tcp', '6381/tcp', '6382/tcp', '7000/udp', '7001/tcp', '7002/udp'].map((p) => [p, {}]),
    ),
  });
  await child.start();
  const parent = await docker.createContainer({
    name: PARENT,
    Image: PARENT_IMAGE,
    Cmd: ['env'],
    Tty: true, // raw logs, no stream framing
    HostConfig: { Links: [`${CHILD}:docker`] },
  });
  await parent.start();
  await parent.wait();
  const logs = (await parent.logs({ stdout: true })) as unknown as Buffer;
  const lines = logs.toString('utf8').split(/\r?\n/).filter((l) => l.startsWith('DOCKER_'));
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

function withoutIps(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace(IP, '<ip>')]));
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-f', FILE, 'down']);
  await removeOracle();
  await docker.getImage(PARENT_IMAGE).remove().catch(() => undefined); // so up builds it from today's Dockerfile
});

afterAll(async () => {
  await removeOracle();
  await hitchOk(['-f', FILE, 'down']);
  await docker.getImage(PARENT_IMAGE).remove().catch(() => undefined);
});

it('classic link env is byte-identical to docker run --link, apart from the IP', async () => {
  await hitchOk(['-f', FILE, 'up']); // builds the parent's image, which the oracle then runs too
  const actual = withoutIps(withPrefix(await envOf(PARENT), 'DOCKER_'));
  await hitchOk(['-f', FILE, 'down']); // the oracle's containers take the same names
  const expected = withoutIps(withPrefix(await oracleEnv(), 'DOCKER_'));
  expect(Object.keys(expected).length).toBeGreaterThan(40); // the oracle really produced the whole set
  expect([expected.DOCKER_PORT, expected.DOCKER_ENV_PASSWORD]).toEqual(['from-image', 'from-image']);
  expect(actual).toEqual(expected);
});
