// `up --force-recreate`: every container of the selection is made again, sandbox and service, changed
// or not, each with the flag as its cause; the services left out are kept.
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan } from './fixtures.js';
import { stack, upOnce } from './stack.js';

describe('reconcile --force-recreate', () => {
  it('of cache alone on an unchanged stack: both its containers recreated, at the same address, its parent kept', () => {
    expect(planText(reconcile(stack(), upOnce(), { selected: ['cache'], forceRecreate: true }))).toBe(`plan for shop: 2 actions
sandbox:cache  recreate-container shop-cache-sandbox ip=10.213.0.2 image=hitch/sandbox:4 replaces=id-shop-cache-sandbox  cause: --force-recreate
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 6379
    rule   drop from 10.213.0.0/24
service:cache  recreate-container shop-cache image=redis:7 replaces=id-shop-cache  cause: --force-recreate  after: sandbox:cache
unchanged: none
orphans: none
selected: cache
outdated, not selected: none`);
  });

  it('of everything: every container recreated, each with the flag as its cause', () => {
    const plan = reconcile(stack(), upOnce(), { forceRecreate: true });
    const recreated = plan.actions.filter((a) => a.kind === 'recreate-container').map((a) => `${a.id}: ${a.cause}`);
    expect(recreated).toEqual([
      'sandbox:cache: --force-recreate',
      'service:cache: --force-recreate',
      'sandbox:db: --force-recreate',
      'service:db: --force-recreate',
      'sandbox:web: --force-recreate',
      'service:web: --force-recreate',
      'sandbox:worker: --force-recreate',
      'service:worker: --force-recreate',
    ]);
    expect(plan.actions.filter((a) => a.kind !== 'recreate-container' && a.kind !== 'await-ready')).toEqual([]);
  });

  it('once applied, a plan without the flag changes nothing', () => {
    const forced = reconcile(stack(), upOnce(), { forceRecreate: true });
    expect(reconcile(stack(), afterPlan(forced, upOnce())).actions).toEqual([]);
  });

  it('with a real change too: both causes are said', () => {
    const changed = stack();
    const cache = { ...changed.services.cache!, command: ['redis-server', '--save', ''] };
    const plan = reconcile({ ...changed, services: { ...changed.services, cache } }, upOnce(), { selected: ['cache'], forceRecreate: true });
    expect(plan.actions.find((a) => a.id === 'service:cache')?.cause).toBe('config changed: command; --force-recreate');
  });
});
