// Issue 7, daemon restart: with a stack up (restart: unless-stopped), dockerd stops and starts again, as
// on an upgrade or a reboot. The engine restarts every container itself, in an order of its own: a service
// container it tries before its sandbox fails ("cannot join network of a non running container") and is
// not retried. `hitch up` starts exactly those (their sandbox keeps its id, so no recreation is needed),
// and `check` proves the connectivity matrix. This file runs alone (vitest project "daemon", after all
// others): while dockerd is down, every other client of the engine is cut off.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, FIXTURES, hitch, hitchOk, requireEngine, ROOT, until } from '../helpers.js';

const FILE = `${FIXTURES}/reliability-daemon/hitch.yaml`;
const P = 'it-rel-daemon';
const SERVICES = ['db', 'lonely', 'web', 'worker'];

/** name → { id, running } of every container of the project. */
async function containers(): Promise<Record<string, { id: string; running: boolean }>> {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hitch.project=${P}`] } });
  const entries = list.map((c) => [c.Names[0]!.slice(1), { id: c.Id, running: c.State === 'running' }] as const);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-f', FILE, 'down']);
  await hitchOk(['-f', FILE, 'up']);
});

afterAll(async () => {
  await hitchOk(['-f', FILE, 'down']);
});

describe('dockerd restarts under a running stack', () => {
  it('comes back whole after up, which starts only what the engine could not, and recreates nothing', async () => {
    const before = await containers();
    expect(Object.values(before).filter((c) => c.running)).toHaveLength(2 * SERVICES.length);

    await promisify(execFile)('bash', [`${ROOT}/scripts/restart-engine.sh`], { timeout: 240_000 });
    // the engine answers once its restore is done: whatever is not running now stays so
    const after = await until('every sandbox running again', async () => {
      const now = await containers();
      return SERVICES.every((s) => now[`${P}-${s}-sandbox`]?.running) ? now : undefined;
    });
    const ids = (list: typeof before) => Object.fromEntries(Object.entries(list).map(([name, c]) => [name, c.id]));
    expect(ids(after)).toEqual(ids(before));
    const stopped = SERVICES.filter((s) => !after[`${P}-${s}`]!.running);

    const up = JSON.parse((await hitchOk(['-f', FILE, '--json', 'up'])).stdout).summary;
    expect({ created: up.created, recreated: up.recreated, started: up.started, unchanged: up.unchanged }).toEqual({
      created: [],
      recreated: [],
      started: stopped,
      unchanged: SERVICES.filter((s) => !stopped.includes(s)),
    });
    console.log(`after the restart the engine left stopped: ${stopped.join(', ') || 'none'}; hitch up started exactly those`);
    const check = await hitch(['-f', FILE, 'check']);
    expect({ code: check.code, verdict: check.stdout.trimEnd().split('\n').at(-1) }).toEqual({
      code: 0,
      verdict: `check ${P}: all 27 probes as the links allow`,
    });
    expect(await containers()).toEqual(before);
  });
});
