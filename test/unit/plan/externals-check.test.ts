// External links the engine would refuse: errors at plan time, before anything is made, every problem
// at once, each with a remedy.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/manifest/model.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { manifest, refusal, service } from './fixtures.js';
import { engine, legacy, POS, stack } from './externals-stack.js';

function planError(m: Manifest, observed: ObservedState): { message: string; remedy?: string } {
  return refusal(() => reconcile(m, observed));
}

describe('reconcile: external links the engine would refuse', () => {
  it('missing: a plan-time error naming the container, with a remedy', () => {
    expect(planError(stack(), engine([]))).toEqual({
      message: 'no container named legacy-db: service "web" links it as "db" (external_links)',
      remedy: 'create and start legacy-db first, or remove "legacy-db:db" from the external_links of web',
    });
  });

  it("stopped: docker's words, every problem at once", () => {
    const m = manifest([
      service('web', { externalLinks: [{ container: 'legacy-db', alias: 'db', pos: POS }] }),
      service('api', { externalLinks: [{ container: 'gone', alias: 'gone', pos: POS }, { container: 'legacy-db', alias: 'store', pos: POS }] }),
    ]);
    expect(planError(m, engine([legacy({ running: false })]))).toEqual({
      message: [
        'no container named gone: service "api" links it as "gone" (external_links)',
        'Cannot link to a non running container: /legacy-db AS /shop-api/store',
        'Cannot link to a non running container: /legacy-db AS /shop-web/db',
      ].join('\n'),
      remedy: 'create and start gone first, or remove "gone" from the external_links of api; start it first: docker start legacy-db',
    });
  });

  it.each([
    ['container:0123abcd', 'link the container whose network legacy-db shares instead (its id is in that network mode)'],
    ['host', "recreate legacy-db on a network of its own (docker's default bridge will do)"],
    ['none', "recreate legacy-db on a network of its own (docker's default bridge will do)"],
  ])('network mode %s: it cannot join the project network, said before anything is made', (networkMode, remedy) => {
    expect(planError(stack(), engine([legacy({ networkMode })]))).toEqual({
      message: `container legacy-db runs with network mode "${networkMode}", which the engine cannot attach to another network: service "web" cannot link it as "db" (external_links)`,
      remedy,
    });
  });

  it('any other network mode is attached as usual', () => {
    for (const networkMode of ['default', 'bridge', 'legacy-net']) expect(() => reconcile(stack(), engine([legacy({ networkMode })]))).not.toThrow();
  });
});
