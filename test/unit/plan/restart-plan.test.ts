// `restart`'s plan, golden, one line per action (plan-text.ts): children first, each parent after the
// children it restarts, and after their readiness probes when the manifest says what ready is for them,
// as `start` probes them; a sandbox that does not run brought back before its service.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/manifest/model.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { actionLine } from '../../../src/plan/plan-text.js';
import { planRestart, type RestartTarget } from '../../../src/plan/restart-plan.js';
import { emptyEngine, link, manifest, PROJECT, service } from './fixtures.js';

const IPS: Record<string, string> = { db: '10.213.0.2', web: '10.213.0.3', worker: '10.213.0.4' };

/** Both containers of a service, running, the service container linking `links`; `sandbox` changes its sandbox. */
function target(name: string, links: string[] = [], sandbox: Partial<ObservedContainer> = {}): RestartTarget {
  const common = { service: name, configHash: '', running: true };
  return {
    service: name,
    sandbox: { ...common, id: `${name}-sandbox`, name: `${PROJECT}-${name}-sandbox`, role: 'sandbox', ip: IPS[name], ...sandbox },
    main: { ...common, id: name, name: `${PROJECT}-${name}`, role: 'service', ip: IPS[name], links },
  };
}

const SHOP = manifest([
  service('db', { expose: [{ port: 5432, proto: 'tcp' }], readyTimeoutMs: 30_000 }),
  service('web', { links: [link('db')], expose: [{ port: 80, proto: 'tcp' }] }),
  service('worker', { links: [link('db')], healthcheck: { test: ['CMD', 'true'] } }),
]);

function plan(targets: RestartTarget[], m?: Manifest, stopTimeoutSec?: number): string[] {
  const restartPlan = planRestart({ project: PROJECT, targets, observed: emptyEngine(), manifest: m, stopTimeoutSec });
  return restartPlan.actions.map(actionLine);
}

describe('planRestart', () => {
  it('a parent restarts once its restarted child is ready, probed from its sandbox as start probes it', () => {
    expect(plan([target('db'), target('web', ['db'])], SHOP)).toEqual([
      'restart shop-db  restart-container shop-db  cause: restart',
      'ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.2 tcp=5432 timeout=30s  cause: web restarts  after: restart shop-db',
      'restart shop-web  restart-container shop-web  cause: restart  after: restart shop-db, ready:db@web',
    ]);
  });

  it('two parents of one child: each waits for its own probe, and for nothing of the other', () => {
    expect(plan([target('db'), target('web', ['db']), target('worker', ['db'])], SHOP)).toEqual([
      'restart shop-db  restart-container shop-db  cause: restart',
      'ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.2 tcp=5432 timeout=30s  cause: web restarts  after: restart shop-db',
      'restart shop-web  restart-container shop-web  cause: restart  after: restart shop-db, ready:db@web',
      'ready:db@worker  await-ready shop-db from=shop-worker-sandbox ip=10.213.0.2 tcp=5432 timeout=30s  cause: worker restarts  after: restart shop-db',
      'restart shop-worker  restart-container shop-worker  cause: restart  after: restart shop-db, ready:db@worker',
    ]);
  });

  it("a child's healthcheck is what its parent waits for", () => {
    const m = manifest([service('worker', { healthcheck: { test: ['CMD', 'true'] } }), service('web', { links: [link('worker')] })]);
    expect(plan([target('worker'), target('web', ['worker'])], m)[1]).toBe(
      'ready:worker@web  await-ready shop-worker from=shop-web-sandbox ip=10.213.0.4 healthcheck timeout=60s  cause: web restarts  after: restart shop-worker',
    );
  });

  it('without a manifest (-p): children first, the parent after their restart, with nothing to probe', () => {
    expect(plan([target('db'), target('web', ['db'])])).toEqual([
      'restart shop-db  restart-container shop-db  cause: restart',
      'restart shop-web  restart-container shop-web  cause: restart  after: restart shop-db',
    ]);
  });

  it('a child this restart leaves alone is neither waited for nor probed', () => {
    expect(plan([target('web', ['db'])], SHOP)).toEqual(['restart shop-web  restart-container shop-web  cause: restart']);
  });

  it("a stopped sandbox is started first, and its service's probes go out once it runs", () => {
    expect(plan([target('db'), target('web', ['db'], { running: false, ip: undefined })], SHOP)).toEqual([
      'restart shop-db  restart-container shop-db  cause: restart',
      'start shop-web-sandbox  start-container shop-web-sandbox  cause: restart',
      'ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.2 tcp=5432 timeout=30s  cause: web restarts  after: restart shop-db, start shop-web-sandbox',
      'restart shop-web  restart-container shop-web  cause: restart  after: start shop-web-sandbox, restart shop-db, ready:db@web',
    ]);
  });

  it("a child whose sandbox was stopped is probed at the address its service container remembers", () => {
    expect(plan([target('db', [], { running: false, ip: undefined }), target('web', ['db'])], SHOP)[2]).toBe(
      'ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.2 tcp=5432 timeout=30s  cause: web restarts  after: restart shop-db',
    );
  });

  it('a restarting sandbox is stopped and started, and -t is the stop timeout of each stop', () => {
    const actions = planRestart({ project: PROJECT, targets: [target('db', [], { restarting: true })], observed: emptyEngine(), manifest: SHOP, stopTimeoutSec: 3 }).actions;
    expect(actions.map((a) => [actionLine(a), 'stopTimeoutSec' in a ? a.stopTimeoutSec : undefined])).toEqual([
      ['restart shop-db-sandbox  restart-container shop-db-sandbox  cause: restart', 3],
      ['restart shop-db  restart-container shop-db  cause: restart  after: restart shop-db-sandbox', 3],
    ]);
  });
});
