// What a parent waits for: its child's healthcheck when the child has one (its own, or its image's
// HEALTHCHECK, which the engine runs unless the service's replaces or turns it off), else TCP.
import { describe, expect, it } from 'vitest';
import type { Healthcheck } from '../../../src/manifest/model.js';
import type { ObservedImage } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { emptyEngine, link, manifest, service } from './fixtures.js';

function waitsOnHealth(healthcheck: Healthcheck | undefined, image: Partial<ObservedImage> | undefined): boolean | undefined {
  const m = manifest([
    service('db', { expose: [{ port: 5432, proto: 'tcp' }], ...(healthcheck ? { healthcheck } : {}) }),
    service('web', { links: [link('db')] }),
  ]);
  const images: Record<string, ObservedImage> = image ? { 'db:1': { ref: 'db:1', id: 'sha256:db', env: [], exposedPorts: [], ...image } } : {};
  const ready = reconcile(m, emptyEngine({ images })).actions.find((a) => a.id === 'ready:db@web');
  return ready?.kind === 'await-ready' ? ready.healthcheck : undefined;
}

describe('readiness by healthcheck', () => {
  it.each([
    ['no healthcheck anywhere', undefined, {}, false],
    ['the image has a HEALTHCHECK, the manifest none', undefined, { healthcheck: true as const }, true],
    ['the image is not on the engine yet', undefined, undefined, false],
    ['the manifest has a test', { test: ['CMD', 'pg_isready'] }, {}, true],
    ['the manifest sets only an interval: the image test stays', { test: [], intervalMs: 2000 }, { healthcheck: true as const }, true],
    ['the manifest sets only an interval, the image has no test (the engine reports no health: TCP decides)', { test: [], intervalMs: 2000 }, {}, true],
    ['the manifest turns off the image HEALTHCHECK', { test: ['NONE'] }, { healthcheck: true as const }, false],
    ['the manifest turns off a healthcheck that is not there', { test: ['NONE'] }, {}, false],
  ] as Array<[string, Healthcheck | undefined, Partial<ObservedImage> | undefined, boolean]>)('%s', (_what, healthcheck, image, expected) => {
    expect(waitsOnHealth(healthcheck, image)).toBe(expected);
  });
});
