import { describe, expect, it } from 'vitest';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { planText } from '../../../src/plan/plan-text.js';
import { planDown, reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, emptyEngine } from './fixtures.js';
import { freshEngine, stack } from './stack.js';

const up = () => afterPlan(reconcile(stack(), freshEngine()), freshEngine());
const ALL = 'remove:service:web, remove:service:cache, remove:service:worker, remove:service:db, remove:sandbox:web, remove:sandbox:cache, remove:sandbox:worker, remove:sandbox:db';

describe('planDown', () => {
  it('-v: parents first, then sandboxes, then the network and the volumes', () => {
    expect(planText(planDown('shop', up(), { volumes: true }))).toBe(`plan for shop: 10 actions
remove:service:web  remove-container shop-web  cause: down
remove:service:cache  remove-container shop-cache  cause: down  after: remove:service:web
remove:service:worker  remove-container shop-worker  cause: down
remove:service:db  remove-container shop-db  cause: down  after: remove:service:web, remove:service:worker
remove:sandbox:web  remove-container shop-web-sandbox  cause: down  after: remove:service:web
remove:sandbox:cache  remove-container shop-cache-sandbox  cause: down  after: remove:service:cache
remove:sandbox:worker  remove-container shop-worker-sandbox  cause: down  after: remove:service:worker
remove:sandbox:db  remove-container shop-db-sandbox  cause: down  after: remove:service:db
network  remove-network shop-hitch  cause: down  after: ${ALL}
volume:dbdata  remove-volume shop_dbdata  cause: down  after: ${ALL}
unchanged: none
orphans: none`);
  });

  it('without -v the volumes stay', () => {
    const plan = planDown('shop', up(), { volumes: false });
    expect(plan.actions.map((a) => a.id)).toEqual([
      'remove:service:web',
      'remove:service:cache',
      'remove:service:worker',
      'remove:service:db',
      'remove:sandbox:web',
      'remove:sandbox:cache',
      'remove:sandbox:worker',
      'remove:sandbox:db',
      'network',
    ]);
  });

  it('nothing there: nothing to do', () => {
    expect(planText(planDown('shop', emptyEngine(), { volumes: true }))).toBe(`plan for shop: no changes
unchanged: none
orphans: none`);
  });

  it('links in labels that form a cycle never make removals wait in a circle', () => {
    const c = (service: string, links: string[]): ObservedContainer => ({
      id: `id-${service}`, name: `p-${service}`, service, role: 'service', configHash: 'h', running: true, links,
    });
    const plan = planDown('p', emptyEngine({ containers: [c('a', ['b']), c('b', ['a']), c('c', ['a'])] }), { volumes: false });
    expect(planText(plan)).toBe(`plan for p: 3 actions
remove:service:c  remove-container p-c  cause: down
remove:service:a  remove-container p-a  cause: down  after: remove:service:c
remove:service:b  remove-container p-b  cause: down  after: remove:service:a
unchanged: none
orphans: none`);
  });
});

describe('planDown: leaving the network', () => {
  it('each sandbox leaves the project network before it stops; service containers have no endpoint there', () => {
    const removals = planDown('shop', up(), { volumes: false }).actions.filter((a) => a.kind === 'remove-container');
    expect(removals.map((a) => [a.id, a.kind === 'remove-container' ? a.network : undefined])).toEqual([
      ['remove:service:web', undefined],
      ['remove:service:cache', undefined],
      ['remove:service:worker', undefined],
      ['remove:service:db', undefined],
      ['remove:sandbox:web', 'shop-hitch'],
      ['remove:sandbox:cache', 'shop-hitch'],
      ['remove:sandbox:worker', 'shop-hitch'],
      ['remove:sandbox:db', 'shop-hitch'],
    ]);
  });
});
