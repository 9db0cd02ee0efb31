// Which ready action the executor runs first when every slot is busy: the longest chain waiting on it.
import { describe, expect, it } from 'vitest';
import { criticalPaths, priorityLimiter } from '../../../src/engine/schedule.js';
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
    await new Promise((r) => setTimeout(r, 0));
    // the slot is free: a newcomer runs at once, while the first waits aside
    await limit(async () => void order.push('second'), 0);
    let releaseThird = () => {};
    const third = limit(() => new Promise<void>((r) => (releaseThird = () => { order.push('third'); r(); })), 0);
    endWait();
    await new Promise((r) => setTimeout(r, 0));
    // its wait is over but the slot is the third's: it goes on only once the third is done
    expect(order).toEqual(['first, before its wait', 'second']);
    releaseThird();
    await Promise.all([aside, third]);
    expect(order).toEqual(['first, before its wait', 'second', 'third', 'first, after its wait']);
  });
});
