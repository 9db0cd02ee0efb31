// `up --no-deps SERVICE…`: a child left out must be up as the manifest has it, and then only its rules
// change, in place, to let the new parent in. And which sandboxes outside a selection get new rules.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/manifest/model.js';
import type { Plan } from '../../../src/plan/model.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { selectServices } from '../../../src/plan/selection.js';
import { afterPlan, link, manifest, refusal, service, withContainers, withService } from './fixtures.js';
import { stack as externalStack, upOnce as externalsUp } from './externals-stack.js';
import { freshEngine, stack, upOnce } from './stack.js';

const ids = (plan: Plan) => plan.actions.map((a) => `${a.id} ${a.kind}`);
const noDeps = (m: Manifest, observed: ObservedState, ...names: string[]) => reconcile(m, observed, { selected: selectServices(m, names, { noDeps: true }) });
const withoutWorker = (): Manifest => ({ ...stack(), services: Object.fromEntries(Object.entries(stack().services).filter(([n]) => n !== 'worker')) });

describe('--no-deps: a child left out must be up as the manifest has it', () => {
  it('children that do not exist: refused, each named with who links it, before anything is planned', () => {
    expect(refusal(() => noDeps(stack(), freshEngine(), 'web', 'worker'))).toEqual({
      // one line: the CLI prefixes only the first line of a message with `hitch:`
      message: '2 services --no-deps leaves alone are not up as the manifest has them: "cache" (not found; web links it), "db" (not found; web, worker link it)',
      remedy: 'bring cache, db up first (`hitch up cache db`), or leave out --no-deps',
    });
  });

  it('a child that is up is not named: only the one that is not', () => {
    const dbOnly = afterPlan(reconcile(stack(), freshEngine(), { selected: ['db'] }), freshEngine());
    expect(refusal(() => noDeps(stack(), dbOnly, 'web')).message).toBe(
      'service "cache" is not up as the manifest has it (not found): web links it, and --no-deps leaves it alone',
    );
  });

  it.each([
    { what: 'stopped', change: (s: ObservedState) => withContainers(s, (cs) => cs.map((c) => (c.name === 'shop-db' ? { ...c, running: false } : c))), cause: 'stopped' },
    { what: 'its sandbox stopped', change: (s: ObservedState) => withContainers(s, (cs) => cs.map((c) => (c.name === 'shop-db-sandbox' ? { ...c, running: false } : c))), cause: 'stopped' },
    { what: 'off the network', change: (s: ObservedState) => withContainers(s, (cs) => cs.map((c) => (c.name === 'shop-db-sandbox' ? { ...c, detached: true } : c))), cause: 'not on the project network' },
    { what: 'gone', change: (s: ObservedState) => withContainers(s, (cs) => cs.filter((c) => c.service !== 'db')), cause: 'not found' },
  ])('a child $what: refused ($cause)', ({ change, cause }) => {
    expect(refusal(() => noDeps(stack(), change(upOnce()), 'worker')).message).toBe(
      `service "db" is not up as the manifest has it (${cause}): worker links it, and --no-deps leaves it alone`,
    );
  });

  it('a child out of date with the manifest: refused with what a full up would change', () => {
    const m = withService(stack(), 'db', { command: ['postgres', '-c', 'fsync=off'] });
    expect(refusal(() => noDeps(m, upOnce(), 'worker')).message).toBe(
      'service "db" is not up as the manifest has it (config changed: command): worker links it, and --no-deps leaves it alone',
    );
  });

  it('a new parent of a child that is up: the child is left running, its rules let the parent in, in place, before the probe', () => {
    const before = afterPlan(reconcile(withoutWorker(), freshEngine()), freshEngine());
    expect(planText(noDeps(stack(), before, 'worker'))).toBe(`plan for shop: 4 actions
firewall:db  update-firewall shop-db-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.4 to port 5432
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
sandbox:worker  create-container shop-worker-sandbox ip=10.213.0.5 image=hitch/sandbox:4  cause: not found
    hosts  10.213.0.3 database db shop-db
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.3 tcp=5432 healthcheck timeout=30s  cause: worker starts  after: firewall:db, sandbox:worker
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
orphans: none
selected: worker
outdated, not selected: none`);
  });

  it('an existing parent recreated with the child up: nothing to do for the child, its rules already let it in', () => {
    const m = withService(stack(), 'worker', { command: ['work', '--harder'] });
    expect(ids(noDeps(m, upOnce(), 'worker'))).toEqual(['ready:db@worker await-ready', 'service:worker recreate-container']);
  });
});

