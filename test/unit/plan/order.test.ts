import { describe, expect, it } from 'vitest';
import { startOrder, topoOrder, type Edge } from '../../../src/plan/order.js';
import { link, manifest, service } from './fixtures.js';

describe('startOrder', () => {
  it.each([
    { name: 'no links: by name', services: [service('web'), service('db'), service('cache')], expected: ['cache', 'db', 'web'] },
    {
      name: 'children before parents',
      services: [service('web', { links: [link('db')] }), service('db', { links: [link('zeta')] }), service('zeta')],
      expected: ['zeta', 'db', 'web'],
    },
    {
      name: 'db/web/worker: siblings by name after their child',
      services: [service('web', { links: [link('db')] }), service('worker', { links: [link('db')] }), service('db')],
      expected: ['db', 'web', 'worker'],
    },
    {
      // the toposort package gives d,a,c,b here
      name: 'ties by name at every step',
      services: [service('a', { links: [link('d')] }), service('b', { links: [link('d')] }), service('c', { links: [link('a')] }), service('d')],
      expected: ['d', 'a', 'b', 'c'],
    },
    {
      name: 'a child linked under two aliases',
      services: [service('web', { links: [link('db', 'database'), link('db')] }), service('db')],
      expected: ['db', 'web'],
    },
  ])('$name', ({ services, expected }) => {
    expect(startOrder(manifest(services).services)).toEqual(expected);
  });

  it('a cycle is a bug here (the manifest rejects it)', () => {
    const m = manifest([service('a', { links: [link('b')] }), service('b', { links: [link('a')] })]);
    expect(() => startOrder(m.services)).toThrow('internal: link cycle among a, b reached the planner');
  });
});

describe('topoOrder', () => {
  it.each<{ name: string; nodes: string[]; edges: Edge[]; order: string[]; cyclic: string[] }>([
    { name: 'empty', nodes: [], edges: [], order: [], cyclic: [] },
    { name: 'edges to unknown nodes are ignored', nodes: ['b', 'a'], edges: [['x', 'a'], ['b', 'a']], order: ['b', 'a'], cyclic: [] },
    { name: 'a cycle is appended by name and reported', nodes: ['c', 'b', 'a'], edges: [['a', 'b'], ['b', 'a']], order: ['c', 'a', 'b'], cyclic: ['a', 'b'] },
  ])('$name', ({ nodes, edges, order, cyclic }) => {
    expect(topoOrder(nodes, edges)).toEqual({ order, cyclic });
  });
});
