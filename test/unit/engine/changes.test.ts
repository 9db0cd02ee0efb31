// Which engine events may change what an observation of a project reads (src/engine/changes.ts): a
// change makes `up` observe again under its lock, so a harmless event only costs time, and a missed
// change would plan from a stale observation.
import { describe, expect, it } from 'vitest';
import { changesObservation, nanosOf, type EngineEvent } from '../../../src/engine/changes.js';

const scope = { project: 'shop', externals: ['legacy-db'] };
const ours = (role: 'service' | 'sandbox', name = `shop-web${role === 'sandbox' ? '-sandbox' : ''}`) => ({
  'io.hitch.project': 'shop',
  'io.hitch.service': 'web',
  'io.hitch.role': role,
  name,
});
const container = (Action: string, Attributes: Record<string, string>): EngineEvent => ({ Type: 'container', Action, Actor: { ID: 'c1', Attributes } });
const network = (Action: string, name: string): EngineEvent => ({ Type: 'network', Action, Actor: { ID: 'n1', Attributes: { name, type: 'bridge' } } });
const other = { 'io.hitch.project': 'blog', 'io.hitch.role': 'service', name: 'blog-web' };
const lock = { 'io.hitch.lock': 'shop', name: 'hitch-lock-shop' };

describe('changesObservation', () => {
  it.each([
    ['a service container of the project starts', container('start', ours('service')), true],
    ['a service container of the project dies', container('die', ours('service')), true],
    ['a sandbox of the project is created', container('create', ours('sandbox')), true],
    ['a sandbox of the project is destroyed', container('destroy', ours('sandbox')), true],
    ['a sandbox of the project restarts', container('restart', ours('sandbox')), true],
    ['a container of the project is paused', container('pause', ours('service')), true],
    ['a container of the project is renamed', container('rename', ours('service')), true],
    ['a container of the project gets a new restart policy', container('update', ours('service')), true],
    ['rules written into a stopped sandbox', container('extract-to-dir', ours('sandbox')), true],
    ['an exec in a sandbox (hitch-sandbox apply)', container('exec_start: hitch-sandbox apply --subnet 10.0.0.0/24', ours('sandbox')), true],
    ['an exec in a service container (a health probe, docker exec)', container('exec_start: sh -c true', ours('service')), false],
    ['an exec in a service container ends', container('exec_die', ours('service')), false],
    ['a health verdict', container('health_status: healthy', ours('service')), false],
    ['an attach to a sandbox (readiness probes)', container('attach', ours('sandbox')), false],
    ['a terminal resized', container('resize', ours('service')), false],
    ['an archive read', container('archive-path', ours('sandbox')), false],
    ['the project lock is created', container('create', lock), false],
    ['the project lock is destroyed', container('destroy', lock), false],
    ['another project starts a container', container('start', other), false],
    ['another project creates a container', container('create', other), false],
    ['another project execs in a sandbox', container('exec_start: hitch-sandbox apply', { ...other, 'io.hitch.role': 'sandbox' }), false],
    ['a foreign container is renamed (maybe to an external name)', container('rename', { name: 'legacy-db' }), true],
    ['an external container stops', container('die', { name: 'legacy-db' }), true],
    ['an external container is created', container('create', { name: 'legacy-db' }), true],
    ['an exec in an external container', container('exec_start: ls', { name: 'legacy-db' }), true],
    ['a foreign unlabelled container starts', container('start', { name: 'scratch' }), false],
    ['any network is created (its subnet is taken)', network('create', 'elsewhere'), true],
    ['any network is destroyed (its subnet is free)', network('destroy', 'elsewhere'), true],
    ['a container joins the project network', network('connect', 'shop-hitch'), true],
    ['a container leaves the project network', network('disconnect', 'shop-hitch'), true],
    ['a container joins another network', network('connect', 'bridge'), false],
    ['a container leaves another network', network('disconnect', 'blog-hitch'), false],
    ['a volume is created', { Type: 'volume', Action: 'create', Actor: { ID: 'shop_data', Attributes: { driver: 'local' } } }, true],
    ['a volume is destroyed', { Type: 'volume', Action: 'destroy', Actor: { ID: 'shop_data', Attributes: { driver: 'local' } } }, true],
    ['a volume is mounted', { Type: 'volume', Action: 'mount', Actor: { ID: 'x', Attributes: { container: 'c' } } }, false],
    ['an image is tagged', { Type: 'image', Action: 'tag', Actor: { ID: 'sha256:1', Attributes: { name: 'web:1' } } }, true],
    ['an image is deleted', { Type: 'image', Action: 'delete', Actor: { ID: 'sha256:1', Attributes: {} } }, true],
    ['an image is pulled', { Type: 'image', Action: 'pull', Actor: { ID: 'web:1', Attributes: {} } }, true],
    ['an image is saved', { Type: 'image', Action: 'save', Actor: { ID: 'web:1', Attributes: {} } }, false],
    ['the daemon reloads its configuration', { Type: 'daemon', Action: 'reload', Actor: { ID: 'd', Attributes: {} } }, true],
    ['a plugin is enabled', { Type: 'plugin', Action: 'enable', Actor: { ID: 'p', Attributes: {} } }, false],
    ['an event with no type', { Action: 'start' }, false],
  ] as Array<[string, EngineEvent, boolean]>)('%s: %s', (_what, event, changes) => {
    expect(changesObservation(event, scope)).toBe(changes);
  });

  it('counts an external only by its exact name', () => {
    expect(changesObservation(container('die', { name: 'legacy-db-2' }), scope)).toBe(false);
    expect(changesObservation(container('die', { name: 'legacy-db' }), { ...scope, externals: [] })).toBe(false);
  });
});

describe('nanosOf', () => {
  it.each([
    ['2026-11-24T22:15:55.123456789Z', 1795558555123456789n],
    ['2026-11-24T22:15:55.1Z', 1795558555100000000n],
    ['2026-11-24T22:15:55Z', 1795558555000000000n],
    ['2026-11-24T23:15:55.000000001+01:00', 1795558555000000001n],
  ])('%s', (time, nanos) => {
    expect(nanosOf(time)).toBe(nanos);
  });

  it.each(['', 'yesterday', '2026-11-24 22:15:55Z', '2026-11-24T22:15:55.1234567891Z', '2026-13-45T22:15:55Z'])('refuses %j', (time) => {
    expect(nanosOf(time)).toBeUndefined();
  });
});
