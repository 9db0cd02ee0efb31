// Golden plans: whole `planText` values for one intent each (STYLE.md: no mocks, no "contains").
import { describe, expect, it } from 'vitest';
import type { Manifest, Service } from '../../../src/manifest/model.js';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, link } from './fixtures.js';
import { freshEngine, images, stack } from './stack.js';

const FIRST_PLAN = `plan for shop: 13 actions
network  create-network shop-hitch subnet=10.213.0.0/24 gateway=10.213.0.1  cause: not found
volume:dbdata  create-volume shop_dbdata  cause: not found
sandbox:cache  create-container shop-cache-sandbox ip=10.213.0.2 image=hitch/sandbox:3  cause: not found  after: network
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 6379
    rule   drop from 10.213.0.0/24
service:cache  create-container shop-cache image=redis:7  cause: not found  after: sandbox:cache
sandbox:db  create-container shop-db-sandbox ip=10.213.0.3 image=hitch/sandbox:3  cause: not found  after: network
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
service:db  create-container shop-db image=postgres:16  cause: not found  after: sandbox:db, volume:dbdata
    env    POSTGRES_PASSWORD=***
sandbox:web  create-container shop-web-sandbox ip=10.213.0.4 image=hitch/sandbox:3  cause: not found  after: network
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
sandbox:worker  create-container shop-worker-sandbox ip=10.213.0.5 image=hitch/sandbox:3  cause: not found  after: network
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

/** The engine after the first `up` ran to completion. */
function upOnce(): ObservedState {
  return afterPlan(reconcile(stack(), freshEngine()), freshEngine());
}

function withService(m: Manifest, name: string, change: Partial<Service>): Manifest {
  return { ...m, services: { ...m.services, [name]: { ...m.services[name]!, ...change } } };
}

function withContainers(observed: ObservedState, f: (cs: ObservedContainer[]) => ObservedContainer[]): ObservedState {
  return { ...observed, containers: f(observed.containers) };
}

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

  it("a child's image changes: only its service container is recreated; its links are probed again", () => {
    const m = withService(stack(), 'db', { image: 'postgres:16.4' });
    const pg164 = { id: 'sha256:pg164', env: ['PATH=/usr/bin', 'PG_VERSION=16'], exposedPorts: [{ port: 5432, proto: 'tcp' as const }] };
    const observed = { ...upOnce(), images: images({ 'postgres:16.4': pg164 }) };
    expect(planText(reconcile(m, observed))).toBe(`plan for shop: 3 actions
service:db  recreate-container shop-db image=postgres:16.4 replaces=id-shop-db  cause: config changed: image
    env    POSTGRES_PASSWORD=***
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, web, worker
orphans: none`);
  });

  it('the same tag rebuilt (new image id): the service container is recreated once its children are ready', () => {
    const observed = { ...upOnce(), images: images({ 'web:1': { id: 'sha256:web2' } }) };
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 3 actions
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: config changed: image  after: ready:cache@web, ready:db@web
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
unchanged: cache, db, worker
orphans: none`);
  });

  it("a child's env changes: the child and its parents are recreated, the sibling cache is not", () => {
    const m = withService(stack(), 'db', { environment: { POSTGRES_PASSWORD: 'new' } });
    expect(planText(reconcile(m, upOnce()))).toBe(`plan for shop: 6 actions
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: config changed: environment
    env    POSTGRES_PASSWORD=***
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts  after: service:db
service:web  recreate-container shop-web image=web:1 replaces=id-shop-web  cause: child db's shared env changed  after: ready:cache@web, ready:db@web
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
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: worker starts  after: service:db
service:worker  recreate-container shop-worker image=worker:1 replaces=id-shop-worker  cause: child db's shared env changed  after: ready:db@worker
    env    DATABASE_ENV_PG_VERSION=16
    env    DATABASE_ENV_POSTGRES_PASSWORD=***
    env    DATABASE_NAME=/shop-worker/database
    env    DATABASE_PORT=tcp://10.213.0.3:5432
    env    DATABASE_PORT_5432_TCP=tcp://10.213.0.3:5432
    env    DATABASE_PORT_5432_TCP_ADDR=10.213.0.3
    env    DATABASE_PORT_5432_TCP_PORT=5432
    env    DATABASE_PORT_5432_TCP_PROTO=tcp
unchanged: cache
orphans: none`);
  });

  it('a key outside share_env changes: parents are untouched', () => {
    const shared = withService(stack(), 'db', { shareEnv: ['PG_VERSION'] });
    const before = afterPlan(reconcile(shared, freshEngine()), freshEngine());
    const m = withService(shared, 'db', { environment: { POSTGRES_PASSWORD: 'new' } });
    expect(planText(reconcile(m, before))).toBe(`plan for shop: 3 actions
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: config changed: environment
    env    POSTGRES_PASSWORD=***
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, web, worker
orphans: none`);
  });

  it('a sandbox is missing: recreated at the same address, and its service container with it', () => {
    const observed = withContainers(upOnce(), (cs) => cs.filter((c) => c.name !== 'shop-db-sandbox'));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 4 actions
sandbox:db  create-container shop-db-sandbox ip=10.213.0.3 image=hitch/sandbox:3  cause: not found
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: sandbox recreated  after: sandbox:db
    env    POSTGRES_PASSWORD=***
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, web, worker
orphans: none`);
  });

  it('a sandbox off the project network (an `up` interrupted before it joined): recreated, and its service with it', () => {
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => (c.name === 'shop-db-sandbox' ? { ...c, detached: true } : c)));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 4 actions
sandbox:db  recreate-container shop-db-sandbox ip=10.213.0.3 image=hitch/sandbox:3 replaces=id-shop-db-sandbox  cause: not on the project network
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: sandbox recreated  after: sandbox:db
    env    POSTGRES_PASSWORD=***
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, web, worker
orphans: none`);
  });

  it('a stopped sandbox restarts (new namespace: its running service is recreated); a stopped service starts', () => {
    const stopped = new Set(['shop-db-sandbox', 'shop-web']);
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => (stopped.has(c.name) ? { ...c, running: false } : c)));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 6 actions
sandbox:db  start-container shop-db-sandbox  cause: stopped
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: sandbox restarted  after: sandbox:db
    env    POSTGRES_PASSWORD=***
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts  after: service:db
service:web  start-container shop-web  cause: stopped  after: ready:cache@web, ready:db@web
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, worker
orphans: none`);
  });

  it('a sandbox restarted under its running service (docker restart): the service is recreated to rejoin it', () => {
    const startedAt = (name: string) => (name === 'shop-db-sandbox' ? '2026-11-23T10:00:05.5Z' : '2026-11-23T10:00:05.25Z');
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => ({ ...c, startedAt: startedAt(c.name) })));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 3 actions
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: sandbox restarted
    env    POSTGRES_PASSWORD=***
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, web, worker
orphans: none`);
  });

  it('services that started after their sandbox are left alone (times compared as times, not text)', () => {
    // As text "05.2Z" sorts after "05.25Z"; as times it is earlier.
    const startedAt = (name: string) => (name.endsWith('-sandbox') ? '2026-11-23T10:00:05.2Z' : '2026-11-23T10:00:05.25Z');
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => ({ ...c, startedAt: startedAt(c.name) })));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: no changes
unchanged: cache, db, web, worker
orphans: none`);
  });

  it("a link is added: the parent is recreated, the child's rules are updated in place", () => {
    const m = withService(stack(), 'worker', { links: [link('cache'), link('db', 'database')] });
    expect(planText(reconcile(m, upOnce()))).toBe(`plan for shop: 6 actions
