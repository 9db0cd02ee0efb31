// A crash-looping service (`restart: always`, `unless-stopped`) spends most of its time in the engine's
// `restarting` state, between two starts of its restart policy. `ps` says so; `up` leaves it to the
// engine, so a second `up` plans nothing; `stop` really stops it (the engine's stop ends the restart
// loop); `restart` stops and starts it. A sandbox that keeps restarting is another matter: nothing can
// start or probe in it, and a plan or a check that needs that is refused before anything runs. One
// project per scenario.
import { afterEach, describe, expect, it } from 'vitest';
import { containerIds, writeManifest } from './convergence-helpers.js';
import { docker, execIn, hitch, hitchOk, requireEngine, until } from './helpers.js';
import { documentOf } from './json-schemas.js';

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
  const [row] = documentOf('ps', (await hitchOk([...h, '--json', 'ps'])).stdout) as Array<{ state: string; status: string }>;
  return { state: row!.state, status: row!.status.replace(/\(\d+\).*/, '(N)') };
}

/**
 * A project of two services, `web` linking `db`, each under `restart: always`, up; then `service`'s
 * container is stopped and its sandbox made to crash-loop: `hitch-sandbox run` finds no iptables (moved
 * aside in the container's own filesystem) and exits 1, each time its policy starts it.
 */
async function brokenSandbox(project: string, service: string): Promise<string[]> {
  await requireEngine();
  const served = { image: 'hitch-test/busybox:1', command: ['httpd', '-f', '-p', '5432'], expose: ['5432'], restart: 'always', stop_signal: 'SIGKILL' };
  const h = ['-f', await writeManifest(project, { db: served, web: { ...served, expose: [], link: 'db' } })];
  used.push(h);
  await hitch([...h, 'down']);
  await hitchOk([...h, 'up']);
  await docker.getContainer(`${project}-${service}`).stop();
  // TERM to the sandbox's PID 1: it exits 0, and its policy starts it again, now without iptables
  await execIn(`${project}-${service}-sandbox`, ['sh', '-c', 'mv /usr/sbin/iptables /usr/sbin/iptables.off && kill 1']);
  return h;
}

/**
 * Once its sandbox is caught between two starts for a while yet: its seventh run or a later one ended
 * under 2 s ago, and its policy waits twice as long before each start (6.4 s after the seventh), so a
 * command run now observes it restarting throughout, as a sandbox that crash-loops is most of the time.
 */
async function restartingAWhile(project: string, service: string): Promise<void> {
  await until(`${service}'s sandbox restarting for a while`, async () => {
    const { State, RestartCount } = await docker.getContainer(`${project}-${service}-sandbox`).inspect();
    return (State.Restarting && State.ExitCode === 1 && RestartCount >= 7 && Date.now() - Date.parse(State.FinishedAt) < 2000) || undefined;
  }, 40_000);
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
      const up = documentOf('up', (await hitchOk([...h, '--json', 'up'])).stdout) as { ok: boolean; summary: { started: string[]; restarted: string[]; unchanged: string[] } };
      expect({ ok: up.ok, started: up.summary.started, restarted: up.summary.restarted, unchanged: up.summary.unchanged }).toEqual({ ok: true, started: [], restarted: [], unchanged: ['unl'] });
      await new Promise((r) => setTimeout(r, 300));
    }
  });
});

describe('a stopped service whose sandbox keeps restarting', () => {
  it('up, plan and start exit 1 before anything runs, naming the sandbox and its last exit code; the way out they name converges', async () => {
    const P = 'it-restarting-sandbox';
    const h = await brokenSandbox(P, 'db');
    const refused = {
      code: 1,
      stdout: '',
      stderr:
        `hitch: the sandbox of db keeps restarting, and this plan needs it running: ${P}-db-sandbox (db's container starts in it; its last run exited with code 1)\n` +
        `  to fix: see why in \`docker logs ${P}-db-sandbox\`, then make it anew with \`hitch ${h.join(' ')} up --force-recreate --no-deps db\`\n`,
    };
    // the sandbox's own policy starts it meanwhile (the engine's events say so): hitch neither made,
    // removed nor started anything
    const before = { ids: await containerIds(P), db: await state(`${P}-db`) };
    const results: unknown[] = [];
    for (const command of ['up', 'plan', 'start']) {
      await restartingAWhile(P, 'db');
      results.push(await hitch([...h, command]));
    }
    expect(results).toEqual([refused, refused, refused]);
    expect({ ids: await containerIds(P), db: await state(`${P}-db`) }).toEqual(before);
    await hitchOk([...h, 'up', '--force-recreate', '--no-deps', 'db']);
    const up = documentOf('up', (await hitchOk([...h, '--json', 'up'])).stdout) as { summary: { unchanged: string[] } };
    expect(up.summary.unchanged).toEqual(['db', 'web']);
  });
});

describe('a parent whose sandbox keeps restarting', () => {
  it("up refuses the probe of its child it would run there, and check refuses to probe, each naming the sandbox; the way out converges", async () => {
    const P = 'it-restarting-parent-sandbox';
    const h = await brokenSandbox(P, 'web');
    const remedy = `see why in \`docker logs ${P}-web-sandbox\`, then make it anew with \`hitch ${h.join(' ')} up --force-recreate --no-deps web\``;
    await restartingAWhile(P, 'web');
    expect(await hitch([...h, 'up'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hitch: the sandbox of web keeps restarting, and this plan needs it running: ${P}-web-sandbox (it probes db for web, web's container starts in it; its last run exited with code 1)\n  to fix: ${remedy}\n`,
    });
    await restartingAWhile(P, 'web');
    expect(await hitch([...h, 'check'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hitch: cannot check project ${P}: probes run in every sandbox, and the sandbox of web keeps restarting: ${P}-web-sandbox (its last run exited with code 1)\n  to fix: ${remedy}, then run \`hitch ${h.join(' ')} check\` again\n`,
    });
    await hitchOk([...h, 'up', '--force-recreate', '--no-deps', 'web']);
    await hitchOk([...h, 'check']);
  });
});
