// A paused container counts as up and is left paused; a plan that needs something of one (new rules, a
// probe from it, a parent waiting for it to be ready) is refused before anything runs, naming each.
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { refusal, withContainers, withService } from './fixtures.js';
import { stack, upOnce } from './stack.js';

function pausing(names: string[], state: ObservedState = upOnce()): ObservedState {
  return withContainers(state, (cs) => cs.map((c) => (names.includes(c.name) ? { ...c, paused: true as const } : c)));
}

const everyContainer = upOnce().containers.map((c) => c.name);

describe('reconcile: paused containers', () => {
  it('all paused, nothing changed: no changes (up leaves them paused, as compose does)', () => {
    expect(planText(reconcile(stack(), pausing(everyContainer)))).toBe(`plan for shop: no changes
unchanged: cache, db, web, worker
orphans: none`);
  });

  it('a paused child recreated: made anew, so nothing paused is in the way', () => {
    const plan = reconcile(withService(stack(), 'db', { command: ['postgres', '-c', 'fsync=off'] }), pausing(['shop-db']));
    expect(plan.actions.map((a) => a.id)).toEqual(['service:db', 'ready:db@web', 'ready:db@worker']);
  });

  it('a parent recreated while its child is paused: refused, as the child would never answer', () => {
    const m = withService(stack(), 'web', { environment: { DB_PORT: 'theirs' } });
    expect(refusal(() => reconcile(m, pausing(['shop-db'])))).toEqual({
      message: 'nothing runs in a paused container, and this plan needs one: shop-db (web waits for it to be ready)',
      remedy: 'unpause it (`docker unpause shop-db`), then run `hitch up` again',
    });
  });

  it('a stopped parent behind its paused sandbox: refused, as the sandbox probes its children', () => {
    const observed = withContainers(pausing(['shop-web-sandbox']), (cs) => cs.map((c) => (c.name === 'shop-web' ? { ...c, running: false } : c)));
    expect(refusal(() => reconcile(stack(), observed))).toEqual({
      message: 'nothing runs in a paused container, and this plan needs one: shop-web-sandbox (it probes cache for web, it probes db for web)',
      remedy: 'unpause it (`docker unpause shop-web-sandbox`), then run `hitch up` again',
    });
  });

  it('paused sandboxes whose rules change, and a paused child: each named once, with all the plan needs of it', () => {
    const unobserved = withContainers(upOnce(), (cs) => cs.map((c) => (c.role === 'sandbox' && c.service !== 'cache' ? { ...c, firewallArgs: undefined } : c)));
    const m = withService(stack(), 'worker', { command: ['work', '--harder'] });
    expect(refusal(() => reconcile(m, pausing(['shop-db-sandbox', 'shop-web-sandbox', 'shop-db'], unobserved)))).toEqual({
      // db's new rules are proven from each parent, through web's sandbox too
      message: 'nothing runs in a paused container, and this plan needs 3: shop-db-sandbox (its rules change); shop-web-sandbox (its rules change, it probes db for web); shop-db (web waits for it to be ready, worker waits for it to be ready)',
      remedy: 'unpause them (`docker unpause shop-db-sandbox shop-web-sandbox shop-db`), then run `hitch up` again',
    });
  });
});
