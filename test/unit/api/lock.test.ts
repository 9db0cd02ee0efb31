// withProjectLock against a fake engine: acquire, release, wait, stale locks, failures on either side.
import { describe, expect, it } from 'vitest';
import { withProjectLock } from '../../../src/api/lock.js';
import type { Engine, LockAttempt } from '../../../src/engine/engine.js';
import { UserError } from '../../../src/user-error.js';

const HOLDER = { 'io.hitch.lock.owner': 'hitch up (pid 7 on box)', 'io.hitch.lock.since': '2026-11-23T10:00:00.000Z' };

/** Answers tryLock from a script of attempts; counts releases. */
function fakeEngine(script: Array<'free' | 'held' | 'stale' | 'free-but-release-fails'>) {
  let releases = 0;
  let calls = 0;
  const engine = {
    async tryLock(): Promise<LockAttempt> {
      const step = script[Math.min(calls++, script.length - 1)];
      if (step === 'held') return { acquired: false, holder: HOLDER };
      if (step === 'stale') return { acquired: false };
      return {
        acquired: true,
        release: async () => {
          releases++;
          if (step === 'free-but-release-fails') throw new Error('engine went away');
        },
      };
    },
  } as unknown as Engine;
  return { engine, releases: () => releases, calls: () => calls };
}

describe('withProjectLock', () => {
  it('runs the work holding the lock, then releases it', async () => {
    const f = fakeEngine(['free']);
    expect(await withProjectLock(f.engine, 'shop', 'up', {}, async () => 42)).toBe(42);
    expect(f.releases()).toBe(1);
  });

  it('releases it when the work fails, and the failure comes through', async () => {
    const f = fakeEngine(['free']);
    await expect(withProjectLock(f.engine, 'shop', 'up', {}, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(f.releases()).toBe(1);
  });

  it("a lock that cannot be removed does not hide the work's result: it is reported", async () => {
    const f = fakeEngine(['free-but-release-fails']);
    const notices: string[] = [];
    expect(await withProjectLock(f.engine, 'shop', 'up', { onReleaseError: (m) => notices.push(m) }, async () => 'done')).toBe('done');
    expect(notices).toEqual(['could not remove the lock hitch-lock-shop: engine went away']);
  });

  it('tries again after a stale lock was cleared', async () => {
    const f = fakeEngine(['stale', 'free']);
    expect(await withProjectLock(f.engine, 'shop', 'up', {}, async () => 'ok')).toBe('ok');
    expect(f.calls()).toBe(2);
  });

  it('waits while held, saying who holds it once, and gets it when freed', async () => {
    const f = fakeEngine(['held', 'held', 'free']);
    const waits: string[] = [];
    expect(await withProjectLock(f.engine, 'shop', 'down', { onWait: (m) => waits.push(m) }, async () => 'ok')).toBe('ok');
    expect(waits).toEqual(['project shop is busy: hitch up (pid 7 on box) since 2026-11-23T10:00:00.000Z; waiting up to 300s']);
  });

  it('gives up after the timeout with who holds it and a remedy', async () => {
    const f = fakeEngine(['held']);
    const err = await withProjectLock(f.engine, 'shop', 'up', { timeoutMs: 250 }, async () => 'never').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect([(err as UserError).message, (err as UserError).remedy]).toEqual([
      'project shop is busy: hitch up (pid 7 on box) since 2026-11-23T10:00:00.000Z; gave up after 0.25s',
      'wait for it to finish and run `hitch up` again, or raise --lock-timeout; if no such hitch is running, remove the lock with `docker rm -f hitch-lock-shop`',
    ]);
  });
});
