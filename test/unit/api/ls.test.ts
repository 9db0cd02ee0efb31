// `ls` on a fake engine that answers `observe` the way the real one does: externals by the names asked
// for, plus whatever is attached to the project's network. It has no other method, so `ls` can only read.
import { describe, expect, it } from 'vitest';
import { ls, type LsRow } from '../../../src/api/ls.js';
import type { Engine, ObserveOptions } from '../../../src/engine/engine.js';
import type { ObservedExternal, ObservedState } from '../../../src/plan/observed.js';
import { legacy, POS, stack, upOnce } from '../plan/externals-stack.js';

function fakeEngine(state: ObservedState) {
  const calls: unknown[][] = [];
  const engine = {
    async observe(project: string, imageRefs: string[], opts: ObserveOptions = {}): Promise<ObservedState> {
      calls.push([project, imageRefs, opts]);
      const named = new Set(opts.externals ?? []);
      return { ...state, externals: state.externals.filter((e) => e.attached || named.has(e.name)) };
    },
  } as unknown as Engine;
  return { engine, calls };
}

/** The project up, and its external container as given: not attached, so found only by its name. */
function engineWith(externals: ObservedExternal[]) {
  return fakeEngine({ ...upOnce(), externals });
}

const CACHE = { service: 'cache', container: 'shop-cache', id: 'id-shop-cach', image: 'redis:7', state: 'running' } as const;

describe('ls', () => {
  it("lists each external link as parent/alias, pointing at the external container, among the service's links by alias", async () => {
    const { engine, calls } = engineWith([legacy({ id: 'c0ffee1234567890' })]);
    expect(await ls(engine, stack())).toEqual<LsRow[]>([
      { name: 'cache', ...CACHE },
      { name: 'web', service: 'web', container: 'shop-web', id: 'id-shop-web', image: 'web:1', state: 'running' },
      { name: 'web/cache', ...CACHE },
      { name: 'web/db', external: true, container: 'legacy-db', id: 'c0ffee123456', image: 'legacy/redis:6', state: 'running' },
    ]);
    // start times: a sandbox restarted under its service is told by them (lookup.ts); nothing else per container
    expect(calls).toEqual([['shop', [], { externals: ['legacy-db'], startTimes: true }]]);
  });

  it.each<[string, ObservedExternal[], Partial<LsRow>]>([
    ['stopped', [legacy({ running: false })], { id: 'c0ffee', image: 'legacy/redis:6', state: 'stopped' }],
    ['paused', [legacy({ paused: true })], { id: 'c0ffee', image: 'legacy/redis:6', state: 'paused' }],
    ['missing: no id, and no image to name (null, as in ps)', [], { id: null, image: null, state: 'missing' }],
  ])('an external container %s', async (_, externals, expected) => {
    const rows = await ls(engineWith(externals).engine, stack());
    expect(rows.find((r) => r.name === 'web/db')).toEqual({ name: 'web/db', external: true, container: 'legacy-db', ...expected });
  });

  it('sorts link paths by alias whichever kind of link they are', async () => {
    const m = stack([{ container: 'legacy-db', alias: 'a-db', pos: POS }]);
    expect((await ls(engineWith([legacy()]).engine, m)).map((r) => r.name)).toEqual(['cache', 'web', 'web/a-db', 'web/cache']);
  });
});

describe('ls: a paused container', () => {
  const pausing = (names: string[]) => (st: ObservedState): ObservedState => ({ ...st, containers: st.containers.map((c) => (names.includes(c.name) ? { ...c, paused: true as const } : c)) });

  it.each<[string, string[], LsRow['state']]>([
    ['its service container: paused', ['shop-cache'], 'paused'],
    ['its sandbox only: said, as nothing runs in it (its namespace and firewall still hold)', ['shop-cache-sandbox'], 'sandbox paused'],
    ['both: paused, as the service is', ['shop-cache', 'shop-cache-sandbox'], 'paused'],
  ])('%s', async (_, names, state) => {
    const rows = await ls(fakeEngine(pausing(names)({ ...upOnce(), externals: [legacy()] })).engine, stack());
    expect(rows.filter((r) => r.name.endsWith('cache')).map((r) => [r.name, r.state])).toEqual([['cache', state], ['web/cache', state]]);
  });
});

describe("ls: a service whose sandbox is not running, or restarted under it, has no network, though its container runs", () => {
  it.each<[string, (state: ObservedState) => ObservedState, LsRow['state']]>([
    ['stopped', (st) => ({ ...st, containers: st.containers.map((c) => (c.name === 'shop-cache-sandbox' ? { ...c, running: false } : c)) }), 'sandbox stopped'],
    ['missing', (st) => ({ ...st, containers: st.containers.filter((c) => c.name !== 'shop-cache-sandbox') }), 'sandbox missing'],
    // the service container kept the old namespace, now empty
    ['restarted under it', (st) => ({ ...st, containers: st.containers.map((c) => (c.name === 'shop-cache-sandbox' ? { ...c, startedAt: '2026-11-23T12:00:00Z' } : c)) }), 'sandbox restarted'],
  ])('sandbox %s', async (_, change, state) => {
    const rows = await ls(fakeEngine(change({ ...upOnce(), externals: [legacy()] })).engine, stack());
    expect(rows.filter((r) => r.name.endsWith('cache')).map((r) => [r.name, r.state])).toEqual([['cache', state], ['web/cache', state]]);
  });
});