describe('a selection: which sandboxes outside it get the manifest rules', () => {
  it('one whose rules let in an address the selection gives out (a parent lost): updated, in place, before the address is used', () => {
    const db = service('db', { expose: [{ port: 5432, proto: 'tcp' }] });
    const admin = service('admin', { links: [link('db')] });
    // admin was at 10.213.0.3, db's rules let it in; then both its containers were removed by hand
    const made = afterPlan(reconcile(manifest([db, admin]), freshEngine()), freshEngine());
    const lost = withContainers(made, (cs) => cs.filter((c) => c.service !== 'admin'));
    // aaa comes first in start order and takes the freed 10.213.0.3: db must stop letting that address in
    expect(planText(reconcile(manifest([db, admin, service('aaa')]), lost, { selected: ['aaa'] }))).toBe(`plan for shop: 3 actions
sandbox:aaa  create-container shop-aaa-sandbox ip=10.213.0.3 image=hitch/sandbox:4  cause: not found  after: firewall:db
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
service:aaa  create-container shop-aaa image=aaa:1  cause: not found  after: sandbox:aaa
firewall:db  update-firewall shop-db-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   drop from 10.213.0.0/24
unchanged: none
orphans: none
selected: aaa
outdated, not selected: none`);
  });

  it('a former child whose rules still let in a service whose container is gone: updated before the service is made again', () => {
    // `docker rm -f shop-web` (or a recreate interrupted): the label that said web linked cache is gone
    const lost = withContainers(upOnce(), (cs) => cs.filter((c) => c.name !== 'shop-web'));
    const m = withService(stack(), 'web', { links: [link('db')] });
    const plan = reconcile(m, lost, { selected: selectServices(m, ['web']) });
    expect(Object.fromEntries(plan.actions.map((a) => [a.id, a.waitsFor]))).toEqual({
      'firewall:cache': [],
      'sandbox:web': ['firewall:cache'],
      'ready:db@web': ['sandbox:web'],
      'service:web': ['sandbox:web', 'ready:db@web'],
    });
    const cache = afterPlan(plan, lost).containers.find((c) => c.name === 'shop-cache-sandbox')!;
    expect(cache.firewallArgs).toEqual(['--subnet', '10.213.0.0/24']);
  });

  it('a selected service already up whose address a former child still lets in: that child is updated too', () => {
    const db = service('db', { expose: [{ port: 5432, proto: 'tcp' }] });
    const made = afterPlan(reconcile(manifest([db, service('admin', { links: [link('db')] })]), freshEngine()), freshEngine());
    // admin's link removed, and its service container gone: nothing but db's rules says it linked db
    const m = manifest([db, service('admin')]);
    const lost = withContainers(made, (cs) => cs.filter((c) => c.name !== 'shop-admin'));
    expect(ids(reconcile(m, lost, { selected: ['admin'] }))).toEqual([
      'sandbox:admin recreate-container',
      'service:admin create-container',
      'firewall:db update-firewall',
    ]);
    expect(reconcile(m, lost, { selected: ['admin'] }).actions[0]!.waitsFor).toEqual(['firewall:db']);
  });

  it('a parent not made yet is let in once it is made, not at the address planned for it before', () => {
    const db = service('db', { expose: [{ port: 5432, proto: 'tcp' }] });
    const m = manifest([db, service('admin', { links: [link('db')] })]);
    const dbUp = afterPlan(reconcile(m, freshEngine(), { selected: ['db'] }), freshEngine());
    expect(dbUp.containers.find((c) => c.name === 'shop-db-sandbox')!.firewallArgs).toEqual(['--subnet', '10.213.0.0/24']);
    expect(ids(reconcile(m, dbUp, { selected: ['admin', 'db'] }))).toEqual([
      'firewall:db update-firewall',
      'sandbox:admin create-container',
      'ready:db@admin await-ready',
      'service:admin create-container',
    ]);
  });

  it('one stopped gets them recorded for its next start, and nothing outside the selection is started', () => {
    const stopped = withContainers(upOnce(), (cs) => cs.map((c) => (c.name === 'shop-cache-sandbox' ? { ...c, running: false } : c)));
    const m = withService(stack(), 'web', { links: [link('db')] });
    const plan = reconcile(m, stopped, { selected: ['db', 'web'] });
    expect(plan.actions[0]).toMatchObject({ sandbox: 'shop-cache-sandbox', stopped: true, firewall: { allow: [] } });
    expect(ids(plan)).toEqual([
      'firewall:cache update-firewall',
      'sandbox:web recreate-container',
      'ready:db@web await-ready',
      'service:web recreate-container',
    ]);
  });

  it('an external is detached only once no service outside the selection was made with it', () => {
    const unlinked = externalStack([]);
    expect(ids(reconcile(unlinked, externalsUp(), { selected: ['cache'] }))).toEqual([]);
    expect(ids(reconcile(unlinked, externalsUp(), { selected: ['cache', 'web'] }))).toEqual([
      'disconnect:legacy-db disconnect-external',
      'sandbox:web recreate-container',
      'ready:cache@web await-ready',
      'service:web recreate-container',
    ]);
  });
});
