// The stack the golden plans use: web links cache and db, worker links db as `database`.
import type { Manifest } from '../../../src/manifest/model.js';
import type { ObservedImage, ObservedState } from '../../../src/plan/observed.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { afterPlan, emptyEngine, link, manifest, service } from './fixtures.js';

export function stack(): Manifest {
  return manifest([
    service('db', {
      image: 'postgres:16',
      environment: { POSTGRES_PASSWORD: 'secret' },
      healthcheck: { test: ['CMD', 'pg_isready'], intervalMs: 2000 },
      volumes: [{ type: 'volume', source: 'dbdata', target: '/var/lib/postgresql/data', readOnly: false }],
      readyTimeoutMs: 30_000,
    }),
    service('cache', { image: 'redis:7', expose: [{ port: 6379, proto: 'tcp' }] }),
    service('web', {
      links: [link('cache'), link('db')],
      ports: [{ hostIp: '', hostPort: '8080', containerPort: 80, proto: 'tcp' }],
      environment: { DB_PORT: 'mine' },
    }),
    service('worker', { links: [link('db', 'database')], command: ['work', '--hard'] }),
  ]);
}

export function images(overrides: Record<string, Partial<ObservedImage>> = {}): Record<string, ObservedImage> {
  const base: Record<string, ObservedImage> = {
    'postgres:16': { ref: 'postgres:16', id: 'sha256:pg16', env: ['PATH=/usr/bin', 'PG_VERSION=16'], exposedPorts: [{ port: 5432, proto: 'tcp' }] },
    'web:1': { ref: 'web:1', id: 'sha256:web1', env: [], exposedPorts: [] },
    'worker:1': { ref: 'worker:1', id: 'sha256:worker1', env: [], exposedPorts: [] },
    'redis:7': { ref: 'redis:7', id: 'sha256:redis7', env: ['REDIS_VERSION=7.2'], exposedPorts: [{ port: 6379, proto: 'tcp' }] },
  };
  for (const [ref, o] of Object.entries(overrides)) base[ref] = { ...(base[ref] ?? { ref, id: `sha256:${ref}`, env: [], exposedPorts: [] }), ...o };
  return base;
}

/** The engine before any `up`: the stack's images, and docker's default bridge taking 172.17.0.0/16. */
export function freshEngine(overrides: Partial<ObservedState> = {}): ObservedState {
  return emptyEngine({ images: images(), usedSubnets: [{ subnet: '172.17.0.0/16', network: 'bridge' }], ...overrides });
}

/** The engine after the first `up` ran to completion. */
export function upOnce(): ObservedState {
  return afterPlan(reconcile(stack(), freshEngine()), freshEngine());
}
