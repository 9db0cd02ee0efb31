// The title the progress display gives a rules update: a stopped sandbox's rules are recorded, not applied.
import { describe as group, expect, it } from 'vitest';
import { describe } from '../../../src/cli/describe.js';
import type { Action } from '../../../src/plan/model.js';

const update = (stopped: boolean): Action => ({
  id: 'firewall:db',
  kind: 'update-firewall',
  cause: 'rules changed',
  waitsFor: [],
  service: 'db',
  sandbox: 'shop-db-sandbox',
  firewall: { subnet: '10.0.0.0/24', allow: [] },
  ...(stopped ? { stopped: true as const } : {}),
});

group('describe: update-firewall', () => {
  it.each([
    ['a running sandbox: applied in place', false, 'update firewall of db'],
    ['a stopped one: recorded for its next start', true, 'record the firewall of db for its next start'],
  ])('%s', (_, stopped, title) => {
    expect(describe(update(stopped))).toBe(title);
  });
});
