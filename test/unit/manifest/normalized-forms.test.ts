// The forms `hitch config` writes, field by field: one golden manifest holding every field, and the
// duration and port writers (the round trips in normalized-values.test.ts prove the loader agrees).
import { describe, expect, test } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/manifest/duration.js';
import { normalizedManifest, normalizedYaml } from '../../../src/manifest/normalized.js';
import { yamlLib } from '../../../src/manifest/yaml-document.js';
import { load } from './helpers.js';

const MANIFEST = [
  'link_env: classic',
  'subnet: 10.213.7.0/24',
  'services:',
  '  db:',
  '    image: postgres:16',
  '    environment: [POSTGRES_PASSWORD=pa$$word]',
  '    expose: ["5432", "53/udp", "6000-6002", "6003", "6005"]',
  '    share_env: [POSTGRES_USER]',
  '    healthcheck: {test: pg_isready, interval: 90s, timeout: 1500ms, start_period: "0", retries: 5}',
  '    volumes: ["data:/var/lib/postgresql/data", "./init:/docker-entrypoint-initdb.d:ro"]',
  '    restart: on-failure:3',
  '  web:',
  '    build: {context: web, dockerfile: Dockerfile.dev, args: [VERSION=1.2]}',
  '    command: npm start',
  '    entrypoint: [tini, --]',
  '    ports: ["127.0.0.1::5000", "8000-8001:80-81", "[::1]:53:53/udp"]',
  '    publish_all: true',
  '    link: db:database',
  '    external_links: [legacy]',
  '    hostname: web',
  '    user: node',
  '    working_dir: /app',
  '    labels: {team: shop}',
  '    stop_signal: SIGINT',
  '    stop_grace_period: 1m',
  '    tty: true',
  '    ready_timeout: 2m30s',
].join('\n');

const GOLDEN = `name: shop
link_env: classic
subnet: 10.213.7.0/24
services:
  db:
    image: postgres:16
    container_name: shop-db
    environment:
      POSTGRES_PASSWORD: pa$$word
    expose:
      - 53/udp
      - 5432/tcp
      - 6000-6003/tcp
      - 6005/tcp
    publish_all: false
    share_env:
      - POSTGRES_USER
    healthcheck:
      test:
        - CMD-SHELL
        - pg_isready
      interval: 1m30s
      timeout: 1s500ms
      start_period: 0s
      retries: 5
    volumes:
      - type: volume
        source: data
        target: /var/lib/postgresql/data
        read_only: false
      - type: bind
        source: ./init
        target: /docker-entrypoint-initdb.d
        read_only: true
    restart: on-failure:3
    tty: false
    ready_timeout: 1m
  web:
    image: shop-web
    build:
      context: ./web
      dockerfile: Dockerfile.dev
      args:
        VERSION: "1.2"
    container_name: shop-web
    command:
      - npm
      - start
    entrypoint:
      - tini
      - --
    ports:
      - 127.0.0.1::5000/tcp
      - 8000:80/tcp
      - 8001:81/tcp
      - "[::1]:53:53/udp"
    publish_all: true
    links:
      - db:database
    external_links:
      - legacy:legacy
    hostname: web
    user: node
    working_dir: /app
    labels:
      team: shop
    stop_signal: SIGINT
    stop_grace_period: 1m
    tty: true
    ready_timeout: 2m30s
`;

describe('hitch config output', () => {
  const { manifest } = load(MANIFEST);

  test('every field in its canonical form, defaults filled in, empty lists left out', () => {
    expect(normalizedYaml(manifest)).toBe(GOLDEN);
  });

  test('--json is the same data', () => {
    expect(JSON.parse(JSON.stringify(normalizedManifest(manifest)))).toEqual(yamlLib().parse(GOLDEN));
  });
});

describe('durations are written in whole units, largest first', () => {
  test.each<[number, string]>([
    [0, '0s'], [1, '1ms'], [500, '500ms'], [1000, '1s'], [1500, '1s500ms'], [60_000, '1m'], [90_000, '1m30s'],
    [3_600_000, '1h'], [3_723_004, '1h2m3s4ms'], [360_000_000, '100h'],
  ])('%d ms → %s, which reads back as the same', (ms, text) => {
    expect([formatDuration(ms), parseDuration(text)]).toEqual([text, ms]);
  });
});

describe('a zero duration is written as a duration, 0s (as Go, and `docker compose config`, write it), not a bare "0"', () => {
  const zero = [
    'services:',
    '  db:',
    '    image: postgres:16',
    '    healthcheck: {test: pg_isready, interval: 0s, timeout: 0s, start_period: 0s}',
    '    stop_grace_period: 0s',
    '    ready_timeout: 0s',
  ].join('\n');

  test('every duration field', () => {
    expect(normalizedYaml(load(zero).manifest)).toBe(`name: shop
link_env: modern
services:
  db:
    image: postgres:16
    container_name: shop-db
    publish_all: false
    healthcheck:
      test:
        - CMD-SHELL
        - pg_isready
      interval: 0s
      timeout: 0s
      start_period: 0s
    stop_grace_period: 0s
    tty: false
    ready_timeout: 0s
`);
  });
});
