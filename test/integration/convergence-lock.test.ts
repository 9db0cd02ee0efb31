// Issue 4, concurrency: two `hitch up`/`down`/`restart` on one project never interleave (the second waits,
// saying so, or gives up clearly), and two projects with the same service names never touch each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, hitch, hitchOk, requireEngine, until } from './helpers.js';
import { containerIds, leftovers, spawnHitch, writeManifest, type ServiceYaml } from './convergence-helpers.js';

const P = 'it-conv-lock';
const TWINS = ['it-conv-twin-a', 'it-conv-twin-b'];
const LOCK = `hitch-lock-${P}`;
// the child listens after 3 s, so the first `up` holds the lock at least that long
const services: Record<string, ServiceYaml> = {
  slow: { image: 'hitch-test/busybox:1', command: ['sh', '-c', 'sleep 3; exec httpd -f -p 80'], expose: ['80'], stop_signal: 'SIGKILL' },
  web: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], link: 'slow', stop_signal: 'SIGKILL' },
};

const HOLDER = `hitch up \\(pid \\d+ on \\S+\\) since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z`;

/** What `hitch ARGS` (with --lock-timeout 1) says on stderr when the lock stays held: to run ARGS again. */
function gaveUpAfter1s(args: string[]): RegExp {
  const again = `hitch ${args.join(' ')}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `^project ${P} is busy: ${HOLDER}; waiting up to 1s\\n` +
      `hitch: project ${P} is busy: ${HOLDER}; gave up after 1s\\n` +
      `  to fix: wait for it to finish and run \`${again}\` again, or raise --lock-timeout; if no such hitch is running, remove the lock with \`docker rm -f ${LOCK}\`\\n$`,
  );
}

/** The lock is taken when its container exists: it starts only after 5 s of work (START_DELAY_MS). */
async function lockTaken(): Promise<true | undefined> {
  return (await docker.getContainer(LOCK).inspect().catch(() => undefined)) ? true : undefined;
}

beforeAll(async () => {
  await requireEngine();
  await Promise.all([P, ...TWINS].map((p) => hitch(['-p', p, 'down', '-v'])));
});

afterAll(async () => {
  await Promise.all([P, ...TWINS].map((p) => hitchOk(['-p', p, 'down', '-v'])));
});

describe('one project, two commands at once', () => {
  it('the second gives up clearly after --lock-timeout; another waits, then finds nothing to do', async () => {
    const file = await writeManifest(P, services);
    const first = spawnHitch(['-f', file, '--json', 'up']);
    await until('the first up holds the lock', lockTaken);
    const impatientArgs = ['-f', file, 'up', '--lock-timeout', '1'];
    const impatient = await hitch(impatientArgs);
    const patient = await hitch(['-f', file, '--json', 'up']);
    const firstDone = await first.done;

    expect(impatient.code).toBe(1);
    expect(impatient.stderr).toMatch(gaveUpAfter1s(impatientArgs));
    expect(patient.stderr).toMatch(new RegExp(`^project ${P} is busy: ${HOLDER}; waiting up to 300s\\n$`));
    const summaries = [firstDone, patient].map((r) => {
      const { ok, summary } = JSON.parse(r.stdout);
      return { ok, created: summary.created, unchanged: summary.unchanged };
    });
    expect(summaries).toEqual([
      { ok: true, created: ['slow', 'web'], unchanged: [] },
      { ok: true, created: [], unchanged: ['slow', 'web'] },
    ]);
  });

  it('down waits for a running up too, and leaves nothing behind, the lock included', async () => {
    await hitchOk(['-p', P, 'down', '-v']);
    const file = await writeManifest(P, services);
    const first = spawnHitch(['-f', file, 'up']);
    await until('the up holds the lock', lockTaken);
    const down = await hitch(['-f', file, 'down', '-v']);
    expect((await first.done).code).toBe(0);
    expect(down.code).toBe(0);
    expect(down.stderr.split('\n')[0]).toMatch(new RegExp(`^project ${P} is busy: ${HOLDER}; waiting up to 300s$`));
    expect(await leftovers(P)).toEqual([]);
  });

  it('restart, stop, start and down take the lock too: --lock-timeout makes each give up, naming the command line to run again', async () => {
    await hitchOk(['-p', P, 'down', '-v']);
    // the up holds the lock 6 s: long enough for four commands to start, wait 1 s and give up
    const file = await writeManifest(P, { ...services, slow: { ...services.slow, command: ['sh', '-c', 'sleep 6; exec httpd -f -p 80'] } });
    const first = spawnHitch(['-f', file, 'up']);
    await until('the up holds the lock', lockTaken);
    const lines = [
      ['-f', file, 'restart', '--lock-timeout', '1', 'web'],
      ['-p', P, 'stop', '-t', '1', '--lock-timeout', '1', 'web', 'slow'],
      ['-f', file, 'start', '--lock-timeout', '1', 'web'],
      ['-p', P, 'down', '--lock-timeout', '1'],
    ];
    const refused = await Promise.all(lines.map((args) => hitch(args)));
    expect((await first.done).code).toBe(0);
    refused.forEach((r, i) => {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(gaveUpAfter1s(lines[i]!));
    });
  });
});

describe('the lock container', () => {
  it('stays created for a short command, and starts once the work has run 5 s: a dead holder is then seen from any host', async () => {
    await hitchOk(['-p', P, 'down', '-v']);
    const seven: Record<string, ServiceYaml> = { ...services, slow: { ...services.slow, command: ['sh', '-c', 'sleep 7; exec httpd -f -p 80'] } };
    const file = await writeManifest(P, seven);
    const first = spawnHitch(['-f', file, 'up']);
    await until('the up holds the lock', lockTaken);
    const early = await docker.getContainer(LOCK).inspect();
    await until('the lock runs', async () => ((await docker.getContainer(LOCK).inspect()).State.Running ? true : undefined), 10_000);
    const running = await docker.getContainer(LOCK).inspect();
    expect((await first.done).code).toBe(0);

    expect(early.State.Status).toBe('created');
    const startedAfter = Date.parse(running.State.StartedAt) - Date.parse(running.Created);
    expect(startedAfter).toBeGreaterThanOrEqual(5000);
    expect(startedAfter).toBeLessThan(7000); // while the child still sleeps: the work was not over
    expect(await lockTaken()).toBeUndefined();
  });
});

describe('two projects with the same service names', () => {
  it('up at once, then down of one leaves the other untouched', async () => {
    const file = await writeManifest('it-conv-twin', { ...services, slow: { ...services.slow, command: ['httpd', '-f', '-p', '80'] } });
    const ups = await Promise.all(TWINS.map((p) => hitch(['-f', file, '-p', p, 'up'])));
    expect(ups.map((r) => (r.code === 0 ? 'ok' : r.stderr))).toEqual(['ok', 'ok']);
    const b = await containerIds(TWINS[1]!);
    await hitchOk(['-f', file, '-p', TWINS[0]!, 'down', '-v']);
    expect(await leftovers(TWINS[0]!)).toEqual([]);
    expect(await containerIds(TWINS[1]!)).toEqual(b);
    const running = await Promise.all(Object.values(b).map(async (id) => (await docker.getContainer(id).inspect()).State.Running));
    expect(running).toEqual([true, true, true, true]);
  });
});
