// A sandbox restarted under its running service (`docker restart`, or its restart policy after its process
// died): same container, same id, a new namespace. The service container kept the old, empty one; stopped
// and started it joins the new one and keeps its writable layer, so `up` restarts it rather than recreate
// it. A new sandbox (new id) still needs a new service container.
import { describe, expect, it } from 'vitest';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { outdatedWarning } from '../../../src/plan/left-out.js';
import { planDefects } from '../../../src/plan/plan-check.js';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { selectServices } from '../../../src/plan/selection.js';
import { afterPlan, refusal, withContainers, withService } from './fixtures.js';
import { stack, upOnce } from './stack.js';

const LATER = '2026-11-23T12:00:00.5Z'; // after every start of upOnce()

/** upOnce(), the named containers changed as given (by name). */
function changed(changes: Record<string, Partial<ObservedContainer>>): ObservedState {
  return withContainers(upOnce(), (cs) => cs.map((c) => ({ ...c, ...changes[c.name] })));
}

/** The sandboxes of `services` restarted by the engine after everything else started. */
function restarted(...services: string[]): Record<string, Partial<ObservedContainer>> {
  return Object.fromEntries(services.map((s) => [`shop-${s}-sandbox`, { startedAt: LATER }]));
}

describe('a sandbox restarted under its running service', () => {
  it("a child's: its service restarts in place, its parents' probes wait for that; the next up has nothing to do", () => {
    const before = changed(restarted('db'));
    const plan = reconcile(stack(), before);
    expect(planText(plan)).toBe(`plan for shop: 3 actions
service:db  restart-container shop-db  cause: sandbox restarted
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, web, worker
orphans: none`);
    expect(planDefects(plan)).toEqual([]);
    expect(planText(reconcile(stack(), afterPlan(plan, before)))).toBe(`plan for shop: no changes
unchanged: cache, db, web, worker
orphans: none`);
  });

  it("a parent's: it starts again only once each child is ready, probed from its sandbox through the child's firewall", () => {
    expect(planText(reconcile(stack(), changed(restarted('web'))))).toBe(`plan for shop: 3 actions
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts
service:web  restart-container shop-web  cause: sandbox restarted  after: ready:cache@web, ready:db@web
unchanged: cache, db, worker
orphans: none`);
  });

  it('its rules changed too: updated in place beside the restart, and the probes wait for both', () => {
    const stale = ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.4:5432'];
    const before = changed({ 'shop-db-sandbox': { startedAt: LATER, firewallArgs: stale } });
    const plan = reconcile(stack(), before);
    expect(planText(plan)).toBe(`plan for shop: 4 actions
firewall:db  update-firewall shop-db-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
service:db  restart-container shop-db  cause: sandbox restarted
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db, firewall:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db, firewall:db
unchanged: cache, web, worker
orphans: none`);
    expect(reconcile(stack(), afterPlan(plan, before)).actions).toEqual([]);
  });

  it('two at once: each restarts, the parent after its restarted child is ready', () => {
    const plan = reconcile(stack(), changed(restarted('db', 'web')));
    expect(plan.actions.map((a) => `${a.id} ${a.kind} after: ${a.waitsFor.join(', ')}`)).toEqual([
      'service:db restart-container after: ',
      'ready:cache@web await-ready after: ',
      'ready:db@web await-ready after: service:db',
      'service:web restart-container after: ready:cache@web, ready:db@web',
      'ready:db@worker await-ready after: service:db',
    ]);
  });

  it.each<[string, Record<string, Partial<ObservedContainer>>]>([
    ['a paused service container: restarted too (the engine stops a paused one), and runs unpaused', { ...restarted('db'), 'shop-db': { paused: true } }],
    ['its sandbox paused since: its service restarted all the same (it joins a paused namespace; nothing runs in the sandbox for it)', { 'shop-db-sandbox': { startedAt: LATER, paused: true } }],
  ])('%s', (_, changes) => {
    const own = reconcile(stack(), changed(changes)).actions.filter((a) => a.id.startsWith('service:'));
    expect(own.map((a) => `${a.id} ${a.kind}: ${a.cause}`)).toEqual(['service:db restart-container: sandbox restarted']);
  });
});

