// SIGINT and SIGTERM while the lock is held, on a stand-in for `process` and vitest's fake clock: what
// happens in which order, when hitch exits and with what code. The real signals, on the real engine,
// are in test/integration/convergence-lock-interrupt.test.ts.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeldLock } from '../../../src/api/lock.js';
import { RELEASE_WAIT_MS, releaseOnSignal, type SignalTarget } from '../../../src/cli/interrupt.js';

/** `process` as releaseOnSignal sees it; every step lands in one log, exits included. */
function fakeProcess(log: string[]) {
  const proc = new EventEmitter() as EventEmitter & SignalTarget;
  proc.exit = (code: number) => void log.push(`exit ${code}`);
  return proc;
}

/** A lock whose removal takes `ms` on the fake clock (Infinity: never ends). */
function lockRemovedIn(ms: number, log: string[]): HeldLock {
  return {
    name: 'hitch-lock-shop',
    id: 'lock-id',
    release: () => new Promise<void>((resolve) => ms < Infinity && setTimeout(() => (log.push('lock removed'), resolve()), ms)),
  };
}

function hook(log: string[], proc: SignalTarget, removalMs: number): () => void {
  const onHeld = releaseOnSignal({
    target: proc,
    say: (line) => log.push(`say: ${line}`),
    stopDisplay: async () => void log.push('display stopped'),
  });
  return onHeld(lockRemovedIn(removalMs, log));
}

describe('releaseOnSignal', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: the display ends, the lock is removed, then hitch exits %i', async (signal, code) => {
    const log: string[] = [];
    const proc = fakeProcess(log);
    hook(log, proc, 50);
    proc.emit(signal, signal);
    await vi.runAllTimersAsync();
    expect(log).toEqual([
      'display stopped',
      `say: interrupted by ${signal}: removing the lock hitch-lock-shop (interrupt again to exit at once)`,
      'lock removed',
      `exit ${code}`,
    ]);
  });

  it('a second interrupt exits at once, without waiting for the removal', async () => {
    const log: string[] = [];
    const proc = fakeProcess(log);
    hook(log, proc, 1000);
    proc.emit('SIGINT', 'SIGINT');
    await vi.advanceTimersByTimeAsync(10);
    proc.emit('SIGINT', 'SIGINT');
    expect(log).toEqual(['display stopped', 'say: interrupted by SIGINT: removing the lock hitch-lock-shop (interrupt again to exit at once)', 'exit 130']);
  });

  it(`a removal that does not end: hitch exits after ${RELEASE_WAIT_MS / 1000}s, saying the lock may be left`, async () => {
    const log: string[] = [];
    const proc = fakeProcess(log);
    hook(log, proc, Infinity);
    proc.emit('SIGTERM', 'SIGTERM');
    await vi.advanceTimersByTimeAsync(RELEASE_WAIT_MS - 1);
    const before = [...log];
    await vi.advanceTimersByTimeAsync(1);
    expect({ before, after: log.slice(before.length) }).toEqual({
      before: ['display stopped', 'say: interrupted by SIGTERM: removing the lock hitch-lock-shop (interrupt again to exit at once)'],
      after: [
        'say: the lock hitch-lock-shop was not removed within 2.5s; if no hitch is at work on the project, remove it with `docker rm -f hitch-lock-shop`',
        'exit 143',
      ],
    });
  });

  it('a display that fails to end does not keep the lock from being removed', async () => {
    const log: string[] = [];
    const proc = fakeProcess(log);
    const onHeld = releaseOnSignal({ target: proc, say: () => {}, stopDisplay: () => Promise.reject(new Error('tty gone')) });
    onHeld(lockRemovedIn(50, log));
    proc.emit('SIGINT', 'SIGINT');
    await vi.runAllTimersAsync();
    expect(log).toEqual(['lock removed', 'exit 130']);
  });

  it("once undone (the lock released), no handler is left: the signals are Node's again", () => {
    const log: string[] = [];
    const proc = fakeProcess(log);
    const undo = hook(log, proc, 50);
    expect([proc.listenerCount('SIGINT'), proc.listenerCount('SIGTERM')]).toEqual([1, 1]);
    undo();
    expect([proc.listenerCount('SIGINT'), proc.listenerCount('SIGTERM'), log]).toEqual([0, 0, []]);
  });
});
