// The project's lock when its holder is interrupted or killed: SIGINT and SIGTERM remove it before hitch
// exits; a lock whose owner was a process of this host that is gone (SIGKILL: no handler ran) is taken at
// once by the next command, started or not, where a lock not started was held for 30 s. Each scenario
// that expects a wait gives `--lock-timeout`, so a lock wrongly held fails in seconds, not in 30.
import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processTable } from '../../src/engine/lock-owner.js';
import { docker, hitch, hitchOk, requireEngine, until } from './helpers.js';
import { leftovers, spawnHitch, writeManifest, type ServiceYaml } from './convergence-helpers.js';

const SIGNALLED = 'it-lock-signal';
const LEFT = 'it-lock-left';
const lock = (project: string) => `hitch-lock-${project}`;
// the child listens after 3 s, so an `up` holds the lock at least that long
const services: Record<string, ServiceYaml> = {
  slow: { image: 'hitch-test/busybox:1', command: ['sh', '-c', 'sleep 3; exec httpd -f -p 80'], expose: ['80'], stop_signal: 'SIGKILL' },
  web: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], link: 'slow', stop_signal: 'SIGKILL' },
};
const solo: Record<string, ServiceYaml> = { solo: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL' } };

async function lockExists(project: string): Promise<true | undefined> {
  return (await docker.getContainer(lock(project)).inspect()) ? true : undefined;
}

async function removeLock(project: string): Promise<void> {
  await docker.getContainer(lock(project)).remove({ force: true }).catch(() => {});
}

/**
 * `hitch ARGS`, killed with SIGKILL the moment the engine reports its lock's create: most often before
 * the lock's start, which would otherwise have let the next command see the holder gone.
 */
async function killedOnceLocked(project: string, args: string[]): Promise<string | null> {
  const events = (await docker.getEvents({ filters: { type: ['container'], event: ['create'], container: [lock(project)] } })) as NodeJS.ReadableStream & { destroy(): void };
  const { child, done } = spawnHitch(args);
  await new Promise((resolve) => events.once('data', resolve));
  child.kill('SIGKILL');
  events.destroy();
  return (await done).signal;
}

/** The pid of a process of this host that was killed (SIGKILL) and reaped: gone, as a killed hitch is. */
async function killedPid(): Promise<number> {
  const child = spawn('sleep', ['1000']);
  const gone = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await gone;
  return child.pid!;
}

/**
 * A lock as hitch takes it (src/engine/mutex.ts), owned by `pid` on `host` in the process table `pids`;
 * started, its `cat` runs (nothing is attached to close its stdin), else it stays created. The pid is
 * this process's while it lives.
 */
async function leaveLock(project: string, owner: { pid: number; host: string; pids: string }, started: boolean): Promise<void> {
  const container = await docker.createContainer({
    name: lock(project),
    Image: 'hitch/sandbox:4',
    Entrypoint: ['cat'],
    Cmd: [],
    OpenStdin: true,
    StdinOnce: true,
    AttachStdin: true,
    Labels: {
      'io.hitch.lock': project,
      'io.hitch.lock.owner': `hitch up (pid ${owner.pid} on ${owner.host})`,
      'io.hitch.lock.pids': owner.pids,
      'io.hitch.lock.since': '2026-11-23T10:00:00.000Z',
    },
    HostConfig: { NetworkMode: 'host', CapDrop: ['ALL'] },
  });
  if (started) await container.start();
}

/** What `hitch up` says and does after the lock was left: stderr's busy lines, and how it ended. */
async function upAfter(file: string, lockTimeout: string): Promise<{ code: number; busy: string[] }> {
  const res = await hitch(['-f', file, 'up', '--lock-timeout', lockTimeout]);
  const busy = res.stderr.split('\n').filter((l) => l.includes(' is busy: '));
  return { code: res.code, busy: busy.map((l) => l.replace(/ since \S+;/, ' since …;')) };
}

beforeAll(async () => {
  await requireEngine();
  await Promise.all([SIGNALLED, LEFT].map(async (p) => (await removeLock(p), hitch(['-p', p, 'down', '-v']))));
});

afterAll(async () => {
  await Promise.all([SIGNALLED, LEFT].map(async (p) => (await removeLock(p), hitchOk(['-p', p, 'down', '-v']))));
  expect([...(await leftovers(SIGNALLED)), ...(await leftovers(LEFT))]).toEqual([]);
});

describe('hitch up interrupted while it holds the lock', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: the lock is removed before hitch exits %i; the next up neither waits nor fails', async (signal, code) => {
    await hitchOk(['-p', SIGNALLED, 'down', '-v']);
    const file = await writeManifest(SIGNALLED, services);
    const { child, done } = spawnHitch(['-f', file, 'up']);
    await until('the up holds the lock', () => lockExists(SIGNALLED));
    child.kill(signal);
    const interrupted = await done;
    const locksLeft = (await leftovers(SIGNALLED)).filter((l) => l.startsWith(`container ${lock(SIGNALLED)}`));
    expect({
      code: interrupted.code,
      signal: interrupted.signal,
      said: interrupted.stderr.split('\n').filter((l) => l.startsWith('interrupted')),
      locksLeft,
    }).toEqual({
      code,
      signal: null,
      said: [`interrupted by ${signal}: removing the lock ${lock(SIGNALLED)} (interrupt again to exit at once)`],
      locksLeft: [],
    });
    expect(await upAfter(file, '5')).toEqual({ code: 0, busy: [] });
    await hitchOk(['-f', file, 'down', '-v']);
    expect(await leftovers(SIGNALLED)).toEqual([]);
  });
});

