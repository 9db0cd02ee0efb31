// External links on `down`: hitch detaches the externals it attached, never removes them (golden plans).
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { planDown, reconcile } from '../../../src/plan/reconcile.js';
import { legacy, stack, upOnce } from './externals-stack.js';

describe('planDown: external links', () => {
  it('detaches every attached external, never removes it, before the network goes', () => {
    expect(planText(planDown('shop', upOnce(), { volumes: true }))).toBe(`plan for shop: 6 actions
remove:service:web  remove-container shop-web  cause: down
remove:service:cache  remove-container shop-cache  cause: down  after: remove:service:web
remove:sandbox:web  remove-container shop-web-sandbox  cause: down  after: remove:service:web
remove:sandbox:cache  remove-container shop-cache-sandbox  cause: down  after: remove:service:cache
disconnect:legacy-db  disconnect-external legacy-db network=shop-hitch  cause: down
network  remove-network shop-hitch  cause: down  after: remove:service:web, remove:service:cache, remove:sandbox:web, remove:sandbox:cache, disconnect:legacy-db
unchanged: none
orphans: none`);
  });

  it("a container on the project's network that no service recorded is not hitch's: left attached", () => {
    const stranger = { ...legacy(), name: 'someone-else', id: 'id-someone-else', attached: true };
    const observed = { ...upOnce(), externals: [...upOnce().externals, stranger] };
    expect(planDown('shop', observed, { volumes: false }).actions.filter((a) => a.kind === 'disconnect-external').map((a) => a.id)).toEqual([
      'disconnect:legacy-db',
    ]);
    expect(reconcile(stack([]), observed).actions.filter((a) => a.kind === 'disconnect-external').map((a) => a.id)).toEqual([
      'disconnect:legacy-db',
    ]);
  });

  it('an external that is not attached is left alone', () => {
    const observed = { ...upOnce(), externals: [legacy()] };
    expect(planDown('shop', observed, { volumes: false }).actions.map((a) => a.id)).toEqual([
      'remove:service:web', 'remove:service:cache', 'remove:sandbox:web', 'remove:sandbox:cache', 'network',
    ]);
  });
});
