// When a project's lock is held and when it is stale, as a table over the lock's state, its owner label
// and the host that looks: its name, its process table, its clock and which of its pids are alive.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isHeld, ownerLabel, ownerOf, pidAlive, processTable, START_GRACE_MS, type Here, type LockState } from '../../../src/engine/lock-owner.js';

const CREATED = '2026-11-23T10:00:00.000Z';
const T0 = Date.parse(CREATED);
const ALIVE = 4242; // on host vm; every other pid of vm is gone
const PIDS = 'b00t pid:[4026531836]'; // vm's process table
const here: Here = { now: T0 + 1000, host: 'vm', pids: PIDS, alive: (pid) => pid === ALIVE };

const running = (owner?: string, pids = PIDS): LockState => ({ running: true, status: 'running', created: CREATED, owner, pids });
const notStarted = (owner?: string, pids = PIDS): LockState => ({ running: false, status: 'created', created: CREATED, owner, pids });
const exited = (owner?: string, pids = PIDS): LockState => ({ running: false, status: 'exited', created: CREATED, owner, pids });

describe('isHeld', () => {
  it.each([
    // [what, lock, held]
    ['started, owner of this host gone', running('hitch up (pid 14970 on vm)'), false],
    ['not started, owner of this host gone', notStarted('hitch up (pid 14970 on vm)'), false],
    ['started, owner of this host alive', running(`hitch up (pid ${ALIVE} on vm)`), true],
    ['not started, owner of this host alive', notStarted(`hitch down (pid ${ALIVE} on vm)`), true],
    ['exited, owner of this host alive (its pid reused): stale as before', exited(`hitch up (pid ${ALIVE} on vm)`), false],
    ['started, owner on another host', running('hitch up (pid 14970 on laptop)'), true],
    ['not started, owner on another host', notStarted('hitch up (pid 14970 on laptop)'), true],
    ['exited, owner on another host', exited('hitch up (pid 14970 on laptop)'), false],
    ['another host whose name only starts like ours', notStarted('hitch up (pid 14970 on vm2)'), true],
    // a host name is no proof: containers run with the host's network share it, each with its own pids
    ['started, owner of this host name in another pid namespace', running('hitch up (pid 14970 on vm)', 'b00t pid:[4026532999]'), true],
    ['not started, owner of this host name in another pid namespace', notStarted('hitch up (pid 14970 on vm)', 'b00t pid:[4026532999]'), true],
    ['not started, owner of another machine of the same name', notStarted('hitch up (pid 14970 on vm)', 'other-boot pid:[4026531836]'), true],
    ['not started, owner of this host name with no process table recorded (an older hitch)', { ...notStarted('hitch up (pid 14970 on vm)'), pids: undefined }, true],
  ] as const)('%s', (_what, lock, held) => {
    expect(isHeld(lock, here)).toBe(held);
  });

  it('where neither side knows its process table (not Linux), the host name decides alone', () => {
    const lock: LockState = { ...notStarted('hitch up (pid 14970 on vm)'), pids: undefined };
    expect([isHeld(lock, { ...here, pids: undefined }), isHeld(lock, here)]).toEqual([false, true]);
  });

  it('a host name with spaces and parentheses is compared whole', () => {
    const box = { ...here, host: 'my (old) box' };
    expect([isHeld(notStarted('hitch restart (pid 14970 on my (old) box)'), box), isHeld(notStarted(`hitch up (pid ${ALIVE} on my (old) box)`), box)]).toEqual([false, true]);
  });

  // A label in another form says nothing of its owner: the lock is held while it runs or may still start.
  it.each([
    ['no owner label', undefined],
    ['an empty one', ''],
    ['no pid', 'hitch up (on vm)'],
    ['a pid that is no number', 'hitch up (pid 14x70 on vm)'],
    ['pid 0 (kill(0) would signal our own process group)', 'hitch up (pid 0 on vm)'],
    ['a negative pid (kill(-1) would signal every process)', 'hitch up (pid -1 on vm)'],
    ['a pid of ten digits', 'hitch up (pid 4294967297 on vm)'],
    ['no host', 'hitch up (pid 14970 on )'],
    ['text after it', 'hitch up (pid 14970 on vm) by ci'],
    ['another writer', 'someone (pid 14970 on vm)'],
  ] as const)('%s: the rules of time and state only', (_what, owner) => {
    expect([isHeld(running(owner), here), isHeld(notStarted(owner), here), isHeld(exited(owner), here)]).toEqual([true, true, false]);
  });

  it(`a lock not started is held for ${START_GRACE_MS / 1000}s after its create when its owner cannot be seen, then stale`, () => {
    const lock = notStarted('hitch up (pid 14970 on laptop)');
    const at = (ms: number) => isHeld(lock, { ...here, now: T0 + ms });
    expect([at(0), at(START_GRACE_MS - 1), at(START_GRACE_MS), at(START_GRACE_MS + 60_000)]).toEqual([true, true, false, false]);
  });
});

describe('ownerOf', () => {
  it('reads back what ownerLabel writes', () => {
    expect(ownerLabel('up', 14970, 'vm')).toBe('hitch up (pid 14970 on vm)');
    expect(ownerOf(ownerLabel('restart', 7, 'my (old) box'))).toEqual({ pid: 7, host: 'my (old) box' });
  });
});

describe('processTable, on this machine', () => {
  it("names this boot and this process's pid namespace, the same for each call", () => {
    expect(processTable()).toMatch(/^[0-9a-f-]{36} pid:\[\d+\]$/);
    expect(processTable()).toBe(processTable());
  });
});

describe('pidAlive, on the real process table', () => {
  it('this process is alive; pid 1 too, even when it is not ours to signal (EPERM)', () => {
    expect([pidAlive(process.pid), pidAlive(1)]).toEqual([true, true]);
  });

  it('a child that has exited and been reaped is not', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    expect(pidAlive(child.pid!)).toBe(false);
  });
});
