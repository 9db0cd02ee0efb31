// sandboxSpec: the sandbox container of a service — address, hosts, published ports, firewall command.
import { describe, expect, it } from 'vitest';
import { sandboxSpec } from '../../../src/plan/container-spec.js';
import { context, withoutHash } from './container-spec-context.js';
import { stack } from './stack.js';

describe('sandboxSpec', () => {
  it("web's sandbox: fixed IP, hosts of its links, published ports, firewall in its command", () => {
    const m = stack();
    const spec = sandboxSpec(m.services.web!, context(m));
    expect({ ...spec, labels: withoutHash(spec.labels) }).toEqual({
      name: 'shop-web-sandbox',
      image: 'hitch/sandbox:4',
      role: 'sandbox',
      service: 'web',
      labels: { 'io.hitch.project': 'shop', 'io.hitch.service': 'web', 'io.hitch.role': 'sandbox', 'io.hitch.ip': '10.213.0.4' },
      env: [],
      cmd: ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.1:80'],
      hostname: 'web',
      tty: false,
      network: { name: 'shop-hitch', ip: '10.213.0.4' },
      extraHosts: ['cache shop-cache:10.213.0.2', 'db shop-db:10.213.0.3'],
      exposedPorts: [{ port: 80, proto: 'tcp' }],
      portBindings: [{ containerPort: 80, proto: 'tcp', hostIp: '', hostPort: '8080' }],
      publishAll: false,
      capAdd: ['NET_ADMIN'],
      restart: undefined,
      mounts: [],
    });
  });

  it("db's sandbox exposes the image's EXPOSE too, and keeps the restart policy", () => {
    const m = stack();
    const db = { ...m.services.db!, hostname: 'pg', restart: { name: 'unless-stopped' as const } };
    const spec = sandboxSpec(db, context(m));
    expect([spec.hostname, spec.exposedPorts, spec.restart, spec.cmd]).toEqual([
      'pg',
      [{ port: 5432, proto: 'tcp' }],
      { name: 'unless-stopped' },
      ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.4:5432', '--allow', 'tcp:10.213.0.5:5432'],
    ]);
  });
});
