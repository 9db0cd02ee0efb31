// Orphans: containers of services no longer in the manifest, listed, removed on request, their addresses
// kept, and their rules cut to the host's while they stay.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../../src/plan/model.js';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { withContainers } from './fixtures.js';
import { stack, upOnce } from './stack.js';

const HOST_ONLY = ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.1:9000'];

describe('reconcile: orphans', () => {
  // `old` published 9000 and was linked by a parent at 10.213.0.4 (web's address now)
  const orphaned = (sandbox: Partial<ObservedContainer> = { firewallArgs: HOST_ONLY }): ObservedState =>
    withContainers(upOnce(), (cs) => [
      ...cs,
      { id: 'id-old-sandbox', name: 'shop-old-sandbox', service: 'old', role: 'sandbox', configHash: 'x', running: true, ip: '10.213.0.6', ...sandbox },
      { id: 'id-old', name: 'shop-old', service: 'old', role: 'service', configHash: 'y', running: true },
    ]);
  const stale = { firewallArgs: ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.1:9000', '--allow', 'tcp:10.213.0.4:9000-9001'] };
  const isolation = (plan: { actions: Action[] }) => plan.actions.find((a) => a.id === 'firewall:old');

  it('listed, left alone when its rules let in the host only', () => {
    expect(planText(reconcile(stack(), orphaned()))).toBe(`plan for shop: no changes
unchanged: cache, db, web, worker
orphans: old`);
  });

  it('its rules that let in a former parent are cut, in place, to the host\'s: the manifest links it to nothing', () => {
    const plan = reconcile(stack(), orphaned(stale));
    expect(planText(plan)).toBe(`plan for shop: 1 action
firewall:old  update-firewall shop-old-sandbox  cause: not in the manifest: no link lets anything in
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.1 to port 9000
    rule   drop from 10.213.0.0/24
unchanged: cache, db, web, worker
orphans: old`);
    expect(isolation(plan)).toMatchObject({ service: 'old', orphan: true, firewall: { subnet: '10.213.0.0/24', allow: [{ from: '10.213.0.1', proto: 'tcp', port: 9000 }] } });
  });

  it('rules not observed are cut to the ports it publishes, each once', () => {
    const plan = reconcile(stack(), orphaned({ firewallArgs: undefined, published: ['0.0.0.0:49155->9000/tcp', '[::]:49155->9000/tcp', '127.0.0.1:49160->53/udp'] }));
    expect(isolation(plan)).toMatchObject({
      firewall: { allow: [{ from: '10.213.0.1', proto: 'tcp', port: 9000 }, { from: '10.213.0.1', proto: 'udp', port: 53 }] },
    });
  });

  it('an orphan named like an Object member ("constructor") is an orphan too: listed, cut, removed on request', () => {
    const odd = withContainers(orphaned(stale), (cs) => cs.map((c) => (c.service === 'old' ? { ...c, service: 'constructor' } : c)));
    expect(reconcile(stack(), odd).orphans).toEqual(['constructor']);
    expect(reconcile(stack(), odd).actions.map((a) => a.id)).toEqual(['firewall:constructor']);
    expect(reconcile(stack(), odd, { removeOrphans: true }).actions.map((a) => a.id)).toEqual(['remove:service:constructor', 'remove:sandbox:constructor']);
  });

  it('a second sandbox labelled with the same orphan (made by hand) gets no second cut: one action per service', () => {
    const twice = withContainers(orphaned(stale), (cs) => [...cs, { ...cs.find((c) => c.name === 'shop-old-sandbox')!, id: 'id-old-sandbox-2', name: 'shop-old-sandbox-2' }]);
    expect(reconcile(stack(), twice).actions.map((a) => a.id)).toEqual(['firewall:old']);
  });

  it('a stopped orphan gets the cut rules recorded for its next start (hitch restart, docker start, a restart policy)', () => {
    const plan = reconcile(stack(), orphaned({ ...stale, running: false }));
    expect(planText(plan)).toBe(`plan for shop: 1 action
firewall:old  update-firewall shop-old-sandbox  cause: not in the manifest: no link lets anything in (stopped: recorded for its next start)
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.1 to port 9000
    rule   drop from 10.213.0.0/24
unchanged: cache, db, web, worker
orphans: old`);
    expect(isolation(plan)).toMatchObject({ orphan: true, stopped: true });
  });

  it('a stopped orphan whose recorded rules let in the host only is left alone', () => {
    expect(isolation(reconcile(stack(), orphaned({ firewallArgs: HOST_ONLY, running: false })))).toBeUndefined();
  });

  it('a service coming up at an address its rules let in waits for the cut', () => {
    // 10.213.0.7 was freed by a removed parent; the new service `zed` is given it
    const freed = { firewallArgs: ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.7:9000'] };
    const m = { ...stack(), services: { ...stack().services, zed: { ...stack().services.cache!, name: 'zed', containerName: 'shop-zed' } } };
    const plan = reconcile(m, orphaned(freed));
    const zed = plan.actions.find((a) => a.id === 'sandbox:zed');
    expect(zed?.kind === 'create-container' ? zed.container.network?.ip : undefined).toBe('10.213.0.7');
    expect(zed?.waitsFor).toContain('firewall:old');
  });

  it('up SERVICE… cuts only the rules that let in an address of the selection', () => {
    expect(isolation(reconcile(stack(), orphaned(stale), { selected: ['cache'] }))).toBeUndefined();
    expect(isolation(reconcile(stack(), orphaned(stale), { selected: ['web'] }))).toMatchObject({ kind: 'update-firewall' });
  });

  it('removed with removeOrphans (not cut first): the service container before its sandbox', () => {
    expect(planText(reconcile(stack(), orphaned(stale), { removeOrphans: true }))).toBe(`plan for shop: 2 actions
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

  // `old` renamed to `front`, its published port kept: the engine refuses a second binding of host port 8080
  const front = () => ({ ...stack(), services: { ...stack().services, front: { ...stack().services.web!, name: 'front', containerName: 'shop-front', links: [] } } });
  const holding = (published: string[]) => orphaned({ firewallArgs: HOST_ONLY, published });

  it.each([
    ['on every address', ['0.0.0.0:8080->80/tcp', '[::]:8080->80/tcp']],
    ['on another address', ['127.0.0.1:8080->9000/tcp']],
  ])("a new sandbox publishing a host port an orphan's sandbox holds %s waits for its removal", (_, published) => {
    const plan = reconcile(front(), holding(published), { removeOrphans: true });
    expect(plan.actions.find((a) => a.id === 'sandbox:front')?.waitsFor).toEqual(['remove:sandbox:old']);
  });

  it('without removeOrphans: a plan-time error naming the port and both services, with the remedy', () => {
    expect(() => reconcile(front(), holding(['0.0.0.0:8080->80/tcp']))).toThrow(
      expect.objectContaining({
        message: 'host port 8080/tcp of service "front" is held by service "old", which the manifest no longer has',
        remedy: 'remove the orphans first with `hitch up --remove-orphans`, or give the service another host port',
      }),
    );
  });

  it.each([
    ['another port', ['0.0.0.0:8081->80/tcp']],
    ['another protocol', ['0.0.0.0:8080->80/udp']],
    ['nothing (a stopped orphan holds no port)', []],
  ])('an orphan publishing %s is no reason to wait', (_, published) => {
    const plan = reconcile(front(), holding(published), { removeOrphans: true });
    expect([plan.actions.find((a) => a.id === 'sandbox:front')?.waitsFor, reconcile(front(), holding(published)).actions.some((a) => a.id === 'sandbox:front')]).toEqual([[], true]);
  });

  it('a host port the engine picks from a range is no reason to wait', () => {
    const ranged = front();
    ranged.services.front = { ...ranged.services.front!, ports: [{ hostIp: '', hostPort: '8080-8090', containerPort: 80, proto: 'tcp' }] };
    expect(reconcile(ranged, holding(['0.0.0.0:8080->80/tcp']), { removeOrphans: true }).actions.find((a) => a.id === 'sandbox:front')?.waitsFor).toEqual([]);
  });

  it("a recreate that takes an orphan's name (a container_name changed to it) waits for the orphan's removal too", () => {
    const m = { ...stack(), services: { ...stack().services, cache: { ...stack().services.cache!, containerName: 'shop-old' } } };
    const plan = reconcile(m, orphaned(), { removeOrphans: true });
    const waits = (id: string) => plan.actions.find((a) => a.id === id)?.waitsFor;
    expect([waits('sandbox:cache'), waits('service:cache')]).toEqual([['remove:sandbox:old'], ['sandbox:cache', 'remove:service:old']]);
    expect(() => reconcile(m, orphaned())).toThrow(/container name shop-old-sandbox of service "cache" is held by service "old"/);
  });
});

