// Golden plans for the first `up` on an empty engine, and for a second `up` that has nothing to do.
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { freshEngine, stack, upOnce } from './stack.js';

const FIRST_PLAN = `plan for shop: 13 actions
network  create-network shop-hitch subnet=10.213.0.0/24 gateway=10.213.0.1  cause: not found
volume:dbdata  create-volume shop_dbdata  cause: not found
sandbox:cache  create-container shop-cache-sandbox ip=10.213.0.2 image=hitch/sandbox:4  cause: not found  after: network
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 6379
    rule   drop from 10.213.0.0/24
service:cache  create-container shop-cache image=redis:7  cause: not found  after: sandbox:cache
sandbox:db  create-container shop-db-sandbox ip=10.213.0.3 image=hitch/sandbox:4  cause: not found  after: network
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
service:db  create-container shop-db image=postgres:16  cause: not found  after: sandbox:db, volume:dbdata
    env    POSTGRES_PASSWORD=***
sandbox:web  create-container shop-web-sandbox ip=10.213.0.4 image=hitch/sandbox:4  cause: not found  after: network
    hosts  10.213.0.2 cache shop-cache
    hosts  10.213.0.3 db shop-db
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.1 to port 80
    rule   drop from 10.213.0.0/24
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts  after: service:cache, sandbox:web
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts  after: service:db, sandbox:web
service:web  create-container shop-web image=web:1  cause: not found  after: sandbox:web, ready:cache@web, ready:db@web
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-web/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
    env    DB_ENV_PG_VERSION=16
    env    DB_ENV_POSTGRES_PASSWORD=***
    env    DB_NAME=/shop-web/db
    env    DB_PORT=mine
    env    DB_PORT_5432_TCP=tcp://10.213.0.3:5432
    env    DB_PORT_5432_TCP_ADDR=10.213.0.3
    env    DB_PORT_5432_TCP_PORT=5432
    env    DB_PORT_5432_TCP_PROTO=tcp
sandbox:worker  create-container shop-worker-sandbox ip=10.213.0.5 image=hitch/sandbox:4  cause: not found  after: network
    hosts  10.213.0.3 database db shop-db
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: worker starts  after: service:db, sandbox:worker
service:worker  create-container shop-worker image=worker:1  cause: not found  after: sandbox:worker, ready:db@worker
    env    DATABASE_ENV_PG_VERSION=16
    env    DATABASE_ENV_POSTGRES_PASSWORD=***
    env    DATABASE_NAME=/shop-worker/database
    env    DATABASE_PORT=tcp://10.213.0.3:5432
    env    DATABASE_PORT_5432_TCP=tcp://10.213.0.3:5432
    env    DATABASE_PORT_5432_TCP_ADDR=10.213.0.3
    env    DATABASE_PORT_5432_TCP_PORT=5432
    env    DATABASE_PORT_5432_TCP_PROTO=tcp
unchanged: none
orphans: none`;

describe('reconcile: golden plans', () => {
  it('empty engine: the whole stack, each action waiting only for what it needs', () => {
    expect(planText(reconcile(stack(), freshEngine()))).toBe(FIRST_PLAN);
  });

  it('a new service container with children is created once its sandbox (and volumes) exist; its start waits for them', () => {
    const early = (p: ReturnType<typeof reconcile>) =>
      Object.fromEntries(p.actions.flatMap((a) => (a.kind === 'create-container' && a.container.role === 'service' ? [[a.id, a.createAfter]] : [])));
    expect(early(reconcile(stack(), freshEngine()))).toEqual({
      'service:cache': undefined, // no children: nothing to create it ahead of
      'service:db': undefined,
      'service:web': ['sandbox:web'],
      'service:worker': ['sandbox:worker'],
    });
  });

  it('second run on what the first created: no changes', () => {
    expect(planText(reconcile(stack(), upOnce()))).toBe(`plan for shop: no changes
unchanged: cache, db, web, worker
orphans: none`);
  });
});
