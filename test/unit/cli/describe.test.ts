// The title the progress display gives an action: a stopped sandbox's rules are recorded, not applied; a
// service container restarted says restart.
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

group('describe: start and restart', () => {
  const again = (kind: 'start-container' | 'restart-container', role: 'sandbox' | 'service'): Action =>
    ({ id: `${role}:db`, kind, cause: 'sandbox restarted', waitsFor: [], name: role === 'sandbox' ? 'shop-db-sandbox' : 'shop-db', service: 'db', role });

  it.each([
    ['a stopped sandbox started', again('start-container', 'sandbox'), 'start sandbox shop-db-sandbox'],
    ['a service container restarted to rejoin its sandbox', again('restart-container', 'service'), 'restart service shop-db'],
  ])('%s', (_, action, title) => {
    expect(describe(action)).toBe(title);
  });
});
