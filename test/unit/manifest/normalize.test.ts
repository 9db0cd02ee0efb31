import { describe, expect, test } from 'vitest';
import { parseDuration } from '../../../src/manifest/duration.js';
import type { Service } from '../../../src/manifest/model.js';
import { splitShellWords } from '../../../src/manifest/shell-words.js';
import { FILE, load, problems, svc } from './helpers.js';

const web = (body: string, opts: Parameters<typeof load>[1] = {}) => load(svc(body), opts).manifest.services.web!;
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

describe('fields', () => {
  test.each<[string, Partial<Service>]>([
    ['build: .', { build: { context: '/proj/shop', args: {} }, image: 'nginx' }],
    ['command: ""', { command: [] }],
    ["command: echo 'a b' \"c\\\"d\" e\\ f", { command: ['echo', 'a b', 'c"d', 'e f'] }],
    ['command: [sh, -c, "echo $$HOME"]', { command: ['sh', '-c', 'echo $HOME'] }],
    ['healthcheck: {disable: true}', { healthcheck: { test: ['NONE'] } }],
    ['healthcheck: {test: [CMD, pg_isready]}', { healthcheck: { test: ['CMD', 'pg_isready'] } }],
    ['healthcheck: {interval: 5s}', { healthcheck: { test: [], intervalMs: 5000 } }],
    ['restart: "no"', { restart: { name: 'no' } }],
    ['restart: unless-stopped', { restart: { name: 'unless-stopped' } }],
    ['ready_timeout: "0"', { readyTimeoutMs: 0 }],
  ])('%s', (body, want) => {
    const got = web(body);
    const picked = Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof Service]]));
    expect(picked).toEqual(want);
  });

  test.each<[string, string[]]>([
    ['command: "echo \'hi"', ['4:14: command "echo \'hi" has an unterminated \' quote; close the quote or escape it with a backslash']],
    ['healthcheck: {test: [pg_isready]}', ['4:25: healthcheck test list must start with "CMD", "CMD-SHELL" or "NONE", not "pg_isready"; or give a string, which runs in a shell']],
    ['healthcheck: {test: x, disable: true}', ['4:37: healthcheck has both "test" and "disable: true"; remove one (compose refuses both too)']],
    ['volumes: ["-bad:/x"]', ['4:15: volume name "-bad" is not valid; use letters, digits, \'_\', \'.\' or \'-\' (or start a host path with ".", "/" or "~")']],
    ['volumes: ["data"]', ['4:15: volumes entry "data" is not a volume; use "name:/path", "./dir:/path" or "/abs:/path", optionally followed by ":ro" or ":rw"']],
    ['volumes: ["data:rel"]', ['4:15: volumes entry "data:rel" is not a volume; use "name:/path", "./dir:/path" or "/abs:/path", optionally followed by ":ro" or ":rw"']],
  ])('%s fails', (body, want) => {
    expect(problems(svc(body))).toEqual(want);
  });
});

describe('container names', () => {
  test.each([
    ['two explicit', 'services:\n  a: {image: x, container_name: same}\n  b: {image: x, container_name: same}\n', ['3:17: container name "same" is used by services "a" and "b"; set a different container_name']],
    ["one equal to another's default", 'services:\n  a: {image: x}\n  b: {image: x, container_name: shop-a}\n', ['3:17: container name "shop-a" is used by services "a" and "b"; set a different container_name']],
    ["a service named like another's sandbox", 'services:\n  web: {image: x}\n  web-sandbox: {image: x}\n', [
      '3:3: container name "shop-web-sandbox" would be both the sandbox of "web" and the container of "web-sandbox" (a sandbox is named <container>-sandbox); set a different container_name',
    ]],
    ["a container_name equal to another's sandbox", 'services:\n  a: {image: x, container_name: foo}\n  b: {image: x, container_name: foo-sandbox}\n', [
      '3:17: container name "foo-sandbox" would be both the sandbox of "a" and the container of "b" (a sandbox is named <container>-sandbox); set a different container_name',
    ]],
    ['three, reported at each after the first', 'services:\n  a: {image: x, container_name: c}\n  b: {image: x, container_name: c}\n  c: {image: x, container_name: c}\n', [
      '3:17: container name "c" is used by services "a", "b" and "c"; set a different container_name',
      '4:17: container name "c" is used by services "a", "b" and "c"; set a different container_name',
    ]],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });

  test('a project name from -p must be valid', () => {
    expect(problems(svc(''), { project: 'Bad Name' })).toEqual([
      '1:1: project name "Bad Name" (from -p) is not valid; use lower-case letters, digits, \'_\' or \'-\', starting with a letter or digit',
    ]);
  });
});

describe('helpers', () => {
  test.each<[string, number | undefined]>([
    ['2s', 2000], ['1m30s', 90000], ['500ms', 500], ['1.5h', 5400000], ['1h2m3s4ms', 3723004], ['0', 0], ['100us', 0], ['2', undefined], ['s', undefined], ['1x', undefined], ['', undefined],
  ])('duration %s', (s, want) => {
    expect(parseDuration(s)).toEqual(want);
  });

  test.each<[string, string[] | { error: string }]>([
    ['a  b\tc', ['a', 'b', 'c']],
    ['a "" b', ['a', '', 'b']],
    ['"a\\$b" \'c\\d\'', ['a$b', 'c\\d']],
    ['a\\', { error: 'command "a\\\\" ends with a lone backslash' }],
  ])('shell words %s', (s, want) => {
    expect(splitShellWords(s)).toEqual(want);
  });
});
