// Normalizing a whole service: every default, every field at once, and the frozen result.
import { describe, expect, test } from 'vitest';
import type { Service } from '../../../src/manifest/model.js';
import { FILE, load, svc } from './helpers.js';

const pos = (line: number, col: number) => ({ file: FILE, line, col });

describe('a whole service', () => {
  test('defaults', () => {
    expect(load('services:\n  web:\n    image: nginx\n').manifest).toEqual({
      file: FILE,
      dir: '/proj/shop',
      project: 'shop',
      linkEnv: 'modern',
      services: {
        web: {
          name: 'web', containerName: 'shop-web', image: 'nginx', environment: {}, expose: [], ports: [], publishAll: false,
          links: [], externalLinks: [], volumes: [], labels: {}, tty: false, readyTimeoutMs: 60000, pos: pos(2, 3),
        } satisfies Service,
      },
    });
  });

  test('every field', () => {
    const yaml = [
      'name: demo',
      'link_env: classic',
      'subnet: 10.213.7.0/24',
      'services:',
      '  db: {image: postgres}',
      '  Web:',
      '    build: {context: ./web, dockerfile: Dockerfile.dev, args: [VERSION=2, FROM_ENV]}',
      '    container_name: front',
      '    command: npm run "start dev"',
      '    entrypoint: [tini, --]',
      '    environment: {A: 1}',
      '    expose: [80]',
      '    ports: ["8080:80"]',
      '    publish_all: true',
      '    links: ["db:database"]',
      '    external_links: ["legacy-db:db"]',
      '    share_env: [A]',
      '    healthcheck: {test: curl -f localhost, interval: 1m30s, timeout: 500ms, start_period: 1.5s, retries: 3}',
      '    volumes: ["data:/data:ro", "./conf:/etc/conf", "/abs/x:/x:rw", "~/cache:/cache", {type: bind, source: ../up, target: /up, read_only: true}]',
      '    hostname: front',
      '    user: "1000:1000"',
      '    working_dir: /app',
      '    labels: [team=web]',
      '    restart: on-failure:3',
      '    stop_signal: SIGINT',
      '    stop_grace_period: 10s',
      '    tty: true',
      '    ready_timeout: 2m',
    ].join('\n');
    const m = load(yaml, { env: { FROM_ENV: 'e', HOME: '/home/u' } }).manifest;
    expect([m.project, m.linkEnv, m.subnet, Object.keys(m.services)]).toEqual(['demo', 'classic', '10.213.7.0/24', ['Web', 'db']]);
    expect(m.services.Web).toEqual({
      name: 'Web',
      containerName: 'front',
      image: 'demo-web',
      build: { context: '/proj/shop/web', dockerfile: 'Dockerfile.dev', args: { VERSION: '2', FROM_ENV: 'e' } },
      command: ['npm', 'run', 'start dev'],
      entrypoint: ['tini', '--'],
      environment: { A: '1' },
      expose: [{ port: 80, proto: 'tcp' }],
      ports: [{ hostIp: '', hostPort: '8080', containerPort: 80, proto: 'tcp' }],
      publishAll: true,
      links: [{ target: 'db', alias: 'database', pos: pos(15, 13) }],
      externalLinks: [{ container: 'legacy-db', alias: 'db', pos: pos(16, 22) }],
      shareEnv: ['A'],
      healthcheck: { test: ['CMD-SHELL', 'curl -f localhost'], intervalMs: 90000, timeoutMs: 500, startPeriodMs: 1500, retries: 3 },
      volumes: [
        { type: 'volume', source: 'data', target: '/data', readOnly: true },
        { type: 'bind', source: '/proj/shop/conf', target: '/etc/conf', readOnly: false },
        { type: 'bind', source: '/abs/x', target: '/x', readOnly: false },
        { type: 'bind', source: '/home/u/cache', target: '/cache', readOnly: false },
        { type: 'bind', source: '/proj/up', target: '/up', readOnly: true },
      ],
      hostname: 'front',
      user: '1000:1000',
      workingDir: '/app',
      labels: { team: 'web' },
      restart: { name: 'on-failure', maxRetries: 3 },
      stopSignal: 'SIGINT',
      stopGracePeriodMs: 10000,
      tty: true,
      readyTimeoutMs: 120000,
      pos: pos(6, 3),
    } satisfies Service);
  });

  test('the manifest is frozen all the way down', () => {
    const m = load(svc('expose: [80]')).manifest;
    expect([Object.isFrozen(m), Object.isFrozen(m.services.web), Object.isFrozen(m.services.web!.expose[0])]).toEqual([true, true, true]);
  });
});
