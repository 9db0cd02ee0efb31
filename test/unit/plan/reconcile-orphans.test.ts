// Orphans: containers of services no longer in the manifest, listed, removed on request, their addresses kept.
import { describe, expect, it } from 'vitest';
import type { ObservedState } from '../../../src/plan/observed.js';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { withContainers } from './fixtures.js';
import { stack, upOnce } from './stack.js';

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

  // `old` renamed to `renamed` in the manifest, its container_name kept: the engine refuses a second shop-old
  const renamed = () => ({ ...stack(), services: { ...stack().services, renamed: { ...stack().services.cache!, name: 'renamed', containerName: 'shop-old' } } });

  it("a new container taking an orphan's name waits for the orphan's removal", () => {
    const plan = reconcile(renamed(), orphaned(), { removeOrphans: true });
    const waits = (id: string) => {
      const a = plan.actions.find((x) => x.id === id);
      return a?.kind === 'create-container' ? [a.waitsFor, a.createAfter] : undefined;
    };
    expect([waits('sandbox:renamed'), waits('service:renamed')]).toEqual([
      [['remove:sandbox:old'], undefined],
      [['sandbox:renamed', 'remove:service:old'], undefined],
    ]);
  });

  it('without removeOrphans: a plan-time error naming both services, with the remedy', () => {
    expect(() => reconcile(renamed(), orphaned())).toThrow(
      expect.objectContaining({
        message: [
          'container name shop-old-sandbox of service "renamed" is held by service "old", which the manifest no longer has',
          'container name shop-old of service "renamed" is held by service "old", which the manifest no longer has',
        ].join('\n'),
        remedy: 'remove the orphans first with `hitch up --remove-orphans`, or give the service another container_name',
      }),
    );
  });

  it("a recreate that takes an orphan's name (a container_name changed to it) waits for the orphan's removal too", () => {
    const m = { ...stack(), services: { ...stack().services, cache: { ...stack().services.cache!, containerName: 'shop-old' } } };
    const plan = reconcile(m, orphaned(), { removeOrphans: true });
    const waits = (id: string) => plan.actions.find((a) => a.id === id)?.waitsFor;
    expect([waits('sandbox:cache'), waits('service:cache')]).toEqual([['remove:sandbox:old'], ['sandbox:cache', 'remove:service:old']]);
    expect(() => reconcile(m, orphaned())).toThrow(/container name shop-old-sandbox of service "cache" is held by service "old"/);
  });
});

