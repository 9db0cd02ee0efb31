// What `up` reports per service: one bucket each, however many of its two containers it touched.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/api/summary.js';
import type { ExecutionResult } from '../../../src/engine/executor.js';
import type { Action, ContainerSpec, Plan } from '../../../src/plan/model.js';
import { summaryText } from '../../../src/cli/summary-text.js';
import { UserError } from '../../../src/user-error.js';

const start = (service: string): Action => ({ id: `start:sandbox:${service}`, kind: 'start-container', cause: 'stopped', waitsFor: [], name: `${service}-sandbox`, service, role: 'sandbox' });
const rules = (service: string, waitsFor: string[] = []): Action =>
  ({ id: `firewall:${service}`, kind: 'update-firewall', cause: 'parents changed', waitsFor, service, sandbox: `${service}-sandbox`, firewall: { subnet: '10.0.0.0/24', allow: [] } });
const restart = (service: string): Action => ({ id: `service:${service}`, kind: 'restart-container', cause: 'sandbox restarted', waitsFor: [], name: service, service, role: 'service' });
const make = (service: string, kind: 'create-container' | 'recreate-container'): Action =>
  ({ id: `${kind}:${service}`, kind, cause: 'not found', waitsFor: [], container: { service, name: service, role: 'service' } as ContainerSpec });
const makeSandbox = (service: string, kind: 'create-container' | 'recreate-container'): Action =>
  ({ id: `${kind}:sandbox:${service}`, kind, cause: 'not found', waitsFor: [], container: { service, name: `${service}-sandbox`, role: 'sandbox' } as ContainerSpec });

function report(actions: Action[]) {
  const plan: Plan = { project: 'p', actions, unchanged: [], orphans: [] };
  const exec: ExecutionResult = { outcomes: Object.fromEntries(actions.map((a) => [a.id, 'done'])), errors: {}, blockers: {} };
  const { created, recreated, restarted, started } = summarize(plan, exec, Date.now());
  return { created, recreated, ...(restarted.length ? { restarted } : {}), started };
}

describe('summarize', () => {
  it.each([
    ['a sandbox started again beside a new service container: created', [start('top'), make('top', 'create-container')], { created: ['top'], recreated: [], started: [] }],
    ['a sandbox started again beside a recreated service container: recreated', [start('top'), make('top', 'recreate-container')], { created: [], recreated: ['top'], started: [] }],
    ['a new sandbox beside a recreated service container: recreated', [makeSandbox('top', 'create-container'), make('top', 'recreate-container')], { created: [], recreated: ['top'], started: [] }],
    ['a sandbox recreated beside a new service container (an interrupted up left it off the network): created', [makeSandbox('top', 'recreate-container'), make('top', 'create-container')], { created: ['top'], recreated: [], started: [] }],
    ['a sandbox recreated beside a recreated service container: recreated', [makeSandbox('top', 'recreate-container'), make('top', 'recreate-container')], { created: [], recreated: ['top'], started: [] }],
    ['only the sandbox started: started', [start('top')], { created: [], recreated: [], started: ['top'] }],
    ['two services, each once, sorted', [make('web', 'create-container'), start('db'), make('db', 'create-container'), start('web')], { created: ['db', 'web'], recreated: [], started: [] }],
    ['a service container restarted to rejoin its sandbox: restarted', [restart('db')], { created: [], recreated: [], restarted: ['db'], started: [] }],
    ['a sandbox started again, its service container restarted to join it: restarted', [start('db'), restart('db')], { created: [], recreated: [], restarted: ['db'], started: [] }],
    ['a restarted service beside others, each in its bucket', [restart('web'), make('db', 'recreate-container'), start('cache'), restart('api')], { created: [], recreated: ['db'], restarted: ['api', 'web'], started: ['cache'] }],
  ] as const)('%s', (_, actions, expected) => {
    expect(report([...actions])).toEqual(expected);
  });
});

