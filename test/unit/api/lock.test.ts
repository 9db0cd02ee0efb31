// withProjectLock against a fake engine: acquire, release, wait, stale locks, failures on either side,
// the deadline (on vitest's fake clock), and the release a signal asks for while the lock is held.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withProjectLock, type HeldLock } from '../../../src/api/lock.js';
import type { Engine, LockAttempt } from '../../../src/engine/engine.js';
import { UserError } from '../../../src/user-error.js';

const HOLDER = { 'io.hitch.lock.owner': 'hitch up (pid 7 on box)', 'io.hitch.lock.since': '2026-11-23T10:00:00.000Z' };

/** Answers tryLock from a script of attempts (the last one repeats); counts releases, notes when it was tried. */
function fakeEngine(script: Array<'free' | 'held' | 'stale' | 'free-but-release-fails'>) {
  let releases = 0;
  let calls = 0;
  const tries: number[] = [];
  const engine = {
    async tryLock(): Promise<LockAttempt> {
      tries.push(Date.now());
      const step = script[Math.min(calls++, script.length - 1)];
      if (step === 'held') return { acquired: false, holder: HOLDER };
      if (step === 'stale') return { acquired: false };
      return {
        acquired: true,
        id: 'lock-id',
        release: async () => {
          releases++;
          if (step === 'free-but-release-fails') throw new Error('engine went away');
        },
      };
    },
  } as unknown as Engine;
  return { engine, releases: () => releases, calls: () => calls, tries };
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

  it('names the command to run again as the caller gives it (the CLI: the line as given)', async () => {
    const f = fakeEngine(['held']);
    const err = await withProjectLock(f.engine, 'shop', 'stop', { timeoutMs: 250, rerun: 'hitch -p shop stop web' }, async () => 'never').catch((e: unknown) => e);
    expect((err as UserError).remedy).toBe(
      'wait for it to finish and run `hitch -p shop stop web` again, or raise --lock-timeout; if no such hitch is running, remove the lock with `docker rm -f hitch-lock-shop`',
    );
  });
});

const BUSY = 'project shop is busy: hitch up (pid 7 on box) since 2026-11-23T10:00:00.000Z';

describe('withProjectLock: the deadline', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  /** When the lock was tried (ms after the start) and how it ended, on the fake clock. */
  async function timeline(script: Parameters<typeof fakeEngine>[0], timeoutMs: number) {
    const f = fakeEngine(script);
    const ended = withProjectLock(f.engine, 'shop', 'up', { timeoutMs }, async () => 'done').then(
      (v) => `${v} at ${Date.now()}`,
      (e: Error) => `${e.message} at ${Date.now()}`,
    );
    await vi.runAllTimersAsync();
    return { tries: f.tries, ended: await ended };
  }

  it('held throughout: the last try is at the deadline, not a poll interval before it, then it gives up', async () => {
    expect(await timeline(['held'], 1000)).toEqual({ tries: [0, 100, 300, 700, 1000], ended: `${BUSY}; gave up after 1s at 1000` });
  });

  it('freed in the last moments: the try at the deadline takes it', async () => {
    expect(await timeline(['held', 'held', 'held', 'held', 'free'], 1000)).toEqual({ tries: [0, 100, 300, 700, 1000], ended: 'done at 1000' });
  });

  it('polls at most every second, and still tries at the deadline', async () => {
    expect(await timeline(['held'], 3200)).toEqual({ tries: [0, 100, 300, 700, 1500, 2500, 3200], ended: `${BUSY}; gave up after 3.2s at 3200` });
  });

  it('a timeout of 0 tries once', async () => {
    expect(await timeline(['held'], 0)).toEqual({ tries: [0], ended: `${BUSY}; gave up after 0s at 0` });
  });

  it('a stale lock cleared is tried again at once after a short pause, also close to the deadline', async () => {
    expect(await timeline(['held', 'held', 'held', 'stale', 'free'], 750)).toEqual({ tries: [0, 100, 300, 700, 750], ended: 'done at 750' });
  });
});

describe('withProjectLock: onHeld, the release a signal asks for', () => {
  it('is told the lock once taken, and undone only after the lock is removed', async () => {
    const f = fakeEngine(['free']);
    const events: string[] = [];
    const onHeld = (lock: HeldLock) => {
      events.push(`held ${lock.name}`);
      return () => events.push(`undone after ${f.releases()} release`);
    };
    await withProjectLock(f.engine, 'shop', 'up', { onHeld }, async () => void events.push('work'));
    expect(events).toEqual(['held hitch-lock-shop', 'work', 'undone after 1 release']);
  });

  it('a release during the work removes the lock once: the end of the work waits for that same removal', async () => {
    const f = fakeEngine(['free']);
    let held: HeldLock | undefined;
    const result = await withProjectLock(f.engine, 'shop', 'up', { onHeld: (lock) => ((held = lock), () => {}) }, async () => {
      await held!.release();
      return `released ${f.releases()} time during the work`;
    });
    expect([result, f.releases()]).toEqual(['released 1 time during the work', 1]);
  });

  it('a release that fails is said once and never rejects: a signal handler can always go on to exit', async () => {
    const f = fakeEngine(['free-but-release-fails']);
    const notices: string[] = [];
    let held: HeldLock | undefined;
    const opts = { onReleaseError: (m: string) => notices.push(m), onHeld: (lock: HeldLock) => ((held = lock), () => {}) };
    await withProjectLock(f.engine, 'shop', 'up', opts, async () => {
      await expect(held!.release()).resolves.toBeUndefined();
    });
    expect(notices).toEqual(['could not remove the lock hitch-lock-shop: engine went away']);
  });

  it('is not called while the lock is only waited for, nor when it is never taken', async () => {
    const f = fakeEngine(['held']);
    const held: string[] = [];
    await withProjectLock(f.engine, 'shop', 'up', { timeoutMs: 0, onHeld: (lock) => (held.push(lock.name), () => {}) }, async () => 'never').catch(() => {});
    expect(held).toEqual([]);
  });
});
