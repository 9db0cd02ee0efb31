// Which ready action the executor runs first when every slot is busy: the longest chain waiting on it.
import { describe, expect, it } from 'vitest';
import { criticalPaths, priorities, priorityLimiter, type Slot } from '../../../src/engine/schedule.js';
import type { Action } from '../../../src/plan/model.js';

function action(id: string, waitsFor: string[] = []): Action {
  return { id, kind: 'create-volume', cause: 'not found', waitsFor, volume: { name: id, labels: {} } };
}

describe('criticalPaths', () => {
  it("counts each action and the longest chain of its waiters: a leaf's sandbox outranks a top service's", () => {
    const chain = [
      action('network'),
      action('sandbox:a', ['network']),
      action('sandbox:b', ['network']),
      action('sandbox:c', ['network']),
      action('service:a', ['sandbox:a']),
      action('ready:a@b', ['service:a', 'sandbox:b']),
      action('service:b', ['sandbox:b', 'ready:a@b']),
      action('ready:b@c', ['service:b', 'sandbox:c']),
      action('service:c', ['sandbox:c', 'ready:b@c']),
    ];
    expect(Object.fromEntries(criticalPaths(chain))).toEqual({
      network: 7, 'sandbox:a': 6, 'service:a': 5, 'sandbox:b': 5, 'ready:a@b': 4, 'service:b': 3, 'sandbox:c': 3, 'ready:b@c': 2, 'service:c': 1,
    });
  });
});

describe('priorities', () => {
  it('ranks by chain, and puts the actions that go first above the longest chain, in their own chain order', () => {
    const down = [
      action('remove:web'),
      action('remove:web-sandbox', ['remove:web']),
      action('remove:db', ['remove:web']),
      action('remove:db-sandbox', ['remove:db']),
      action('remove:network', ['remove:web-sandbox', 'remove:db-sandbox']),
    ];
    const ranks = priorities(down, (a) => a.id.endsWith('-sandbox'));
    expect(Object.fromEntries(ranks)).toEqual({
      'remove:web': 4, 'remove:web-sandbox': 7, 'remove:db': 3, 'remove:db-sandbox': 7, 'remove:network': 1,
    });
  });
});

/** Lets every pending hand-over of a slot (a macrotask each) happen. */
const settle = () => new Promise((r) => setTimeout(r, 5));

describe('priorityLimiter', () => {
  it('hands a freed slot to the waiter of highest priority, the earliest among equals', async () => {
    const limit = priorityLimiter(1);
    const order: string[] = [];
    let release = () => {};
    const first = limit(() => new Promise<void>((r) => (release = r)), 0);
    const waiting = [['low', 1], ['high', 5], ['mid', 3], ['high too', 5]].map(([name, priority]) =>
      limit(async () => void order.push(name as string), priority as number),
    );
    release();
    await Promise.all([first, ...waiting]);
    expect(order).toEqual(['high', 'high too', 'mid', 'low']);
  });

  it('frees a slot while its work waits aside, and takes it back by priority before the work goes on', async () => {
    const limit = priorityLimiter(1);
    const order: string[] = [];
    let endWait = () => {};
    const aside = limit(async (slot) => {
      order.push('first, before its wait');
      await slot.aside(() => new Promise<void>((r) => (endWait = r)));
      order.push('first, after its wait');
    }, 1);
    await settle();
    // the slot is free: a newcomer runs at once, while the first waits aside
    await limit(async () => void order.push('second'), 0);
    let releaseThird = () => {};
    const third = limit(() => new Promise<void>((r) => (releaseThird = () => { order.push('third'); r(); })), 0);
    await settle(); // the third holds the slot
    endWait();
    await settle();
    // its wait is over but the slot is the third's: it goes on only once the third is done
    expect(order).toEqual(['first, before its wait', 'second']);
    releaseThird();
    await Promise.all([aside, third]);
    expect(order).toEqual(['first, before its wait', 'second', 'third', 'first, after its wait']);
  });

  it('gives the slot back when the wait aside fails, so later work still runs', async () => {
    const limit = priorityLimiter(1);
    const failed = limit((slot) => slot.aside(() => Promise.reject(new Error('engine said no'))), 0);
    await expect(failed).rejects.toThrow('engine said no');
    await expect(limit(async () => 'ran', 0)).resolves.toBe('ran');
  });

  it('refuses a second wait aside at once, and one after the work ended: either would miscount the slot', async () => {
    const limit = priorityLimiter(1);
    let endWait = () => {};
    let kept: Slot | undefined;
    const twice = limit(async (slot) => {
      kept = slot;
      const first = slot.aside(() => new Promise<void>((r) => (endWait = r)));
      await expect(slot.aside(async () => {})).rejects.toThrow('already aside');
      endWait();
      await first;
    }, 0);
    await twice;
    await expect(kept!.aside(async () => {})).rejects.toThrow('released');
  });
});
