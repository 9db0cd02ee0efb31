// What `up` reports per service: one bucket each, however many of its two containers it touched.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/api/summary.js';
import type { ExecutionResult } from '../../../src/engine/executor.js';
import type { Action, ContainerSpec, Plan } from '../../../src/plan/model.js';

const start = (service: string): Action => ({ id: `start:sandbox:${service}`, kind: 'start-container', cause: 'stopped', waitsFor: [], name: `${service}-sandbox`, service, role: 'sandbox' });
const make = (service: string, kind: 'create-container' | 'recreate-container'): Action =>
  ({ id: `${kind}:${service}`, kind, cause: 'not found', waitsFor: [], container: { service, name: service } as ContainerSpec });

function report(actions: Action[]) {
  const plan: Plan = { project: 'p', actions, unchanged: [], orphans: [] };
  const exec: ExecutionResult = { outcomes: Object.fromEntries(actions.map((a) => [a.id, 'done'])), errors: {}, blockers: {} };
  const { created, recreated, started } = summarize(plan, exec, Date.now());
  return { created, recreated, started };
}

describe('summarize', () => {
  it.each([
    ['a sandbox started again beside a new service container: created', [start('top'), make('top', 'create-container')], { created: ['top'], recreated: [], started: [] }],
    ['a sandbox started again beside a recreated service container: recreated', [start('top'), make('top', 'recreate-container')], { created: [], recreated: ['top'], started: [] }],
    ['a new sandbox beside a recreated service container: recreated', [make('top', 'create-container'), make('top', 'recreate-container')], { created: [], recreated: ['top'], started: [] }],
    ['only the sandbox started: started', [start('top')], { created: [], recreated: [], started: ['top'] }],
    ['two services, each once, sorted', [make('web', 'create-container'), start('db'), make('db', 'create-container'), start('web')], { created: ['db', 'web'], recreated: [], started: [] }],
  ] as const)('%s', (_, actions, expected) => {
    expect(report([...actions])).toEqual(expected);
  });
});
