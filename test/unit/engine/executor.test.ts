// The executor against a fake engine: dependency order, failure propagation, the concurrency bound, createAfter,
// a restart.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { createRefused } from '../../../src/engine/engine-errors.js';
import { execute, type ExecEvent } from '../../../src/engine/executor.js';
import type { Action } from '../../../src/plan/model.js';
import type { UserError } from '../../../src/user-error.js';
import { plan, volume } from './plan-builders.js';

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

/** Records the calls in order (a stop with the timeout, if one is asked for); fails the volumes and starts named in `failing`. */
function recordingEngine(failing: string[] = []) {
  const log: string[] = [];
  const engine = {
    async createVolume({ name }: { name: string }) {
      await new Promise((r) => setTimeout(r, 20));
      log.push(`volume ${name}`);
      if (failing.includes(name)) throw new Error(`${name} broke`);
    },
    async createContainer({ name }: { name: string }) {
      log.push(`create ${name}`);
      return name;
    },
    async stopContainer(name: string, timeoutSec?: number) {
      log.push(`stop ${name}${timeoutSec === undefined ? '' : ` -t ${timeoutSec}`}`);
    },
    async startContainer(name: string) {
      if (failing.includes(name)) throw new Error(`cannot start ${name}`);
      log.push(`start ${name}`);
    },
    async removeContainer(name: string) {
      log.push(`remove ${name}`);
    },
  } as unknown as Engine;
  return { engine, log };
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

  it.each([
    { name: 'a wait on an action not in the plan', actions: [volume('a'), volume('b', ['gone'])], defect: 'b waits for gone, which is not in the plan' },
    { name: 'actions waiting in a circle', actions: [volume('a'), volume('b', ['c']), volume('c', ['b'])], defect: 'in a circle: b -> c -> b' },
  ])('refuses a plan with $name, before running any of it', async ({ actions, defect }) => {
    const f = fakeEngine();
    await expect(execute(f.engine, plan(actions))).rejects.toThrow(defect);
    expect(f.log).toEqual([]);
  });

  it("words an engine refusal's `up` as the project was named (the engine itself does not know)", async () => {
    const engine = {
      async createVolume({ name }: { name: string }) {
        throw createRefused({ name, service: 'db' }, 'invalid mount config');
      },
    } as unknown as Engine;
    const result = await execute(engine, plan([volume('a')]), { invocation: 'hitch -f dev.yaml' });
    expect((result.errors.a as UserError).remedy).toBe(
      'correct what the engine names, in service "db" of the manifest (`hitch -f dev.yaml config` shows it as hitch reads it) or on the engine, then run `hitch -f dev.yaml up` again: it converges from where this run stopped',
    );
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

  describe('a create-container with createAfter', () => {
    const service = (id: string, createAfter: string[], waitsFor: string[]): Action => ({
      id, kind: 'create-container', cause: 'not found', waitsFor, createAfter,
      container: { name: id, service: id, role: 'service' } as Extract<Action, { kind: 'create-container' }>['container'],
    });

    it('is created as soon as createAfter is done, and started only once all of waitsFor is', async () => {
      const f = recordingEngine();
      const r = await execute(f.engine, plan([volume('box'), volume('ready', ['box']), service('web', ['box'], ['box', 'ready'])]));
      expect({ outcomes: r.outcomes, log: f.log }).toEqual({
        outcomes: { box: 'done', ready: 'done', web: 'done' },
        log: ['volume box', 'create web', 'volume ready', 'start web'],
      });
    });

    it('is removed again, never started, when what its start waits for fails', async () => {
      const f = recordingEngine(['ready']);
      const r = await execute(f.engine, plan([volume('box'), volume('ready', ['box']), service('web', ['box'], ['box', 'ready'])]));
      expect({ outcomes: r.outcomes, blockers: r.blockers, log: f.log }).toEqual({
        outcomes: { box: 'done', ready: 'failed', web: 'skipped' },
        blockers: { web: 'ready' },
        log: ['volume box', 'create web', 'volume ready', 'remove web'],
      });
    });
  });
});

describe('a restart-container', () => {
  const restart = (name: string, waitsFor: string[] = []): Action => ({ id: name, kind: 'restart-container', cause: 'sandbox restarted', waitsFor, name, service: name, role: 'service' });

  it('stops the same container with its own grace period, then starts it: nothing removed, nothing made', async () => {
    const f = recordingEngine();
    const r = await execute(f.engine, plan([volume('ready'), restart('shop-db', ['ready'])]));
    expect({ outcomes: r.outcomes, log: f.log }).toEqual({ outcomes: { ready: 'done', 'shop-db': 'done' }, log: ['volume ready', 'stop shop-db', 'start shop-db'] });
  });

  it('a start that fails fails the action, and what waits on it is skipped', async () => {
    const f = recordingEngine(['shop-db']);
    const r = await execute(f.engine, plan([restart('shop-db'), volume('after', ['shop-db'])]));
    expect({ outcomes: r.outcomes, error: r.errors['shop-db']?.message, log: f.log }).toEqual({
      outcomes: { 'shop-db': 'failed', after: 'skipped' },
      error: 'cannot start shop-db',
      log: ['stop shop-db'],
    });
  });
});