describe('summarize: rules updated in place', () => {
  const plan = (actions: Action[], unchanged: string[]): Plan => ({ project: 'p', actions, unchanged, orphans: [] });
  const exec = (outcomes: ExecutionResult['outcomes'], errors: ExecutionResult['errors'] = {}, blockers: ExecutionResult['blockers'] = {}): ExecutionResult =>
    ({ outcomes, errors, blockers });
  const buckets = ({ created, rulesUpdated, unchanged, failed, notStarted }: ReturnType<typeof summarize>) =>
    ({ created, rulesUpdated, unchanged, failed: failed.map((f) => f.service), notStarted });

  it('a service whose containers stay but whose rules changed is listed as such, not as unchanged', () => {
    const p = plan([make('web', 'create-container'), rules('db')], ['db', 'cache']);
    expect(buckets(summarize(p, exec({ 'create-container:web': 'done', 'firewall:db': 'done' }), Date.now()))).toEqual({
      created: ['web'], rulesUpdated: ['db'], unchanged: ['cache'], failed: [], notStarted: [],
    });
  });

  it('a dry run lists the updates it would make', () => {
    expect(buckets(summarize(plan([rules('db')], ['db']), undefined, Date.now()))).toEqual({
      created: [], rulesUpdated: ['db'], unchanged: [], failed: [], notStarted: [],
    });
  });

  it('a failed update is a failure, not unchanged', () => {
    const result = exec({ 'firewall:db': 'failed' }, { 'firewall:db': new Error('iptables broke') });
    expect(buckets(summarize(plan([rules('db')], ['db']), result, Date.now()))).toEqual({
      created: [], rulesUpdated: [], unchanged: [], failed: ['db'], notStarted: [],
    });
  });

  it('an update skipped for another failure leaves its service unchanged, not "not started"', () => {
    const result = exec({ 'create-container:web': 'failed', 'firewall:db': 'skipped' }, { 'create-container:web': new Error('no') }, { 'firewall:db': 'create-container:web' });
    expect(buckets(summarize(plan([make('web', 'create-container'), rules('db', ['create-container:web'])], ['db']), result, Date.now()))).toEqual({
      created: [], rulesUpdated: [], unchanged: ['db'], failed: ['web'], notStarted: [],
    });
  });
});

describe('summarize: orphans, networks and volumes', () => {
  const removal = (service: string): Action => ({ id: `remove:${service}`, kind: 'remove-container', cause: 'orphan', waitsFor: [], name: service, containerId: service, service });
  const network: Action = { id: 'remove:network', kind: 'remove-network', cause: 'down', waitsFor: [], name: 'p-hitch', networkId: 'n1' };
  const data: Action = { id: 'remove:volume:data', kind: 'remove-volume', cause: 'down -v', waitsFor: [], name: 'p_data' };
  const done = (actions: Action[]): ExecutionResult => ({ outcomes: Object.fromEntries(actions.map((a) => [a.id, 'done'])), errors: {}, blockers: {} });

  it('an orphan removed by this run is no longer listed as one; one left is', () => {
    const actions = [removal('old')];
    const s = summarize({ project: 'p', actions, unchanged: [], orphans: ['old', 'kept'] }, done(actions), Date.now());
    expect({ removed: s.removed, orphans: s.orphans }).toEqual({ removed: ['old'], orphans: ['kept'] });
  });

  it('lists the network and volumes removed, and not those that failed', () => {
    const actions = [removal('web'), network, data];
    const ran = done(actions);
    expect((({ removed, networksRemoved, volumesRemoved }) => ({ removed, networksRemoved, volumesRemoved }))(summarize({ project: 'p', actions, unchanged: [], orphans: [] }, ran, Date.now()))).toEqual({
      removed: ['web'], networksRemoved: ['p-hitch'], volumesRemoved: ['p_data'],
    });
    const failed: ExecutionResult = { ...ran, outcomes: { ...ran.outcomes, 'remove:volume:data': 'failed' }, errors: { 'remove:volume:data': new Error('in use') } };
    expect(summarize({ project: 'p', actions, unchanged: [], orphans: [] }, failed, Date.now()).volumesRemoved).toEqual([]);
  });
});


