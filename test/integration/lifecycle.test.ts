// up → restart a child → up again → down, on one stack: what a user does in a day.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, execIn, FIXTURES, hitch, hitchOk, ipOf, labelled, requireEngine, until } from './helpers.js';

const FILE = `${FIXTURES}/lifecycle/hitch.yaml`;
const P = 'it-lifecycle';
const NET = `${P}-hitch`;
const CONTAINERS = [`${P}-api`, `${P}-api-sandbox`, `${P}-cache`, `${P}-cache-sandbox`, `${P}-web`, `${P}-web-sandbox`];

async function ids(): Promise<Record<string, string>> {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hitch.project=${P}`] } });
  return Object.fromEntries(list.map((c) => [c.Names[0].slice(1), c.Id]));
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-f', FILE, 'down', '-v']);
  await hitchOk(['-f', FILE, 'up']);
});

afterAll(async () => {
  await hitchOk(['-f', FILE, 'down', '-v']);
});

describe('up', () => {
  it('creates a sandbox and a service container per service, the network and the named volume', async () => {
    expect(await labelled(P)).toEqual({ containers: CONTAINERS, networks: [NET], volumes: [`${P}_cachedata`] });
  });

  it('labels every container with its project, service and role', async () => {
    const list = await docker.listContainers({ all: true, filters: { label: [`io.hitch.project=${P}`] } });
    const labels = list
      .map((c) => [c.Names[0].slice(1), c.Labels['io.hitch.service'], c.Labels['io.hitch.role']].join(' '))
      .sort();
    expect(labels).toEqual([
      `${P}-api api service`,
      `${P}-api-sandbox api sandbox`,
      `${P}-cache cache service`,
      `${P}-cache-sandbox cache sandbox`,
      `${P}-web web service`,
      `${P}-web-sandbox web sandbox`,
    ]);
  });

  it('joins each service container to its sandbox namespace', async () => {
    const info = await docker.getContainer(`${P}-web`).inspect();
    const sandbox = await docker.getContainer(`${P}-web-sandbox`).inspect();
    expect(info.HostConfig.NetworkMode).toBe(`container:${sandbox.Id}`);
  });

  it("writes one hosts line per link into the parent, sorted by alias", async () => {
    const [api, cache] = [await ipOf(`${P}-api-sandbox`, NET), await ipOf(`${P}-cache-sandbox`, NET)];
    const hosts = (await execIn(`${P}-web`, ['cat', '/etc/hosts'])).output.split('\n');
    expect(hosts.filter((l) => l.startsWith(`${api}\t`) || l.startsWith(`${cache}\t`))).toEqual([
      `${api}\tapi ${P}-api`,
      `${cache}\tstore cache ${P}-cache`,
    ]);
  });

  it('publishes ports on the sandbox, visible in ps', async () => {
    const res = await hitchOk(['-f', FILE, '--json', 'ps']);
    const rows = JSON.parse(res.stdout) as Array<{ service: string; ports: unknown[]; links: string[] }>;
    const web = rows.find((r) => r.service === 'web')!;
    const hostPort = Number((await docker.getContainer(`${P}-web-sandbox`).inspect()).NetworkSettings.Ports['8000/tcp']![0]!.HostPort);
    expect(web.links).toEqual(['api', 'cache']);
    expect(web.ports).toEqual([{ containerPort: 8000, proto: 'tcp', hostIp: '127.0.0.1', hostPort, address: `127.0.0.1:${hostPort}` }]);
  });
});

describe('a child restarts', () => {
  it('keeps the parent reaching it by alias and by the env address', async () => {
    await docker.getContainer(`${P}-cache`).restart({ t: 1 });
    const byAlias = ['sh', '-c', 'redis-cli -h store ping'];
    const byEnv = ['sh', '-c', 'redis-cli -h "$STORE_PORT_6379_TCP_ADDR" -p "$STORE_PORT_6379_TCP_PORT" ping'];
    await until('cache back after restart', async () => ((await execIn(`${P}-web`, byAlias)).output === 'PONG\n' ? true : undefined));
    expect(await execIn(`${P}-web`, byAlias)).toEqual({ exitCode: 0, output: 'PONG\n' });
    expect(await execIn(`${P}-web`, byEnv)).toEqual({ exitCode: 0, output: 'PONG\n' });
  });
});

describe('up again on an unchanged manifest', () => {
  it('changes nothing', async () => {
    const before = await ids();
    const res = await hitchOk(['-f', FILE, '--json', 'up']);
    const summary = JSON.parse(res.stdout).summary;
    expect({ created: summary.created, recreated: summary.recreated, unchanged: summary.unchanged }).toEqual({
      created: [],
      recreated: [],
      unchanged: ['api', 'cache', 'web'],
    });
    expect(await ids()).toEqual(before);
  });
});

describe('an invalid manifest', () => {
  it('exits 2 with positions and creates nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hitch-invalid-'));
    const file = join(dir, 'hitch.yaml');
    await writeFile(file, 'name: it-invalid\nservices:\n  web:\n    image: hitch-test/busybox:1\n    link: nothere\n');
    const res = await hitch(['-f', file, 'up']);
    expect({ code: res.code, stderr: res.stderr }).toEqual({
      code: 2,
      stderr: `${file}:5:11: service "web" links to "nothere", which the manifest does not have; add the service "nothere", or a container hitch does not manage with external_links\n`,
    });
    expect(await labelled('it-invalid')).toEqual({ containers: [], networks: [], volumes: [] });
  });
});

describe('down', () => {
  it('removes containers and network, keeps the named volume, and can run twice', async () => {
    await hitchOk(['-f', FILE, 'down']);
    expect(await labelled(P)).toEqual({ containers: [], networks: [], volumes: [`${P}_cachedata`] });
    await hitchOk(['-f', FILE, 'down']);
  });

  it('removes the named volume with -v', async () => {
    await hitchOk(['-f', FILE, 'down', '-v']);
    expect(await labelled(P)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
