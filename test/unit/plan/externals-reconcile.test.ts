// External links in the planner: attach before the parent starts, env and hosts from the container's own
// inspect, detach when the link goes (golden plans; errors in externals-check.test.ts).
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { manifest, service } from './fixtures.js';
import { engine, legacy, stack, upOnce } from './externals-stack.js';

describe('reconcile: external links', () => {
  it('empty engine: attach at the next free address, before the parent starts; env and hosts from its inspect', () => {
    expect(planText(reconcile(stack(), engine()), { showSecrets: true })).toBe(`plan for shop: 7 actions
network  create-network shop-hitch subnet=10.213.0.0/24 gateway=10.213.0.1  cause: not found
connect:legacy-db  connect-external legacy-db network=shop-hitch ip=10.213.0.4  cause: not attached  after: network
sandbox:cache  create-container shop-cache-sandbox ip=10.213.0.2 image=hitch/sandbox:4  cause: not found  after: network
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.3 to port 6379
    rule   drop from 10.213.0.0/24
service:cache  create-container shop-cache image=redis:7  cause: not found  after: sandbox:cache
sandbox:web  create-container shop-web-sandbox ip=10.213.0.3 image=hitch/sandbox:4  cause: not found  after: network
    hosts  10.213.0.2 cache shop-cache
    hosts  10.213.0.4 db c0ffee123456 legacy-db
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts  after: service:cache, sandbox:web
service:web  create-container shop-web image=web:1  cause: not found  after: sandbox:web, connect:legacy-db, ready:cache@web
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-web/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
    env    DB_ENV_PASSWORD=legacy
    env    DB_ENV_REDIS_VERSION=7
    env    DB_NAME=/shop-web/db
    env    DB_PORT=tcp://10.213.0.4:6379
    env    DB_PORT_6379_TCP=tcp://10.213.0.4:6379
    env    DB_PORT_6379_TCP_ADDR=10.213.0.4
    env    DB_PORT_6379_TCP_PORT=6379
    env    DB_PORT_6379_TCP_PROTO=tcp
unchanged: none
orphans: none`);
  });

  it('a second up changes nothing', () => {
    expect(planText(reconcile(stack(), upOnce()))).toBe(`plan for shop: no changes
unchanged: cache, web
orphans: none`);
  });

  it('an attached external keeps its address; a new service takes another', () => {
    const m = manifest([...Object.values(stack().services), service('api', { image: 'redis:7' })]);
    const plan = reconcile(m, upOnce());
    expect(plan.actions.map((a) => (a.kind === 'create-container' ? `${a.id} ${a.container.network?.ip ?? ''}` : a.id))).toEqual([
      'sandbox:api 10.213.0.5',
      'service:api ',
    ]);
  });

  it('its env changed (the user recreated it): the parent is recreated, and says why', () => {
    const observed = upOnce();
    const changed = { ...observed, externals: [legacy({ attached: true, ip: '10.213.0.4', env: ['PASSWORD=new'] })] };
    expect(planText(reconcile(stack(), changed))).toBe(`plan for shop: 2 actions
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: external container legacy-db's env or exposed ports changed  after: ready:cache@web
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-web/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
    env    DB_ENV_PASSWORD=***
    env    DB_NAME=/shop-web/db
    env    DB_PORT=tcp://10.213.0.4:6379
    env    DB_PORT_6379_TCP=tcp://10.213.0.4:6379
    env    DB_PORT_6379_TCP_ADDR=10.213.0.4
    env    DB_PORT_6379_TCP_PORT=6379
    env    DB_PORT_6379_TCP_PROTO=tcp
unchanged: cache
orphans: none`);
  });

  it('the external link removed: detached, and the parent recreated without its hosts line and env', () => {
    const plan = reconcile(stack([]), upOnce());
    expect(planText(plan)).toBe(`plan for shop: 4 actions
disconnect:legacy-db  disconnect-external legacy-db network=shop-hitch  cause: no longer linked
sandbox:web  recreate-container shop-web-sandbox ip=10.213.0.3 image=hitch/sandbox:4 replaces=id-shop-web-sandbox  cause: config changed: hosts
    hosts  10.213.0.2 cache shop-cache
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts  after: sandbox:web
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: links changed; sandbox recreated  after: sandbox:web, ready:cache@web
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-web/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
unchanged: cache
orphans: none`);
  });
});
