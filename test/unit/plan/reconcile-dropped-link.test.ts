// A link removed: the former parent comes back without it only once the child's rules no longer accept
// it, whether the child's rules are updated in place or come with a new sandbox of its own.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/manifest/model.js';
import { planDefects } from '../../../src/plan/plan-check.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, link, manifest, service, withContainers, withService } from './fixtures.js';
import { freshEngine, stack, upOnce } from './stack.js';

/** What each of these actions waits for, in the plan `up` makes for `m` on the stack as the first up left it. */
function waits(m: Manifest, ids: string[]): Record<string, string[] | undefined> {
  const plan = reconcile(m, upOnce());
  return Object.fromEntries(ids.map((id) => [id, plan.actions.find((a) => a.id === id)?.waitsFor]));
}

describe('reconcile: a removed link', () => {
  it("the child's rules updated in place: the parent's new sandbox waits for that update", () => {
    const m = withService(stack(), 'web', { links: [link('db')] });
    expect(waits(m, ['sandbox:web', 'firewall:cache'])).toEqual({ 'sandbox:web': ['firewall:cache'], 'firewall:cache': [] });
  });

  it("the child's sandbox recreated meanwhile (its ports changed): the parent's new sandbox waits for the child's", () => {
    const m = withService(withService(stack(), 'web', { links: [link('db')] }), 'cache', { expose: [{ port: 6380, proto: 'tcp' }] });
    expect(waits(m, ['sandbox:web', 'sandbox:cache', 'firewall:cache'])).toEqual({ 'sandbox:web': ['sandbox:cache'], 'sandbox:cache': [], 'firewall:cache': undefined });
  });

  it('a link kept: no such wait', () => {
    const m = withService(stack(), 'web', { links: [link('cache'), link('db', 'database')] });
    expect(waits(m, ['sandbox:web'])).toEqual({ 'sandbox:web': [] });
  });
});

describe('reconcile: an address that rules being updated still let in is used only once they no longer do', () => {
  it("a parent whose service container is gone (no label says what it linked): its new sandbox waits for the former child's rules", () => {
    const lost = withContainers(upOnce(), (cs) => cs.filter((c) => c.name !== 'shop-web'));
    const plan = reconcile(withService(stack(), 'web', { links: [link('db')] }), lost);
    expect(plan.actions.find((a) => a.id === 'sandbox:web')!.waitsFor).toEqual(['firewall:cache']);
  });

  it('a new service at an address a removed one freed: its sandbox waits until the rules that let that address in drop it', () => {
    const db = service('db', { expose: [{ port: 5432, proto: 'tcp' }] });
    const made = afterPlan(reconcile(manifest([db, service('admin', { links: [link('db')] })]), freshEngine()), freshEngine());
    const lost = withContainers(made, (cs) => cs.filter((c) => c.service !== 'admin'));
    const plan = reconcile(manifest([db, service('aaa')]), lost);
    expect(Object.fromEntries(plan.actions.map((a) => [a.id, a.waitsFor]))).toEqual({
      'sandbox:aaa': ['firewall:db'],
      'service:aaa': ['sandbox:aaa'],
      'firewall:db': [],
    });
  });

  it('an external attached at an address a removed service freed: attached once the rules that let that address in drop it', () => {
    const db = service('db', { expose: [{ port: 5432, proto: 'tcp' }] });
    const pos = db.pos;
    const made = afterPlan(reconcile(manifest([db, service('admin', { links: [link('db')] }), service('web')]), freshEngine()), freshEngine());
    expect(made.containers.filter((c) => c.role === 'sandbox').map((c) => `${c.service} ${c.ip}`)).toEqual(['db 10.213.0.2', 'admin 10.213.0.3', 'web 10.213.0.4']);
    const lost = withContainers(made, (cs) => cs.filter((c) => c.service !== 'admin'));
    const legacy = { id: 'ext', name: 'legacy', image: 'legacy:1', running: true, env: [], exposedPorts: [], hostname: 'legacy', attached: false };
    const m = manifest([db, service('web', { externalLinks: [{ container: 'legacy', alias: 'legacy', pos }] })]);
    const plan = reconcile(m, { ...lost, externals: [legacy] });
    expect(plan.actions.find((a) => a.id === 'connect:legacy')).toMatchObject({ ip: '10.213.0.3', waitsFor: ['firewall:db'] });
  });

  it('two sandboxes whose hand-edited rules let each other in: one waits for the other, never both (no circle)', () => {
    const a = service('a', { expose: [{ port: 80, proto: 'tcp' }] });
    const b = service('b', { expose: [{ port: 80, proto: 'tcp' }] });
    const made = afterPlan(reconcile(manifest([a, b]), freshEngine()), freshEngine());
    const [ipA, ipB] = ['a', 'b'].map((n) => made.containers.find((c) => c.service === n && c.role === 'sandbox')!.ip!);
    // each recreated (off the network), each letting the other in: each drop must precede the other's arrival
    const edited = withContainers(made, (cs) =>
      cs.map((c) => (c.role !== 'sandbox' ? c : { ...c, detached: true, firewallArgs: ['--subnet', '10.213.0.0/24', '--allow', `tcp:${c.service === 'a' ? ipB : ipA}:80`] })),
    );
    const plan = reconcile(manifest([a, b]), edited);
    expect(planDefects(plan)).toEqual([]);
    const waitsFor = (id: string) => plan.actions.find((x) => x.id === id)!.waitsFor;
    expect([waitsFor('sandbox:a').includes('sandbox:b'), waitsFor('sandbox:b').includes('sandbox:a')].sort()).toEqual([false, true]);
  });
});
