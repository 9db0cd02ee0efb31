// Each setting a user edits in the manifest is named in the cause of the recreation it brings, in the
// manifest's own word for it (config-parts.ts), and only that setting.
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/manifest/model.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { withService } from './fixtures.js';
import { stack, upOnce } from './stack.js';

/** Each container the plan recreates, with its cause. */
function recreations(change: Partial<Service>, name = 'worker'): string[] {
  const plan = reconcile(withService(stack(), name, change), upOnce());
  return plan.actions.flatMap((a) => (a.kind === 'recreate-container' ? [`${a.id}: ${a.cause}`] : []));
}

describe('the cause names the setting that changed', () => {
  it.each<[string, Partial<Service>, string[]]>([
    ['volumes', { volumes: [{ type: 'bind', source: '/srv/work', target: '/work', readOnly: true }] }, ['service:worker: config changed: volumes']],
    ['healthcheck', { healthcheck: { test: ['CMD', 'true'], intervalMs: 1000 } }, ['service:worker: config changed: healthcheck']],
    ['restart, on both containers', { restart: { name: 'always' } }, ['sandbox:worker: config changed: restart', 'service:worker: config changed: restart; sandbox recreated']],
    ['user', { user: '1000:1000' }, ['service:worker: config changed: user']],
    ['working_dir', { workingDir: '/work' }, ['service:worker: config changed: working_dir']],
    ['labels', { labels: { team: 'ops' } }, ['service:worker: config changed: labels']],
    ['tty', { tty: true }, ['service:worker: config changed: tty']],
    ['stop_signal', { stopSignal: 'SIGINT' }, ['service:worker: config changed: stop_signal']],
    ['stop_grace_period', { stopGracePeriodMs: 30_000 }, ['service:worker: config changed: stop_grace_period']],
    ['container_name, on both containers', { containerName: 'worker' }, ['sandbox:worker: config changed: container_name', 'service:worker: config changed: container_name; sandbox recreated']],
    ['several at once, in name order', { user: 'nobody', healthcheck: { test: ['NONE'] }, command: ['work'] }, ['service:worker: config changed: command, healthcheck, user']],
  ])('%s', (_what, change, causes) => {
    expect(recreations(change)).toEqual(causes);
  });

  it("a child's volume moved: only its own container, for its volumes (its parents see no change)", () => {
    const moved = [{ type: 'volume' as const, source: 'dbdata', target: '/data', readOnly: false }];
    expect(recreations({ volumes: moved }, 'db')).toEqual(['service:db: config changed: volumes']);
  });
});