firewall:cache  update-firewall shop-cache-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 6379
    rule   accept tcp from 10.213.0.5 to port 6379
    rule   drop from 10.213.0.0/24
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: cache changed  after: firewall:cache
sandbox:worker  recreate-container shop-worker-sandbox ip=10.213.0.5 image=hitch/sandbox:3 replaces=id-shop-worker-sandbox  cause: config changed: hosts
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
sandbox:cache  recreate-container shop-cache-sandbox ip=10.213.0.2 image=hitch/sandbox:3 replaces=id-shop-cache-sandbox  cause: config changed: ports
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

  it("a link is removed: the parent is recreated, the child's rules are updated in place", () => {
    const m = withService(stack(), 'web', { links: [link('db')] });
    expect(planText(reconcile(m, upOnce()))).toBe(`plan for shop: 4 actions
firewall:cache  update-firewall shop-cache-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
sandbox:web  recreate-container shop-web-sandbox ip=10.213.0.4 image=hitch/sandbox:3 replaces=id-shop-web-sandbox  cause: config changed: hosts
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

  it('containers made before config parts existed: recreated as before, the cause unnamed', () => {
    const m = withService(stack(), 'worker', { command: ['work', '--less'] });
    const observed = withContainers(upOnce(), (cs) => cs.map(({ configParts: _p, ...c }) => c));
    expect(planText(reconcile(m, observed))).toBe(`plan for shop: 2 actions
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: worker starts
service:worker  recreate-container shop-worker image=worker:1 replaces=id-shop-worker  cause: config changed  after: ready:db@worker
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

  it('rules the engine could not observe are applied again', () => {
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => (c.name === 'shop-web-sandbox' ? { ...c, firewallArgs: undefined } : c)));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 1 action
firewall:web  update-firewall shop-web-sandbox  cause: rules not observed
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.1 to port 80
    rule   drop from 10.213.0.0/24
unchanged: cache, db, web, worker
orphans: none`);
  });
});

describe('reconcile: orphans', () => {
  const orphaned = (): ObservedState =>
    withContainers(upOnce(), (cs) => [
      ...cs,
      { id: 'id-old-sandbox', name: 'shop-old-sandbox', service: 'old', role: 'sandbox', configHash: 'x', running: true, ip: '10.213.0.6' },
      { id: 'id-old', name: 'shop-old', service: 'old', role: 'service', configHash: 'y', running: true },
    ]);

  it('listed, left alone', () => {
    expect(planText(reconcile(stack(), orphaned()))).toBe(`plan for shop: no changes
unchanged: cache, db, web, worker
orphans: old`);
  });

  it('removed with removeOrphans: the service container before its sandbox', () => {
    expect(planText(reconcile(stack(), orphaned(), { removeOrphans: true }))).toBe(`plan for shop: 2 actions
remove:service:old  remove-container shop-old  cause: orphan
remove:sandbox:old  remove-container shop-old-sandbox  cause: orphan  after: remove:service:old
unchanged: cache, db, web, worker
orphans: old`);
  });

  it("an orphan's address is not given to a new service", () => {
    const m = { ...stack(), services: { ...stack().services, zed: { ...stack().services.cache!, name: 'zed', containerName: 'shop-zed' } } };
    const plan = reconcile(m, orphaned());
    const zed = plan.actions.find((a) => a.id === 'sandbox:zed');
    expect(zed?.kind === 'create-container' ? zed.container.network : undefined).toEqual({ name: 'shop-hitch', ip: '10.213.0.7' });
  });
});