describe('a lock left by a process that is gone', () => {
  it('hitch up killed (SIGKILL, no handler) once it holds the lock: the next up takes it at once', async () => {
    await hitchOk(['-p', LEFT, 'down', '-v']);
    const file = await writeManifest(LEFT, services);
    expect(await killedOnceLocked(LEFT, ['-f', file, 'up'])).toBe('SIGKILL');
    expect(await upAfter(file, '5')).toEqual({ code: 0, busy: [] });
    await hitchOk(['-f', file, 'down', '-v']);
    expect(await leftovers(LEFT)).toEqual([]);
  });

  // Each row leaves a lock by hand, in the state a killed or live hitch leaves it, so that "not started"
  // does not depend on when a kill lands.
  const here = hostname();
  const ours = processTable()!; // hitch, run from here, shares this process's boot and pid namespace
  // another container with the host's network: the same host name, pids of its own
  const otherPids = ours.replace(/pid:\[\d+\]$/, 'pid:[1]');
  const busy = (pid: number, host: string) => [`project ${LEFT} is busy: hitch up (pid ${pid} on ${host}) since …; waiting up to 1s`, `hitch: project ${LEFT} is busy: hitch up (pid ${pid} on ${host}) since …; gave up after 1s`];
  it.each([
    ['owner of this host killed, lock not started: taken at once', 'killed', here, ours, false, 'taken'],
    ['owner of this host killed, lock started: taken at once', 'killed', here, ours, true, 'taken'],
    ['owner of this host alive, lock not started: held', 'alive', here, ours, false, 'held'],
    ['owner of this host alive, lock started: held', 'alive', here, ours, true, 'held'],
    ['owner on another host, lock not started: held (its process cannot be seen from here)', 'killed', 'elsewhere.invalid', ours, false, 'held'],
    ["owner of this host's name in another pid namespace, lock not started: held (its pid is not ours to look up)", 'killed', here, otherPids, false, 'held'],
  ] as const)('%s', async (_what, owner, host, pids, started, outcome) => {
    await removeLock(LEFT);
    await hitchOk(['-p', LEFT, 'down', '-v']);
    const file = await writeManifest(LEFT, solo);
    const pid = owner === 'killed' ? await killedPid() : process.pid;
    await leaveLock(LEFT, { pid, host, pids }, started);
    const after = await upAfter(file, '1');
    await removeLock(LEFT);
    expect(after).toEqual(outcome === 'taken' ? { code: 0, busy: [] } : { code: 1, busy: busy(pid, host) });
  });
});
