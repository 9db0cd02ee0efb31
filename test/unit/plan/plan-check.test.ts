// planDefects: what would make the executor drop a wait or wait forever, named in a line each.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../src/plan/model.js';
import { planDefects } from '../../../src/plan/plan-check.js';
import { plan, volume } from '../engine/plan-builders.js';

function serviceCreate(id: string, waitsFor: string[], createAfter: string[]): Action {
  const container = { name: id, service: id, role: 'service', image: 'x:1', labels: {} } as unknown as Extract<Action, { kind: 'create-container' }>['container'];
  return { id, kind: 'create-container', cause: 'not found', waitsFor, createAfter, container };
}

describe('planDefects', () => {
  it('finds nothing in a plan whose waits all name earlier or later actions of it', () => {
    expect(planDefects(plan([volume('c', ['a', 'b']), volume('b', ['a']), volume('a'), serviceCreate('s', ['a', 'c'], ['a'])]))).toEqual([]);
  });

  it('finds nothing in an empty plan', () => {
    expect(planDefects(plan([]))).toEqual([]);
  });

  it('names a wait on an action that is not in the plan, in waitsFor and in createAfter', () => {
    expect(planDefects(plan([volume('a', ['gone']), serviceCreate('s', ['a'], ['lost'])]))).toEqual([
      'a waits for gone, which is not in the plan',
      's waits for lost, which is not in the plan',
    ]);
  });

  it('names two actions with one id', () => {
    expect(planDefects(plan([volume('a'), volume('a')]))).toEqual(['two actions have the id a']);
  });

  it.each([
    { name: 'an action waiting on itself', actions: [volume('a', ['a'])], cycle: 'a -> a' },
    { name: 'two actions waiting on each other', actions: [volume('a', ['b']), volume('b', ['a'])], cycle: 'a -> b -> a' },
    {
      name: 'a circle of three behind an action that waits on it',
      actions: [volume('front', ['x']), volume('x', ['y']), volume('y', ['z']), volume('z', ['x'])],
      cycle: 'x -> y -> z -> x',
    },
    { name: 'a circle closed by createAfter', actions: [volume('a', ['s']), serviceCreate('s', [], ['a'])], cycle: 'a -> s -> a' },
  ])('names the circle: $name', ({ actions, cycle }) => {
    expect(planDefects(plan(actions))).toEqual([`actions wait on each other in a circle: ${cycle}`]);
  });

  it('checks a chain of 20000 actions without running out of stack', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => volume(`v${i}`, i > 0 ? [`v${i - 1}`] : []));
    expect(planDefects(plan(chain))).toEqual([]);
    chain[0] = volume('v0', ['v19999']);
    expect(planDefects(plan(chain))[0]).toMatch(/^actions wait on each other in a circle: v0 -> v19999 -> v19998 -> .* -> v1 -> v0$/);
  });
});
