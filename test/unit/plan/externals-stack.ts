// The stack the external-link tests use: web links cache and the external container legacy-db as `db`.
import type { Manifest } from '../../../src/manifest/model.js';
import type { ObservedExternal, ObservedState } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, link, manifest, service } from './fixtures.js';
import { freshEngine } from './stack.js';

export const POS = { file: '/p/hitch.yaml', line: 1, col: 1 };

export function stack(externalLinks = [{ container: 'legacy-db', alias: 'db', pos: POS }]): Manifest {
  return manifest([service('cache', { image: 'redis:7' }), service('web', { links: [link('cache')], externalLinks })]);
}

export function legacy(over: Partial<ObservedExternal> = {}): ObservedExternal {
  return {
    id: 'c0ffee', name: 'legacy-db', image: 'legacy/redis:6', running: true, env: ['PATH=/bin', 'PASSWORD=legacy', 'REDIS_VERSION=7'],
    exposedPorts: [{ port: 6379, proto: 'tcp' }], hostname: 'c0ffee123456', attached: false, ...over,
  };
}

export function engine(externals: ObservedExternal[] = [legacy()]): ObservedState {
  return freshEngine({ externals });
}

export const upOnce = () => afterPlan(reconcile(stack(), engine()), engine());
