// `hitch start` runs `up`'s plan only when it does nothing but start what exists (start-only.ts).
import { describe, expect, it } from 'vitest';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { beyondStarting, servicesStarted } from '../../../src/plan/start-only.js';
import { withContainers } from './fixtures.js';
import { stack, upOnce } from './stack.js';

const stopped = (names: string[]) => withContainers(upOnce(), (cs) => cs.map((c: ObservedContainer) => (names.includes(c.name) ? { ...c, running: false } : c)));
const refusal = (e: ReturnType<typeof beyondStarting>) => e && { message: e.message, remedy: e.remedy };

describe('start: only starts', () => {
  it('a stack stopped whole: starts only, children first, so it runs', () => {
    const all = upOnce().containers.map((c) => c.name);
    const plan = reconcile(stack(), stopped(all));
    expect(beyondStarting(plan, [])).toBeUndefined();
    expect(servicesStarted(plan)).toEqual(['cache', 'db', 'web', 'worker']);
    expect(plan.actions.map((a) => a.kind).filter((k) => k !== 'start-container' && k !== 'await-ready')).toEqual([]);
  });

  it('each sandbox starts before its service, and the parent after its children are ready', () => {
    const plan = reconcile(stack(), stopped(['shop-web', 'shop-web-sandbox']), { selected: ['web'] });
    expect(plan.actions.map((a) => `${a.id} after: ${a.waitsFor.join(', ')}`)).toEqual([
      'sandbox:web after: ',
      'ready:cache@web after: sandbox:web',
      'ready:db@web after: sandbox:web',
      'service:web after: sandbox:web, ready:cache@web, ready:db@web',
    ]);
    expect(beyondStarting(plan, ['web'])).toBeUndefined();
  });

  it('a stopped sandbox whose rules changed: recorded before it starts, still only starting', () => {
    const stale = ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.9:5432'];
    const observed = withContainers(stopped(['shop-db', 'shop-db-sandbox']), (cs) => cs.map((c) => (c.name === 'shop-db-sandbox' ? { ...c, firewallArgs: stale } : c)));
    const plan = reconcile(stack(), observed, { selected: ['db'] });
    expect(plan.actions.filter((a) => a.kind === 'update-firewall').map((a) => a.cause)).toEqual(['rules changed (stopped: recorded for its next start)']);
    expect(beyondStarting(plan, ['db'])).toBeUndefined();
  });

  it('a service whose config changed: refused, naming what up would do and the up to run', () => {
    const changed = stack();
    const worker = { ...changed.services.worker!, command: ['work', '--harder'] };
    const plan = reconcile({ ...changed, services: { ...changed.services, worker } }, stopped(['shop-worker', 'shop-worker-sandbox']), { selected: ['db', 'worker'] });
    expect(refusal(beyondStarting(plan, ['worker']))).toEqual({
      message: 'start only starts existing containers, and shop needs more: recreate-container shop-worker (config changed: command); nothing was started',
      remedy: 'run `hitch up worker`, which does that and starts the rest',
    });
  });

  it('the up to run, as the user named the project (-f, -p), so that it works when pasted', () => {
    const changed = stack();
    const worker = { ...changed.services.worker!, command: ['work', '--harder'] };
    const plan = reconcile({ ...changed, services: { ...changed.services, worker } }, stopped(['shop-worker', 'shop-worker-sandbox']), { selected: ['db', 'worker'] });
    expect(beyondStarting(plan, ['worker'], 'hitch -f dev.yaml -p shop up')?.remedy).toBe('run `hitch -f dev.yaml -p shop up worker`, which does that and starts the rest');
  });

  it('a running sandbox whose rules are stale: applying them is up’s work, refused', () => {
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => (c.name === 'shop-cache-sandbox' ? { ...c, firewallArgs: ['--subnet', '10.213.0.0/24'] } : c)));
    expect(refusal(beyondStarting(reconcile(stack(), observed), []))).toEqual({
      message: 'start only starts existing containers, and shop needs more: update-firewall the rules of shop-cache-sandbox (rules changed); nothing was started',
      remedy: 'run `hitch up`, which does that and starts the rest',
    });
  });

  it('nothing stopped: nothing to do', () => {
    const plan = reconcile(stack(), upOnce());
    expect({ refused: beyondStarting(plan, []), started: servicesStarted(plan) }).toEqual({ refused: undefined, started: [] });
  });
});