describe('what a restart is not enough for, or not needed for', () => {
  const own = (m = stack(), before: ObservedState) => reconcile(m, before).actions.filter((a) => a.id === 'service:db' || a.id === 'sandbox:db').map((a) => `${a.id} ${a.kind}: ${a.cause}`);

  it('the service changed as well: recreated, and the cause says both', () => {
    const m = withService(stack(), 'db', { command: ['postgres', '-c', 'fsync=off'] });
    expect(own(m, changed(restarted('db')))).toEqual(['service:db recreate-container: config changed: command; sandbox restarted']);
  });

  it.each<[string, Record<string, Partial<ObservedContainer>>, string[]]>([
    ['the sandbox off the network as well: a new sandbox, a new namespace, a new service container', { 'shop-db-sandbox': { startedAt: LATER, detached: true } }, [
      'sandbox:db recreate-container: not on the project network',
      'service:db recreate-container: sandbox recreated',
    ]],
    ['the service container joins a sandbox since replaced (new id): the engine could not start it, so it is made anew', { 'shop-db-sandbox': { running: false }, 'shop-db': { joins: 'id-of-a-removed-sandbox' } }, [
      'sandbox:db start-container: stopped',
      'service:db recreate-container: sandbox replaced',
    ]],
    ['the sandbox stopped, not the service: started, then the service restarted to join it', { 'shop-db-sandbox': { running: false, startedAt: undefined } }, [
      'sandbox:db start-container: stopped',
      'service:db restart-container: sandbox restarted',
    ]],
    ['the service container stopped as well: only started, which joins the namespace as it is', { 'shop-db-sandbox': { startedAt: LATER }, 'shop-db': { running: false, startedAt: undefined } }, [
      'service:db start-container: stopped',
    ]],
    ['both restarted by the engine, the service after its sandbox (dockerd restarted): nothing', { 'shop-db-sandbox': { startedAt: LATER }, 'shop-db': { startedAt: '2026-11-23T12:00:00.75Z' } }, []],
    ["start times not observed (an observation without them): nothing can be said, nothing is done", { 'shop-db-sandbox': { startedAt: undefined }, 'shop-db': { startedAt: undefined } }, []],
  ])('%s', (_, changes, actions) => {
    expect(own(stack(), changed(changes))).toEqual(actions);
  });
});

describe('up SERVICE… and a sandbox restarted outside the selection', () => {
  it('--no-deps: a child whose sandbox restarted under it is not up as the manifest has it', () => {
    const m = stack();
    expect(refusal(() => reconcile(m, changed(restarted('db')), { selected: selectServices(m, ['worker'], { noDeps: true }) }))).toEqual({
      message: 'service "db" is not up as the manifest has it (sandbox restarted): worker links it, and --no-deps leaves it alone',
      remedy: 'bring db up first (`hitch up db`), or leave out --no-deps',
    });
  });

  it('a parent left out is named: a full up would restart it, and the warning says restart, not recreate', () => {
    const plan = reconcile(stack(), changed(restarted('web')), { selected: ['db'] });
    expect(plan.outdated).toEqual([{ service: 'web', links: ['db'], cause: 'sandbox restarted', restart: true }]);
    expect(planText(plan).split('\n').slice(-1)).toEqual(['outdated, not selected: web (links db): sandbox restarted']);
    expect(outdatedWarning(plan.outdated![0]!, {})).toBe(
      'web links db but was not selected: it is left as it is, though a full `hitch up` would restart it (sandbox restarted); run `hitch up web` to update it',
    );
  });

  it('a parent left out that a full up would recreate anyway is said to be recreated, with both causes', () => {
    const plan = reconcile(withService(stack(), 'web', { image: 'web:2' }), changed(restarted('web')), { selected: ['db'] });
    expect(plan.outdated).toEqual([{ service: 'web', links: ['db'], cause: 'config changed: image; sandbox restarted' }]);
  });
});
