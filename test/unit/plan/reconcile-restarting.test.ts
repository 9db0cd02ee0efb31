// A container its restart policy has between two starts (`restarting`: the engine counts it as running)
// is the engine's to start: `up` leaves it alone as it would a running one, so a second `up` on a
// crash-looping service plans nothing, whenever it looks. Its sandbox's new rules are recorded for the
// start its policy makes; a change still recreates it.
import { describe, expect, it } from 'vitest';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { planDefects } from '../../../src/plan/plan-check.js';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, refusal, withContainers, withService } from './fixtures.js';
import { stack, upOnce } from './stack.js';

const LATER = '2026-11-23T12:00:00.5Z'; // after every start of upOnce()

/** upOnce(), the named containers changed as given (by name). */
function changed(changes: Record<string, Partial<ObservedContainer>>, state: ObservedState = upOnce()): ObservedState {
  return withContainers(state, (cs) => cs.map((c) => ({ ...c, ...changes[c.name] })));
}

const restarting = { running: true, restarting: true as const };
const NO_CHANGES = `plan for shop: no changes
unchanged: cache, db, web, worker
orphans: none`;

describe('reconcile: restarting containers left to their restart policy', () => {
  it.each<[string, Record<string, Partial<ObservedContainer>>]>([
    ['a service container restarting', { 'shop-db': restarting }],
    ['a parent restarting', { 'shop-web': restarting }],
    ['every service container restarting', { 'shop-db': restarting, 'shop-cache': restarting, 'shop-web': restarting, 'shop-worker': restarting }],
    ['a sandbox restarting under its running service', { 'shop-db-sandbox': restarting }],
    ['a sandbox and its service both restarting', { 'shop-db-sandbox': restarting, 'shop-db': restarting }],
    ['a restarting service whose sandbox restarted since it last started: it joins the new one at its next start', { 'shop-db-sandbox': { startedAt: LATER }, 'shop-db': { ...restarting, startedAt: '2026-11-23T09:00:00Z' } }],
    ['a restarting sandbox started after its running service: it has no namespace yet, nothing to rejoin', { 'shop-db-sandbox': { ...restarting, startedAt: LATER } }],
  ])('%s: no changes', (_, changes) => {
    expect(planText(reconcile(stack(), changed(changes)))).toBe(NO_CHANGES);
  });

  it('the same service stopped instead: started (restarting is not stopped)', () => {
    expect(planText(reconcile(stack(), changed({ 'shop-worker': { running: false } })))).toBe(`plan for shop: 2 actions
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: worker starts
service:worker  start-container shop-worker  cause: stopped  after: ready:db@worker
unchanged: cache, db, web
orphans: none`);
  });

  it('a restarting sandbox whose rules change: recorded for the start its policy makes, as for a stopped one', () => {
    const plan = reconcile(stack(), changed({ 'shop-worker-sandbox': { ...restarting, firewallArgs: ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.9:1'] } }));
    expect(planText(plan)).toBe(`plan for shop: 1 action
firewall:worker  update-firewall shop-worker-sandbox  cause: rules changed (restarting: recorded for its next start)
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
unchanged: cache, db, web, worker
orphans: none`);
    // the executor looks again, and records them if it still cannot apply them (start-only: a start's work)
    expect(plan.actions.map((a) => a.kind === 'update-firewall' && a.stopped)).toEqual([true]);
  });

  it('a restarting service container whose sandbox is stopped: the sandbox started, the service restarted to join it (its policy may try before, then give up)', () => {
    const before = changed({ 'shop-worker-sandbox': { running: false }, 'shop-worker': restarting });
    const plan = reconcile(stack(), before);
    expect(planText(plan)).toBe(`plan for shop: 3 actions
sandbox:worker  start-container shop-worker-sandbox  cause: stopped
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: worker starts  after: sandbox:worker
service:worker  restart-container shop-worker  cause: sandbox restarted  after: sandbox:worker, ready:db@worker
unchanged: cache, db, web
orphans: none`);
    expect(planDefects(plan)).toEqual([]);
  });

  it('a restarting container whose config changed: recreated as ever', () => {
    const m = withService(stack(), 'worker', { command: ['work', '--harder'] });
    const plan = reconcile(m, changed({ 'shop-worker': restarting }));
    expect(plan.actions.map((a) => `${a.id} ${a.kind} ${a.cause}`)).toEqual(['ready:db@worker await-ready worker starts', 'service:worker recreate-container config changed: command']);
  });

  it('two ups on a crash-looping service: the second plans nothing, however the engine is caught', () => {
    // the first up sees it stopped (between runs, before its policy acted) or restarting: either way the
    // next observation, restarting or briefly running, plans nothing
    const first = reconcile(stack(), changed({ 'shop-worker': { running: false } }));
    for (const caught of [restarting, { running: true }]) {
      expect(planText(reconcile(stack(), changed({ 'shop-worker': caught }, afterPlan(first, upOnce()))))).toBe(NO_CHANGES);
    }
  });
});

describe('reconcile: a plan that needs a restarting sandbox running is refused before anything runs', () => {
  const sandboxRestarting = { ...restarting, exitCode: 1 };

  it("a stopped service whose sandbox keeps restarting: its start could not join it, so it is refused, with the sandbox's last exit code", () => {
    const observed = changed({ 'shop-worker-sandbox': sandboxRestarting, 'shop-worker': { running: false } });
    expect(refusal(() => reconcile(stack(), observed))).toEqual({
      message: "the sandbox of worker keeps restarting, and this plan needs it running: shop-worker-sandbox (worker's container starts in it; its last run exited with code 1)",
      remedy: 'see why in `docker logs shop-worker-sandbox`, then make it anew with `hitch up --force-recreate --no-deps worker`',
    });
  });

  it('its remedy names the project as the command line did', () => {
    const observed = changed({ 'shop-worker-sandbox': sandboxRestarting, 'shop-worker': { running: false } });
    expect(refusal(() => reconcile(stack(), observed, { invocation: 'hitch -f dev.yaml -p shop' })).remedy).toBe(
      'see why in `docker logs shop-worker-sandbox`, then make it anew with `hitch -f dev.yaml -p shop up --force-recreate --no-deps worker`',
    );
  });

  it('a service container recreated, or made, in a restarting sandbox: refused the same way, each sandbox named once', () => {
    const m = withService(stack(), 'worker', { command: ['work', '--harder'] });
    const observed = withContainers(changed({ 'shop-worker-sandbox': sandboxRestarting, 'shop-web-sandbox': restarting }), (cs) => cs.filter((c) => c.name !== 'shop-web'));
    expect(refusal(() => reconcile(m, observed))).toEqual({
      message:
        "the sandboxes of web, worker keep restarting, and this plan needs them running: shop-web-sandbox (it probes cache for web, web's container starts in it); shop-worker-sandbox (worker's container starts in it; its last run exited with code 1)",
      remedy: 'see why in `docker logs shop-web-sandbox`, `docker logs shop-worker-sandbox`, then make them anew with `hitch up --force-recreate --no-deps web worker`',
    });
  });

  it("a child changed, probed from its running parent's restarting sandbox: refused, naming the probe", () => {
    const m = withService(stack(), 'cache', { command: ['redis-server', '--save', ''] });
    expect(refusal(() => reconcile(m, changed({ 'shop-web-sandbox': sandboxRestarting })))).toEqual({
      message: 'the sandbox of web keeps restarting, and this plan needs it running: shop-web-sandbox (it probes cache for web; its last run exited with code 1)',
      remedy: 'see why in `docker logs shop-web-sandbox`, then make it anew with `hitch up --force-recreate --no-deps web`',
    });
  });

  it('a stopped parent behind its restarting sandbox: the probe and the start, in plan order; a probe by healthcheck is the engine\'s own, and not named', () => {
    const observed = changed({ 'shop-web-sandbox': sandboxRestarting, 'shop-web': { running: false } });
    expect(refusal(() => reconcile(stack(), observed)).message).toBe(
      "the sandbox of web keeps restarting, and this plan needs it running: shop-web-sandbox (it probes cache for web, web's container starts in it; its last run exited with code 1)",
    );
  });

  it('a child with a healthcheck changed, its parent behind a restarting sandbox: no probe runs in it, so the plan stands', () => {
    const m = withService(stack(), 'db', { command: ['postgres', '-c', 'fsync=off'] });
    const plan = reconcile(m, changed({ 'shop-worker-sandbox': sandboxRestarting }));
    expect(plan.actions.map((a) => a.id)).toEqual(['service:db', 'ready:db@web', 'ready:db@worker']);
  });

  it('the way out it names: --force-recreate makes the sandbox anew, and the service container joins the new one', () => {
    const observed = changed({ 'shop-worker-sandbox': sandboxRestarting, 'shop-worker': { running: false } });
    const plan = reconcile(stack(), observed, { selected: ['worker'], forceRecreate: true });
    expect(plan.actions.map((a) => `${a.id} ${a.kind}`)).toEqual(['sandbox:worker recreate-container', 'ready:db@worker await-ready', 'service:worker recreate-container']);
  });

  it('outside the selection (`up db`), it is left to its restart policy', () => {
    const observed = changed({ 'shop-worker-sandbox': sandboxRestarting, 'shop-worker': { running: false } });
    expect(reconcile(stack(), observed, { selected: ['db'] }).actions).toEqual([]);
  });
});
