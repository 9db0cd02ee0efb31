// serviceSpec: the service container — link env, labels, joining its sandbox, volumes and healthcheck.
import { describe, expect, it } from 'vitest';
import { serviceSpec } from '../../../src/plan/container-spec.js';
import { link, manifest, service } from './fixtures.js';
import { context, withoutHash } from './container-spec-context.js';
import { freshEngine, images, stack } from './stack.js';

describe('serviceSpec', () => {
  it("web: link env of every link by alias, own env wins, joins its sandbox, user labels kept", () => {
    const m = stack();
    const web = { ...m.services.web!, labels: { team: 'shop', 'io.hitch.role': 'spoof' }, stopGracePeriodMs: 2500, stopSignal: 'SIGINT' };
    const spec = serviceSpec(web, context(m));
    expect({ ...spec, labels: withoutHash(spec.labels) }).toEqual({
      name: 'shop-web',
      image: 'web:1',
      role: 'service',
      service: 'web',
      labels: { team: 'shop', 'io.hitch.project': 'shop', 'io.hitch.service': 'web', 'io.hitch.role': 'service', 'io.hitch.ip': '10.213.0.4', 'io.hitch.links': 'cache,db' },
      env: [
        'CACHE_ENV_REDIS_VERSION=7.2',
        'CACHE_NAME=/shop-web/cache',
        'CACHE_PORT=tcp://10.213.0.2:6379',
        'CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379',
        'CACHE_PORT_6379_TCP_ADDR=10.213.0.2',
        'CACHE_PORT_6379_TCP_PORT=6379',
        'CACHE_PORT_6379_TCP_PROTO=tcp',
        'DB_ENV_PG_VERSION=16',
        'DB_ENV_POSTGRES_PASSWORD=secret',
        'DB_NAME=/shop-web/db',
        'DB_PORT=mine',
        'DB_PORT_5432_TCP=tcp://10.213.0.3:5432',
        'DB_PORT_5432_TCP_ADDR=10.213.0.3',
        'DB_PORT_5432_TCP_PORT=5432',
        'DB_PORT_5432_TCP_PROTO=tcp',
      ],
      cmd: undefined,
      entrypoint: undefined,
      user: undefined,
      workingDir: undefined,
      tty: false,
      sandbox: 'shop-web-sandbox',
      extraHosts: [],
      exposedPorts: [],
      portBindings: [],
      publishAll: false,
      capAdd: [],
      restart: undefined,
      stopSignal: 'SIGINT',
      stopTimeoutSec: 3,
      healthcheck: undefined,
      mounts: [],
    });
  });

  it("the parent image's ENV wins over a link variable: the key is left out, for the engine to add the image's value", () => {
    const m = stack();
    const observed = freshEngine({ images: images({ 'web:1': { env: ['CACHE_NAME=from-image', 'DB_PORT=image', 'PATH=/bin'] } }) });
    expect(serviceSpec(m.services.web!, context(m, observed)).env).toEqual([
      'CACHE_ENV_REDIS_VERSION=7.2',
      // no CACHE_NAME: the engine adds the image's
      'CACHE_PORT=tcp://10.213.0.2:6379',
      'CACHE_PORT_6379_TCP=tcp://10.213.0.2:6379',
      'CACHE_PORT_6379_TCP_ADDR=10.213.0.2',
      'CACHE_PORT_6379_TCP_PORT=6379',
      'CACHE_PORT_6379_TCP_PROTO=tcp',
      'DB_ENV_PG_VERSION=16',
      'DB_ENV_POSTGRES_PASSWORD=secret',
      'DB_NAME=/shop-web/db',
      'DB_PORT=mine', // web's own env still wins over both
      'DB_PORT_5432_TCP=tcp://10.213.0.3:5432',
      'DB_PORT_5432_TCP_ADDR=10.213.0.3',
      'DB_PORT_5432_TCP_PORT=5432',
      'DB_PORT_5432_TCP_PROTO=tcp',
    ]);
  });

  it('classic: a range gives _ADDR and _PROTO once in the container env', () => {
    const m = manifest(
      [service('q', { expose: [6379, 6380, 6381].map((port) => ({ port, proto: 'tcp' as const })) }), service('app', { links: [link('q')] })],
      { linkEnv: 'classic' },
    );
    const spec = serviceSpec(m.services.app!, context(m, { containers: [], images: {}, usedSubnets: [], volumes: [], externals: [] }));
    const ip = spec.env.find((e) => e.startsWith('Q_PORT_6379_TCP_ADDR='))!.split('=')[1]!;
    expect(spec.env).toEqual([
      'Q_NAME=/shop-app/q',
      `Q_PORT=tcp://${ip}:6379`,
      `Q_PORT_6379_TCP=tcp://${ip}:6379`,
      `Q_PORT_6379_TCP_ADDR=${ip}`,
      `Q_PORT_6379_TCP_END=tcp://${ip}:6381`,
      'Q_PORT_6379_TCP_PORT=6379',
      'Q_PORT_6379_TCP_PORT_END=6381',
      'Q_PORT_6379_TCP_PORT_START=6379',
      'Q_PORT_6379_TCP_PROTO=tcp',
      `Q_PORT_6379_TCP_START=tcp://${ip}:6379`,
      `Q_PORT_6380_TCP=tcp://${ip}:6380`,
      `Q_PORT_6380_TCP_ADDR=${ip}`,
      'Q_PORT_6380_TCP_PORT=6380',
      'Q_PORT_6380_TCP_PROTO=tcp',
      `Q_PORT_6381_TCP=tcp://${ip}:6381`,
      `Q_PORT_6381_TCP_ADDR=${ip}`,
      'Q_PORT_6381_TCP_PORT=6381',
      'Q_PORT_6381_TCP_PROTO=tcp',
    ]);
    expect(ip).toBe('10.213.0.3');
  });

  it('db: named volumes are scoped to the project, binds are kept; healthcheck and command pass through', () => {
    const m = stack();
    const db = {
      ...m.services.db!,
      command: ['postgres', '-c', 'fsync=off'],
      volumes: [
        { type: 'volume' as const, source: 'dbdata', target: '/data', readOnly: false },
        { type: 'bind' as const, source: '/etc/pg', target: '/etc/postgresql', readOnly: true },
      ],
    };
    const spec = serviceSpec(db, context(m));
    expect([spec.mounts, spec.cmd, spec.healthcheck, spec.labels['io.hitch.links']]).toEqual([
      [
        { type: 'volume', source: 'shop_dbdata', target: '/data', readOnly: false },
        { type: 'bind', source: '/etc/pg', target: '/etc/postgresql', readOnly: true },
      ],
      ['postgres', '-c', 'fsync=off'],
      { test: ['CMD', 'pg_isready'], intervalMs: 2000 },
      undefined,
    ]);
  });
});
