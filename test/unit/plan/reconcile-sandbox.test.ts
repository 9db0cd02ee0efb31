// Golden plans when a sandbox is missing, detached, stopped, restarted or its rules unobserved
// (reconcile-sandbox-restarted.test.ts: a sandbox restarted under its service, case by case).
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, withContainers } from './fixtures.js';
import { stack, upOnce } from './stack.js';

describe('reconcile: golden plans', () => {
  it('a sandbox is missing: recreated at the same address, and its service container with it', () => {
    const observed = withContainers(upOnce(), (cs) => cs.filter((c) => c.name !== 'shop-db-sandbox'));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 4 actions
sandbox:db  create-container shop-db-sandbox ip=10.213.0.3 image=hitch/sandbox:4  cause: not found
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
sandbox:db  recreate-container shop-db-sandbox ip=10.213.0.3 image=hitch/sandbox:4 replaces=id-shop-db-sandbox  cause: not on the project network
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

  it('a stopped sandbox starts (new namespace: its running service is restarted to join it); a stopped service starts', () => {
    const stopped = new Set(['shop-db-sandbox', 'shop-web']);
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => (stopped.has(c.name) ? { ...c, running: false } : c)));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 6 actions
sandbox:db  start-container shop-db-sandbox  cause: stopped
service:db  restart-container shop-db  cause: sandbox restarted  after: sandbox:db
ready:cache@web  await-ready shop-cache from=shop-web-sandbox ip=10.213.0.2 tcp=6379 timeout=60s  cause: web starts
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: web starts  after: service:db
service:web  start-container shop-web  cause: stopped  after: ready:cache@web, ready:db@web
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, worker
orphans: none`);
  });

  it('a stopped sandbox whose rules changed gets them recorded before it starts: it never enforces the old ones', () => {
    // its rules still let in 10.213.0.9, the address of a parent removed while it was stopped
    const stale = ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.4:5432', '--allow', 'tcp:10.213.0.5:5432', '--allow', 'tcp:10.213.0.9:5432'];
    const stopped = (c: ObservedContainer) => (c.name === 'shop-db-sandbox' ? { ...c, running: false, firewallArgs: stale } : c);
    const observed = withContainers(upOnce(), (cs) => cs.map(stopped));
    const plan = reconcile(stack(), observed);
    expect(planText(plan)).toBe(`plan for shop: 5 actions
firewall:db  update-firewall shop-db-sandbox  cause: rules changed (stopped: recorded for its next start)
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
sandbox:db  start-container shop-db-sandbox  cause: stopped  after: firewall:db
service:db  restart-container shop-db  cause: sandbox restarted  after: sandbox:db
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db, firewall:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db, firewall:db
unchanged: cache, web, worker
orphans: none`);
    expect(plan.actions[0]).toMatchObject({ kind: 'update-firewall', stopped: true });
    expect(reconcile(stack(), afterPlan(plan, observed)).actions).toEqual([]);
  });

  it('a sandbox restarted under its running service (docker restart): the service is restarted to rejoin it', () => {
    const startedAt = (name: string) => (name === 'shop-db-sandbox' ? '2026-11-23T10:00:05.5Z' : '2026-11-23T10:00:05.25Z');
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => ({ ...c, startedAt: startedAt(c.name) })));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 3 actions
service:db  restart-container shop-db  cause: sandbox restarted
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: db changed  after: service:db
unchanged: cache, web, worker
orphans: none`);
  });

  it('a service container made for a sandbox replaced since (an `up` cut short): recreated, as the engine cannot start it', () => {
    // each service container joins its sandbox by id; db's names one an interrupted `up` replaced
    const joins = (c: ObservedContainer) => (c.name === 'shop-db' ? 'id-of-a-removed-sandbox' : `id-${c.name}-sandbox`);
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => (c.role === 'service' ? { ...c, joins: joins(c), running: c.name !== 'shop-db' } : c)));
    expect(planText(reconcile(stack(), observed))).toBe(`plan for shop: 3 actions
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: sandbox replaced
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
