// Golden plans when a service's own config changes (image, env, share_env): who is recreated and who is probed.
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, withContainers, withService } from './fixtures.js';
import { freshEngine, images, stack, upOnce } from './stack.js';

describe('reconcile: golden plans', () => {
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
});
