// Golden plans of `up SERVICE…`: only the selection is made, the rest is not considered (nor listed as
// unchanged); planning it again changes nothing, and a full `up` then does only what it left out.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/plan/model.js';
import { planText } from '../../../src/plan/plan-text.js';
import { outdatedWarning } from '../../../src/plan/left-out.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { selectServices } from '../../../src/plan/selection.js';
import { afterPlan, link, withContainers, withService } from './fixtures.js';
import { freshEngine, stack, upOnce } from './stack.js';
import { engine, legacy, stack as externalStack } from './externals-stack.js';

const ids = (plan: Plan) => plan.actions.map((a) => `${a.id} ${a.kind}`);
const upWorker = () => reconcile(stack(), freshEngine(), { selected: selectServices(stack(), ['worker']) });

describe('reconcile: a selection', () => {
  it('empty engine, up worker: the network, db with its volume, then worker; cache and web are not considered, and db lets in worker only', () => {
    expect(planText(upWorker())).toBe(`plan for shop: 7 actions
network  create-network shop-hitch subnet=10.213.0.0/24 gateway=10.213.0.1  cause: not found
volume:dbdata  create-volume shop_dbdata  cause: not found
sandbox:db  create-container shop-db-sandbox ip=10.213.0.3 image=hitch/sandbox:4  cause: not found  after: network
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.5 to port 5432
    rule   drop from 10.213.0.0/24
service:db  create-container shop-db image=postgres:16  cause: not found  after: sandbox:db, volume:dbdata
    env    POSTGRES_PASSWORD=***
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
orphans: none
selected: db, worker
outdated, not selected: none`);
  });

  it('once it ran: the same selection has nothing to do, and lists only its own services as unchanged', () => {
    const after = afterPlan(upWorker(), freshEngine());
    expect(planText(reconcile(stack(), after, { selected: ['db', 'worker'] }))).toBe(`plan for shop: no changes
unchanged: db, worker
orphans: none
selected: db, worker
outdated, not selected: none`);
  });

  it("then a full up makes only what the selection left out, at the addresses it kept free, and lets web into db's rules", () => {
    const full = reconcile(stack(), afterPlan(upWorker(), freshEngine()));
    expect(ids(full)).toEqual([
      'sandbox:cache create-container',
      'service:cache create-container',
      'firewall:db update-firewall',
      'sandbox:web create-container',
      'ready:cache@web await-ready',
      'ready:db@web await-ready',
      'service:web create-container',
      'ready:db@worker await-ready', // the link worker -> db proven again through db's new rules
    ]);
    expect(full.actions.find((a) => a.id === 'ready:db@web')!.waitsFor).toEqual(['firewall:db', 'sandbox:web']);
    expect(full.unchanged).toEqual(['db', 'worker']);
    expect(reconcile(stack(), afterPlan(full, afterPlan(upWorker(), freshEngine()))).actions).toEqual([]);
    // the same engine as a full up from nothing, container for container
    const hashes = (s: ReturnType<typeof upOnce>) => s.containers.map((c) => `${c.name} ${c.ip} ${c.configHash} ${c.firewallArgs?.join(' ')}`).sort();
    expect(hashes(afterPlan(full, afterPlan(upWorker(), freshEngine())))).toEqual(hashes(upOnce()));
  });

  it('a child whose shared env changed, up db: only db is recreated; its parents are named as left out of date', () => {
    const m = withService(stack(), 'db', { environment: { POSTGRES_PASSWORD: 'rotated' } });
    const plan = reconcile(m, upOnce(), { selected: selectServices(m, ['db']) });
    expect(planText(plan)).toBe(`plan for shop: 1 action
service:db  recreate-container shop-db image=postgres:16 replaces=id-shop-db  cause: config changed: environment
    env    POSTGRES_PASSWORD=***
unchanged: none
orphans: none
selected: db
outdated, not selected: web (links db): child db's shared env changed
outdated, not selected: worker (links db): child db's shared env changed`);
    expect(plan.outdated).toEqual([
      { service: 'web', links: ['db'], cause: "child db's shared env changed" },
      { service: 'worker', links: ['db'], cause: "child db's shared env changed" },
    ]);
  });

  it('a parent out of date for its own reasons is named with them, and one linking no selected service is not', () => {
    let m = withService(stack(), 'web', { image: 'web:2' });
    m = withService(m, 'worker', { command: ['rest'] });
    expect(reconcile(m, upOnce(), { selected: ['cache'] }).outdated).toEqual([{ service: 'web', links: ['cache'], cause: 'config changed: image' }]);
  });

  it('a parent whose link to a selected child was removed is named too: the child no longer lets it in', () => {
    const m = withService(stack(), 'worker', { links: [] });
    const plan = reconcile(m, upOnce(), { selected: selectServices(m, ['db']) });
    expect(ids(plan)).toEqual(['firewall:db update-firewall']);
    expect(plan.outdated).toEqual([{ service: 'worker', links: [], linked: ['db'], cause: 'config changed: hosts; links changed; sandbox recreated' }]);
    expect(planText(plan).split('\n').slice(-1)).toEqual(['outdated, not selected: worker (linked db when made): config changed: hosts; links changed; sandbox recreated']);
  });

  it('the warning for a parent left out names the up that updates exactly it', () => {
    expect(outdatedWarning({ service: 'web', links: ['cache', 'db'], cause: "child db's shared env changed" }, {})).toBe(
      "web links cache, db but was not selected: it is left as it is, though a full `hitch up` would recreate it (child db's shared env changed); run `hitch up web` to update it",
    );
    expect(outdatedWarning({ service: 'worker', links: [], linked: ['db'], cause: 'links changed' }, {})).toBe(
      'worker was made with a link to db, which db no longer lets in, and was not selected: it is left as it is, though a full `hitch up` would recreate it (links changed); run `hitch up worker` to update it',
    );
  });

  it('the warning names the project as the command line did', () => {
    expect(outdatedWarning({ service: 'web', links: ['db'], cause: 'links changed' }, { invocation: 'hitch -f dev.yaml' })).toBe(
      'web links db but was not selected: it is left as it is, though a full `hitch -f dev.yaml up` would recreate it (links changed); run `hitch -f dev.yaml up web` to update it',
    );
  });

  it("a sandbox that has nothing to do with the selection keeps its rules, though the manifest's changed", () => {
    const m = withService(stack(), 'worker', { links: [] }); // db's rules would drop worker
    expect(planText(reconcile(m, upOnce(), { selected: ['cache'] }))).toBe(`plan for shop: no changes
unchanged: cache
orphans: none
selected: cache
outdated, not selected: none`);
    expect(ids(reconcile(m, upOnce()))).toEqual([ // a full up would
      'firewall:db update-firewall',
      'ready:db@web await-ready',
      'sandbox:worker recreate-container',
      'service:worker recreate-container',
    ]);
  });

  it('orphans are still listed, and removed with removeOrphans', () => {
    const orphaned = withContainers(upOnce(), (cs) => [...cs, { id: 'id-old', name: 'shop-old', service: 'old', role: 'service', configHash: 'x', running: true }]);
    expect(reconcile(stack(), orphaned, { selected: ['cache'] }).orphans).toEqual(['old']);
    expect(ids(reconcile(stack(), orphaned, { selected: ['cache'], removeOrphans: true }))).toEqual(['remove:service:old remove-container']);
  });

  it('an external only a service outside the selection links is neither required nor attached', () => {
    const none = engine([]);
    expect(() => reconcile(externalStack(), none)).toThrow('no container named legacy-db');
    expect(ids(reconcile(externalStack(), none, { selected: ['cache'] }))).toEqual([
      'network create-network',
      'sandbox:cache create-container',
      'service:cache create-container',
    ]);
    expect(ids(reconcile(externalStack(), engine([legacy()]), { selected: ['cache', 'web'] }))).toEqual([
      'network create-network',
      'connect:legacy-db connect-external',
      'sandbox:cache create-container',
      'service:cache create-container',
      'sandbox:web create-container',
      'ready:cache@web await-ready',
      'service:web create-container',
    ]);
  });

  it('a link removed from a selected parent: the child it no longer links stops letting it in first', () => {
    const m = withService(stack(), 'web', { links: [link('db')] });
    const plan = reconcile(m, upOnce(), { selected: selectServices(m, ['web']) });
    expect(ids(plan)).toEqual([
      'firewall:cache update-firewall',
      'sandbox:web recreate-container',
      'ready:db@web await-ready',
      'service:web recreate-container',
    ]);
    expect(plan.actions[1]!.waitsFor).toEqual(['firewall:cache']);
    expect(plan.unchanged).toEqual(['db']);
  });
});
