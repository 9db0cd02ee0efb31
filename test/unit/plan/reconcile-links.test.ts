// Golden plans when links or a child's exposed ports change: parents recreated, child rules updated in place.
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { link, withService } from './fixtures.js';
import { stack, upOnce } from './stack.js';

describe('reconcile: golden plans', () => {
  it("a link is added: the parent is recreated, the child's rules are updated in place", () => {
    const m = withService(stack(), 'worker', { links: [link('cache'), link('db', 'database')] });
    expect(planText(reconcile(m, upOnce()))).toBe(`plan for shop: 6 actions
firewall:cache  update-firewall shop-cache-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 6379
    rule   accept tcp from 10.213.0.5 to port 6379
    rule   drop from 10.213.0.0/24
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: cache changed  after: firewall:cache
sandbox:worker  recreate-container shop-worker-sandbox ip=10.213.0.5 image=hitch/sandbox:4 replaces=id-shop-worker-sandbox  cause: config changed: hosts
    hosts  10.213.0.2 cache shop-cache
    hosts  10.213.0.3 database db shop-db
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
ready:cache@worker  await-ready shop-cache from=shop-worker-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: worker starts  after: firewall:cache, sandbox:worker
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: worker starts  after: sandbox:worker
service:worker  recreate-container shop-worker image=worker:1 replaces=id-shop-worker  cause: links changed; sandbox recreated  after: sandbox:worker, ready:cache@worker, ready:db@worker
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-worker/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
    env    DATABASE_ENV_PG_VERSION=16
    env    DATABASE_ENV_POSTGRES_PASSWORD=***
    env    DATABASE_NAME=/shop-worker/database
    env    DATABASE_PORT=tcp://10.213.0.3:5432
    env    DATABASE_PORT_5432_TCP=tcp://10.213.0.3:5432
    env    DATABASE_PORT_5432_TCP_ADDR=10.213.0.3
    env    DATABASE_PORT_5432_TCP_PORT=5432
    env    DATABASE_PORT_5432_TCP_PROTO=tcp
unchanged: cache, db, web
orphans: none`);
  });

  it("a child's exposed ports change: the child and exactly the parents that see it (web, not worker)", () => {
    const m = withService(stack(), 'cache', { expose: [{ port: 6379, proto: 'tcp' }, { port: 6380, proto: 'tcp' }] });
    expect(planText(reconcile(m, upOnce()))).toBe(`plan for shop: 5 actions
sandbox:cache  recreate-container shop-cache-sandbox ip=10.213.0.2 image=hitch/sandbox:4 replaces=id-shop-cache-sandbox  cause: config changed: ports
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 6379
    rule   accept tcp from 10.213.0.4 to port 6380
    rule   drop from 10.213.0.0/24
service:cache  recreate-container shop-cache image=redis:7 replaces=id-shop-cache  cause: config changed: ports; sandbox recreated  after: sandbox:cache
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379,6380 timeout=60s  cause: web starts  after: service:cache
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: child cache's exposed ports changed  after: ready:cache@web, ready:db@web
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-web/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_END=tcp://10.213.0.2:6380
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PORT_END=6380
    env    CACHE_PORT_6379_TCP_PORT_START=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
    env    CACHE_PORT_6379_TCP_START=tcp://10.213.0.2:6379
    env    CACHE_PORT_6380_TCP=tcp://10.213.0.2:6380
    env    CACHE_PORT_6380_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6380_TCP_PORT=6380
    env    CACHE_PORT_6380_TCP_PROTO=tcp
    env    DB_ENV_PG_VERSION=16
    env    DB_ENV_POSTGRES_PASSWORD=***
    env    DB_NAME=/shop-web/db
    env    DB_PORT=mine
    env    DB_PORT_5432_TCP=tcp://10.213.0.3:5432
    env    DB_PORT_5432_TCP_ADDR=10.213.0.3
    env    DB_PORT_5432_TCP_PORT=5432
    env    DB_PORT_5432_TCP_PROTO=tcp
unchanged: db, worker
orphans: none`);
  });

  it("a link is removed: the child's rules are updated in place, and only then is the parent's sandbox recreated", () => {
    const m = withService(stack(), 'web', { links: [link('db')] });
    expect(planText(reconcile(m, upOnce()))).toBe(`plan for shop: 4 actions
firewall:cache  update-firewall shop-cache-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
sandbox:web  recreate-container shop-web-sandbox ip=10.213.0.4 image=hitch/sandbox:4 replaces=id-shop-web-sandbox  cause: config changed: hosts  after: firewall:cache
    hosts  10.213.0.3 db shop-db
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.1 to port 80
    rule   drop from 10.213.0.0/24
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts  after: sandbox:web
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: links changed; sandbox recreated  after: sandbox:web, ready:db@web
    env    DB_ENV_PG_VERSION=16
    env    DB_ENV_POSTGRES_PASSWORD=***
    env    DB_NAME=/shop-web/db
    env    DB_PORT=mine
    env    DB_PORT_5432_TCP=tcp://10.213.0.3:5432
    env    DB_PORT_5432_TCP_ADDR=10.213.0.3
    env    DB_PORT_5432_TCP_PORT=5432
    env    DB_PORT_5432_TCP_PROTO=tcp
unchanged: cache, db, worker
orphans: none`);
  });
});
