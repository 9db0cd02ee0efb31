// hitch never touches what it does not own, and says so when something of someone else's is in the way.
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, FIXTURES, hitch, hitchOk, labelled, requireEngine } from './helpers.js';

const FILE = `${FIXTURES}/ownership/hitch.yaml`;
const FOREIGN = 'it-own-foreign';
const SQUATTER = 'it-own-app'; // the name hitch would give service "app"

async function removeForeign(): Promise<void> {
  for (const name of [FOREIGN, SQUATTER]) await docker.getContainer(name).remove({ force: true }).catch(() => {});
}

async function startForeign(name = FOREIGN): Promise<Docker.Container> {
  const c = await docker.createContainer({ name, Image: 'hitch-test/busybox:1', Cmd: ['sleep', '100000'] });
  await c.start();
  return c;
}


beforeAll(async () => {
  await requireEngine();
  await removeForeign();
  await hitch(['-f', FILE, 'down']);
});

afterAll(async () => {
  await removeForeign();
  await hitchOk(['-f', FILE, 'down']);
});

describe('down with a container hitch does not own on the network', () => {
  it('reports the active endpoint with a remedy and leaves the other container alone', async () => {
    await hitchOk(['-f', FILE, 'up']);
    const foreign = await startForeign();
    await docker.getNetwork('it-own-hitch').connect({ Container: FOREIGN });

    const res = await hitch(['-f', FILE, 'down']);
    expect(res.code).toBe(1);
    expect(res.stderr.split('\n').filter((l) => l.startsWith('failed:') || l.startsWith('  to fix:'))).toEqual([
      'failed: network (network): network it-own-hitch still has containers hitch does not manage attached: it-own-foreign',
      `  to fix: disconnect them (\`docker network disconnect it-own-hitch it-own-foreign\`), then run \`hitch -f ${FILE} down\` again`,
    ]);
    expect(await labelled('it-own')).toEqual({ containers: [], networks: ['it-own-hitch'], volumes: [] });
    const info = await foreign.inspect();
    expect({ running: info.State.Running, networks: Object.keys(info.NetworkSettings.Networks).sort() }).toEqual({
      running: true,
      networks: ['bridge', 'it-own-hitch'],
    });

    await docker.getNetwork('it-own-hitch').disconnect({ Container: FOREIGN });
    await hitchOk(['-f', FILE, 'down']);
    expect(await labelled('it-own')).toEqual({ containers: [], networks: [], volumes: [] });
    await removeForeign();
  });
});

describe('the network name taken by a network hitch does not own', () => {
  it('fails clearly, creates nothing, and leaves the other network as it was', async () => {
    const foreign = await docker.createNetwork({ Name: 'it-own-hitch' });
    try {
      const res = await hitch(['-f', FILE, 'up']);
      expect([res.code, res.stderr.split('\n').filter((l) => l.startsWith('failed:') || l.startsWith('  to fix:'))]).toEqual([
        1,
        [
          'failed: network (network): network name "it-own-hitch" is already in use by a network hitch does not manage',
          '  to fix: rename or remove that network (`docker network rm it-own-hitch`), or give the project another name (`name:` or -p)',
        ],
      ]);
      expect(await labelled('it-own')).toEqual({ containers: [], networks: [], volumes: [] });
      expect((await foreign.inspect()).Id).toBe(foreign.id);
    } finally {
      await foreign.remove();
    }
  });
});

describe('a container name taken by something hitch does not own', () => {
  it('fails clearly and leaves the other container as it was', async () => {
    const foreign = await startForeign(SQUATTER);
    const before = await foreign.inspect();
    const res = await hitch(['-f', FILE, 'up']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/container name "it-own-app" is already in use by a container hitch does not manage/);
    const after = await foreign.inspect();
    expect({ id: after.Id, running: after.State.Running, labels: after.Config.Labels }).toEqual({
      id: before.Id,
      running: true,
      labels: before.Config.Labels,
    });
    await foreign.remove({ force: true });
  });
});
