// A crash-looping service (`restart: always`, `unless-stopped`) spends most of its time in the engine's
// `restarting` state, between two starts of its restart policy. `ps` says so; `up` leaves it to the
// engine, so a second `up` plans nothing; `stop` really stops it (the engine's stop ends the restart
// loop); `restart` stops and starts it. One project per scenario.
import { afterEach, describe, expect, it } from 'vitest';
import { writeManifest } from './convergence-helpers.js';
import { docker, hitch, hitchOk, requireEngine, until } from './helpers.js';

const CRASHING = { image: 'hitch-test/busybox:1', command: ['sh', '-c', 'echo started; exit 4'] };
const used: string[][] = [];

/** A project of one crash-looping service `unl` with the given restart policy, up, caught restarting. */
async function crashLooping(project: string, restart: string): Promise<string[]> {
  await requireEngine();
  const h = ['-f', await writeManifest(project, { unl: { ...CRASHING, restart } })];
  used.push(h);
  await hitch([...h, 'down']);
  await hitchOk([...h, 'up']);
  await until('unl restarting', async () => ((await state(`${project}-unl`)).Restarting || undefined));
  return h;
}

async function state(container: string) {
  return (await docker.getContainer(container).inspect()).State;
}

async function psState(h: string[]): Promise<{ state: string; status: string }> {
  const [row] = JSON.parse((await hitchOk([...h, '--json', 'ps'])).stdout) as Array<{ state: string; status: string }>;
  return { state: row!.state, status: row!.status.replace(/\(\d+\).*/, '(N)') };
}

afterEach(async () => {
  for (const h of used.splice(0)) await hitchOk([...h, 'down']);
});

describe('a crash-looping service', () => {
  it('ps --json says restarting, as the engine does', async () => {
    const h = await crashLooping('it-restarting-ps', 'always');
    // caught restarting, not in the instant it runs
    const seen = await until('ps restarting', async () => {
      const row = await psState(h);
      return row.state === 'restarting' ? row : undefined;
    });
    expect(seen).toEqual({ state: 'restarting', status: 'Restarting (N)' });
  });

  it('stop stops it: exited, and it stays so (its restart policy starts it no more)', async () => {
    const h = await crashLooping('it-restarting-stop', 'unless-stopped');
    expect(await hitch([...h, 'stop'])).toEqual({ code: 0, stdout: '', stderr: '✔ stopped unl\n' });
    for (const name of ['it-restarting-stop-unl', 'it-restarting-stop-unl-sandbox']) {
      const { Status, Running, Restarting } = await state(name);
      expect({ Status, Running, Restarting }).toEqual({ Status: 'exited', Running: false, Restarting: false });
    }
    const startedAt = (await state('it-restarting-stop-unl')).StartedAt;
    await new Promise((r) => setTimeout(r, 3000));
    const later = await state('it-restarting-stop-unl');
    expect({ status: later.Status, startedAt: later.StartedAt }).toEqual({ status: 'exited', startedAt });
    expect(await psState(h)).toEqual({ state: 'stopped', status: 'Exited (N)' });
  });

  it('restart stops and starts it: it ran again, and its policy goes on', async () => {
    const h = await crashLooping('it-restarting-restart', 'unless-stopped');
    const before = (await state('it-restarting-restart-unl')).StartedAt;
    expect(await hitch([...h, 'restart'])).toEqual({ code: 0, stdout: '', stderr: '✔ restarted unl\n' });
    const after = await state('it-restarting-restart-unl');
    expect(Date.parse(after.StartedAt) > Date.parse(before)).toBe(true);
    expect((await state('it-restarting-restart-unl-sandbox')).Status).toBe('running');
    await until('unl restarting again', async () => ((await state('it-restarting-restart-unl')).Restarting || undefined));
  });

  it('up twice: the second plans nothing, and plan agrees, whenever they look', async () => {
    const h = await crashLooping('it-restarting-up', 'always');
    for (let i = 0; i < 3; i++) {
      const plan = JSON.parse((await hitchOk([...h, '--json', 'plan'])).stdout) as { actions: unknown[] };
      expect(plan.actions).toEqual([]);
      const up = JSON.parse((await hitchOk([...h, '--json', 'up'])).stdout) as { ok: boolean; summary: { started: string[]; restarted: string[]; unchanged: string[] } };
      expect({ ok: up.ok, started: up.summary.started, restarted: up.summary.restarted, unchanged: up.summary.unchanged }).toEqual({ ok: true, started: [], restarted: [], unchanged: ['unl'] });
      await new Promise((r) => setTimeout(r, 300));
    }
  });
});
