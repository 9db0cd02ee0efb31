// A paused container counts as up and is left paused; a paused child is even ready (its kernel takes a
// probe's connection), as compose would have it. A plan that needs something run in a paused sandbox
// (new rules, a TCP probe for its parent) is refused before anything runs, naming each.
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { refusal, withContainers, withService } from './fixtures.js';
import { stack, upOnce } from './stack.js';

function pausing(names: string[], state: ObservedState = upOnce()): ObservedState {
  return withContainers(state, (cs) => cs.map((c) => (names.includes(c.name) ? { ...c, paused: true as const } : c)));
}

function stopping(name: string, state: ObservedState): ObservedState {
  return withContainers(state, (cs) => cs.map((c) => (c.name === name ? { ...c, running: false } : c)));
}

const everyContainer = upOnce().containers.map((c) => c.name);

describe('reconcile: paused containers that nothing needs run in', () => {
  it('all paused, nothing changed: no changes (up leaves them paused, as compose does)', () => {
    expect(planText(reconcile(stack(), pausing(everyContainer)))).toBe(`plan for shop: no changes
unchanged: cache, db, web, worker
orphans: none`);
  });

  it('a paused sandbox and service recreated: made anew, as the engine removes paused containers', () => {
    const m = withService(stack(), 'cache', { expose: [{ port: 6380, proto: 'tcp' }] });
    const plan = reconcile(m, pausing(['shop-cache-sandbox', 'shop-cache']));
    expect(plan.actions.map((a) => `${a.id} ${a.kind}`)).toEqual([
      'sandbox:cache recreate-container',
      'service:cache recreate-container',
      'ready:cache@web await-ready',
      'ready:db@web await-ready',
      'service:web recreate-container',
    ]);
  });

  it('a parent recreated while its children are paused: planned as ever, the children count as ready', () => {
    const m = withService(stack(), 'web', { environment: { DB_PORT: 'theirs' } });
    const plan = reconcile(m, pausing(['shop-db', 'shop-cache', 'shop-db-sandbox', 'shop-cache-sandbox']));
    expect(plan.actions.map((a) => `${a.id} ${a.kind} after: ${a.waitsFor.join(', ')}`)).toEqual([
      'ready:cache@web await-ready after: ',
      'ready:db@web await-ready after: ',
      'service:web recreate-container after: ready:cache@web, ready:db@web',
    ]);
  });

  it('a stopped parent behind its paused sandbox whose child has a healthcheck: no probe runs in it, so it starts', () => {
    const plan = reconcile(stack(), stopping('shop-worker', pausing(['shop-worker-sandbox'])));
    expect(plan.actions.map((a) => `${a.id} ${a.kind}`)).toEqual(['ready:db@worker await-ready', 'service:worker start-container']);
  });

  it('a paused orphan removed with --remove-orphans: nothing run in it', () => {
    const orphan = withContainers(upOnce(), (cs) => [
      ...cs,
      { id: 'id-old-sandbox', name: 'shop-old-sandbox', service: 'old', role: 'sandbox', configHash: 'x', running: true, paused: true, ip: '10.213.0.6' },
      { id: 'id-old', name: 'shop-old', service: 'old', role: 'service', configHash: 'y', running: true },
    ]);
    expect(reconcile(stack(), orphan, { removeOrphans: true }).actions.map((a) => a.id)).toEqual(['remove:service:old', 'remove:sandbox:old']);
  });
});

describe('reconcile: a plan that needs something run in a paused sandbox is refused, each sandbox named', () => {
  it('a stopped parent behind its paused sandbox, with a child to probe over TCP', () => {
    expect(refusal(() => reconcile(stack(), stopping('shop-web', pausing(['shop-web-sandbox']))))).toEqual({
      message: 'nothing runs in a paused sandbox, and this plan needs something run in this one: shop-web-sandbox (it probes cache for web)',
      remedy: 'unpause it (`docker unpause shop-web-sandbox`)',
    });
  });

  it('paused sandboxes whose rules change (unobserved here), one of them also probing; a paused child is not named (it counts as ready)', () => {
    const unobserved = withContainers(upOnce(), (cs) => cs.map((c) => (c.role === 'sandbox' && c.service !== 'cache' ? { ...c, firewallArgs: undefined } : c)));
    const observed = stopping('shop-web', pausing(['shop-db-sandbox', 'shop-web-sandbox', 'shop-db'], unobserved));
    expect(refusal(() => reconcile(stack(), observed))).toEqual({
      message:
        'nothing runs in a paused sandbox, and this plan needs something run in these 2: shop-db-sandbox (its rules change); shop-web-sandbox (its rules change, it probes cache for web)',
      remedy: 'unpause them (`docker unpause shop-db-sandbox shop-web-sandbox`)',
    });
  });

  it('a paused sandbox outside `up SERVICE… --no-deps` whose rules the selection needs in place', () => {
    const unobserved = withContainers(upOnce(), (cs) => cs.map((c) => (c.name === 'shop-db-sandbox' ? { ...c, firewallArgs: undefined } : c)));
    expect(refusal(() => reconcile(stack(), pausing(['shop-db-sandbox'], unobserved), { selected: ['web'] }))).toEqual({
      message: 'nothing runs in a paused sandbox, and this plan needs something run in this one: shop-db-sandbox (its rules change)',
      remedy: 'unpause it (`docker unpause shop-db-sandbox`)',
    });
  });

  it("a paused orphan's sandbox, whose rules are cut while it stays: or remove it", () => {
    const orphan = withContainers(upOnce(), (cs) => [
      ...cs,
      { id: 'id-old-sandbox', name: 'shop-old-sandbox', service: 'old', role: 'sandbox', configHash: 'x', running: true, paused: true, ip: '10.213.0.6', firewallArgs: undefined },
      { id: 'id-old', name: 'shop-old', service: 'old', role: 'service', configHash: 'y', running: true },
    ]);
    expect(refusal(() => reconcile(stack(), orphan))).toEqual({
      message: 'nothing runs in a paused sandbox, and this plan needs something run in this one: shop-old-sandbox (its rules change: old is not in the manifest)',
      remedy: 'unpause it (`docker unpause shop-old-sandbox`), or remove the orphans with `hitch up --remove-orphans`',
    });
  });
});