describe('summarize: failures', () => {
  const plan: Plan = { project: 'p', actions: [rules('db'), make('web', 'create-container')], unchanged: [], orphans: [] };
  const failedWith = (db: Error, web: Error) =>
    summarize(plan, { outcomes: { 'firewall:db': 'failed', 'create-container:web': 'failed' }, errors: { 'firewall:db': db, 'create-container:web': web }, blockers: {} }, Date.now()).failed;

  it("carry a UserError's remedy, which the text summary prints as `to fix:`; another error has none", () => {
    const failed = failedWith(new UserError('cannot update the firewall of db: iptables broke', 'remove it'), new Error('no'));
    expect(failed).toEqual([
      { service: 'db', action: 'firewall:db', error: 'cannot update the firewall of db: iptables broke', remedy: 'remove it', logs: [] },
      { service: 'web', action: 'create-container:web', error: 'no', logs: [] },
    ]);
    const text = summaryText('up', 'p', { ...summarize(plan, { outcomes: {}, errors: {}, blockers: {} }, Date.now()), failed, elapsedMs: 0 }, {});
    expect(text.split('\n').slice(1)).toEqual(['failed: db (firewall:db): cannot update the firewall of db: iptables broke', '  to fix: remove it', 'failed: web (create-container:web): no']);
  });
});

describe('summarize: an image that cannot be had fails both containers of its service', () => {
  const sandbox = { ...make('bad', 'recreate-container'), id: 'sandbox:bad' } as Action;
  const service = { ...make('bad', 'recreate-container'), id: 'service:bad' } as Action;
  const plan: Plan = { project: 'p', actions: [sandbox, service], unchanged: [], orphans: [] };
  const outcomes = { 'sandbox:bad': 'failed', 'service:bad': 'failed' } as const;

  it("is the service container's failure, said once, though the sandbox's comes first", () => {
    const missing = new UserError('image x is not on the engine', 'build it');
    const failed = summarize(plan, { outcomes, errors: { 'sandbox:bad': missing, 'service:bad': missing }, blockers: {} }, Date.now()).failed;
    expect(failed).toEqual([{ service: 'bad', action: 'service:bad', error: 'image x is not on the engine', remedy: 'build it', logs: [] }]);
  });

  it('two different errors: the first in plan order', () => {
    const errors = { 'sandbox:bad': new Error('port taken'), 'service:bad': new Error('other') };
    expect(summarize(plan, { outcomes, errors, blockers: {} }, Date.now()).failed.map((f) => f.action)).toEqual(['sandbox:bad']);
  });
});

describe('summarize: a restart that did not happen', () => {
  it('skipped for a child that failed: not started, because of that child; the text says restarted only for those done', () => {
    const actions = [make('db', 'recreate-container'), { ...restart('web'), waitsFor: ['recreate-container:db'] }, restart('api')];
    const exec: ExecutionResult = {
      outcomes: { 'recreate-container:db': 'failed', 'service:web': 'skipped', 'service:api': 'done' },
      errors: { 'recreate-container:db': new Error('no') },
      blockers: { 'service:web': 'recreate-container:db' },
    };
    const s = summarize({ project: 'p', actions, unchanged: [], orphans: [] }, exec, Date.now());
    expect({ restarted: s.restarted, notStarted: s.notStarted }).toEqual({ restarted: ['api'], notStarted: [{ service: 'web', waitsFor: 'db' }] });
    expect(summaryText('up', 'p', { ...s, elapsedMs: 0 }, {}).split('\n')[0]).toBe('up p in 0.0s: restarted 1 (api), failed 1 (db), not started 1 (web)');
  });
});
