// Golden plans when what a link injects changes while the child's own settings do not: its address, or
// the variables its ports make under another link_env. The parent's cause names the child (config-parts.ts),
// as for its shared env or exposed ports, where it said only "config changed".
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { LABEL } from '../../../src/plan/model.js';
import * as externals from './externals-stack.js';
import { afterPlan, manifest, service, withContainers, withService } from './fixtures.js';
import { freshEngine, stack, upOnce } from './stack.js';

describe('reconcile: golden plans, a cause for what a link injects', () => {
  it("a child back at another address (its containers removed, a new service took its address): its parents say so", () => {
    const m = manifest([...Object.values(stack().services), service('api', { image: 'redis:7' })]);
    const dbRemoved = withContainers(upOnce(), (cs) => cs.filter((c) => c.service !== 'db'));
    expect(planText(reconcile(m, dbRemoved))).toBe(`plan for shop: 11 actions
sandbox:api  create-container shop-api-sandbox ip=10.213.0.3 image=hitch/sandbox:4  cause: not found
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
service:api  create-container shop-api image=redis:7  cause: not found  after: sandbox:api
sandbox:db  create-container shop-db-sandbox ip=10.213.0.6 image=hitch/sandbox:4  cause: not found
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
service:db  create-container shop-db image=postgres:16  cause: not found  after: sandbox:db
    env    POSTGRES_PASSWORD=***
sandbox:web  recreate-container shop-web-sandbox ip=10.213.0.4 image=hitch/sandbox:4 replaces=id-shop-web-sandbox  cause: config changed: hosts
    hosts  10.213.0.2 cache shop-cache
    hosts  10.213.0.6 db shop-db
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.1 to port 80
    rule   drop from 10.213.0.0/24
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts  after: sandbox:web
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.6 tcp=5432 healthcheck timeout=30s  cause: web starts  after: service:db, sandbox:web
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: child db's address changed; sandbox recreated  after: sandbox:web, ready:cache@web, ready:db@web
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
    env    DB_PORT_5432_TCP=tcp://10.213.0.6:5432
    env    DB_PORT_5432_TCP_ADDR=10.213.0.6
    env    DB_PORT_5432_TCP_PORT=5432
    env    DB_PORT_5432_TCP_PROTO=tcp
sandbox:worker  recreate-container shop-worker-sandbox ip=10.213.0.5 image=hitch/sandbox:4 replaces=id-shop-worker-sandbox  cause: config changed: hosts
    hosts  10.213.0.6 database db shop-db
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.6 tcp=5432 healthcheck timeout=30s  cause: worker starts  after: service:db, sandbox:worker
service:worker  recreate-container shop-worker image=worker:1 replaces=id-shop-worker  cause: child db's address changed; sandbox recreated  after: sandbox:worker, ready:db@worker
    env    DATABASE_ENV_PG_VERSION=16
    env    DATABASE_ENV_POSTGRES_PASSWORD=***
    env    DATABASE_NAME=/shop-worker/database
    env    DATABASE_PORT=tcp://10.213.0.6:5432
    env    DATABASE_PORT_5432_TCP=tcp://10.213.0.6:5432
    env    DATABASE_PORT_5432_TCP_ADDR=10.213.0.6
    env    DATABASE_PORT_5432_TCP_PORT=5432
    env    DATABASE_PORT_5432_TCP_PROTO=tcp
unchanged: cache
orphans: none`);
  });

  it("link_env switched: a parent whose child's ports read otherwise in the new dialect (a range) says so; one whose child's do not (one port) is unchanged", () => {
    const ranged = withService(stack(), 'cache', { expose: [{ port: 6379, proto: 'tcp' }, { port: 6380, proto: 'tcp' }] });
    const before = afterPlan(reconcile(ranged, freshEngine()), freshEngine());
    expect(planText(reconcile({ ...ranged, linkEnv: 'classic' }, before))).toBe(`plan for shop: 3 actions
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379,6380 timeout=60s  cause: web starts
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: child cache's link env changed (link_env)  after: ready:cache@web, ready:db@web
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-web/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
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
unchanged: cache, db, worker
orphans: none`);
  });

  it('an external container attached again at another address: its parent says so', () => {
    const moved = { ...externals.upOnce(), externals: [externals.legacy({ attached: true, ip: '10.213.0.9' })] };
    expect(planText(reconcile(externals.stack(), moved))).toBe(`plan for shop: 3 actions
sandbox:web  recreate-container shop-web-sandbox ip=10.213.0.3 image=hitch/sandbox:4 replaces=id-shop-web-sandbox  cause: config changed: hosts
    hosts  10.213.0.2 cache shop-cache
    hosts  10.213.0.9 db c0ffee123456 legacy-db
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts  after: sandbox:web
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: external container legacy-db's address changed; sandbox recreated  after: sandbox:web, ready:cache@web
    env    CACHE_ENV_REDIS_VERSION=7.2
    env    CACHE_NAME=/shop-web/cache
    env    CACHE_PORT=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379
    env    CACHE_PORT_6379_TCP_ADDR=10.213.0.2
    env    CACHE_PORT_6379_TCP_PORT=6379
    env    CACHE_PORT_6379_TCP_PROTO=tcp
    env    DB_ENV_PASSWORD=***
    env    DB_ENV_REDIS_VERSION=7
    env    DB_NAME=/shop-web/db
    env    DB_PORT=tcp://10.213.0.9:6379
    env    DB_PORT_6379_TCP=tcp://10.213.0.9:6379
    env    DB_PORT_6379_TCP_ADDR=10.213.0.9
    env    DB_PORT_6379_TCP_PORT=6379
    env    DB_PORT_6379_TCP_PROTO=tcp
unchanged: cache
orphans: none`);
  });

  it('those parts are not hashed: the parents hitch made before them keep their hash, so an upgrade recreates nothing', () => {
    const hashes = reconcile(stack(), freshEngine()).actions.flatMap((a) =>
      a.kind === 'create-container' && a.container.role === 'service' && a.container.labels[LABEL.links] ? [`${a.id} ${a.container.labels[LABEL.configHash]}`] : [],
    );
    // as hitch computed them before it had a part for a child's address or link_env
    expect(hashes).toEqual(['service:web 1900b75c42c30bc9', 'service:worker 41f721d53b30c004']);
  });
});
