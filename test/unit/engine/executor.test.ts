// The executor against a fake engine: dependency order, failure propagation, the concurrency bound.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { execute, type ExecEvent } from '../../../src/engine/executor.js';
import type { Action, Plan } from '../../../src/plan/model.js';

function volume(id: string, waitsFor: string[] = []): Action {
  return { id, kind: 'create-volume', cause: 'not found', waitsFor, volume: { name: id, labels: {} } };
}

/** Creates volumes after a tick; fails the names in `failing`; records order and the most at once. */
function fakeEngine(failing: string[] = []) {
  const log: string[] = [];
  let active = 0;
  let most = 0;
  const engine = {
    async createVolume({ name }: { name: string }) {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      if (failing.includes(name)) throw new Error(`${name} broke`);
      log.push(name);
    },
  } as unknown as Engine;
  return { engine, log, most: () => most };
}

function plan(actions: Action[]): Plan {
  return { project: 'p', actions, unchanged: [], orphans: [] };
}

describe('execute', () => {
  it('runs each action after what it waits for', async () => {
    const f = fakeEngine();
    await execute(f.engine, plan([volume('c', ['b']), volume('b', ['a']), volume('a')]));
    expect(f.log).toEqual(['a', 'b', 'c']);
  });

  it('skips exactly what waits, directly or not, on a failed action; the rest runs', async () => {
    const f = fakeEngine(['a']);
    const events: string[] = [];
    const onEvent = (e: ExecEvent) => e.type !== 'start' && events.push(`${e.type} ${e.action.id}`);
    const result = await execute(f.engine, plan([volume('a'), volume('b', ['a']), volume('c', ['b']), volume('d')]), { onEvent });
    expect({ outcomes: result.outcomes, blockers: result.blockers, errors: Object.keys(result.errors), log: f.log }).toEqual({
      outcomes: { a: 'failed', b: 'skipped', c: 'skipped', d: 'done' },
      blockers: { b: 'a', c: 'b' },
      errors: ['a'],
      log: ['d'],
    });
    expect(events.sort()).toEqual(['done d', 'failed a', 'skipped b', 'skipped c']);
  });

  it('never runs a known failure, and skips its waiters', async () => {
    const f = fakeEngine();
    const result = await execute(f.engine, plan([volume('a'), volume('b', ['a'])]), { failed: { a: new Error('no image') } });
    expect({ outcomes: result.outcomes, log: f.log }).toEqual({ outcomes: { a: 'failed', b: 'skipped' }, log: [] });
  });

  it.each([1, 2, 3])('keeps at most %i actions running at once', async (concurrency) => {
    const f = fakeEngine();
    const many = Array.from({ length: 12 }, (_, i) => volume(`v${i}`));
    await execute(f.engine, plan(many), { concurrency });
    expect({ most: f.most(), done: f.log.length }).toEqual({ most: concurrency, done: 12 });
  });
});
