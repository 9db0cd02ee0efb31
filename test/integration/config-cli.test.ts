// The `hitch config` command itself: its output, saved beside the manifest, passes `hitch validate` and
// prints itself again. Runs the built CLI, as every integration test does (`npm test` builds it first);
// it needs no engine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { yamlLib } from '../../src/manifest/yaml-document.js';
import { hitch as hitchCli, ROOT } from './helpers.js';

const hitch = (...args: string[]) => hitchCli(args, { CLI_SECRET: 'p$ss', NO_COLOR: '1' });

const MANIFEST = `name: cli
services:
  db:
    image: postgres:16
    env_file: db.env
    environment: { POSTGRES_PASSWORD: "\${CLI_SECRET}", GREETING: "\${GREETING}" }
    volumes: ["./data:/var/lib/postgresql/data", "cache:/cache:ro"]
    healthcheck: { test: pg_isready, interval: 2s, retries: 5 }
  web:
    build: { context: ./web, args: [VERSION=1.2] }
    command: sh -c 'echo $$HOME'
    ports: ["127.0.0.1::8080", "5353:53/udp"]
    links: ["db:database"]
    restart: on-failure:3
`;

describe('hitch config (the built CLI)', { timeout: 30_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hitch-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'web', 'Dockerfile'), 'FROM hitch-test/busybox:1\n'); // build: is checked on load
  writeFileSync(join(dir, 'hitch.yaml'), MANIFEST);
  writeFileSync(join(dir, 'db.env'), 'POSTGRES_USER=shop\n');
  writeFileSync(join(dir, '.env'), 'GREETING=hello\n');

  test('prints a manifest that hitch validate accepts and that prints itself again', async () => {
    const first = await hitch('-f', join(dir, 'hitch.yaml'), 'config');
    expect([first.code, first.stderr]).toEqual([0, '']);
    writeFileSync(join(dir, 'config.yaml'), first.stdout);
    const valid = await hitch('-f', join(dir, 'config.yaml'), 'validate');
    expect([valid.code, valid.stdout, valid.stderr]).toEqual([0, `${join(dir, 'config.yaml')}: valid (project cli, 2 services)\n`, '']);
    const again = await hitch('-f', join(dir, 'config.yaml'), 'config');
    expect([again.code, again.stdout]).toEqual([0, first.stdout]);
  });

  test('interpolated, env_file merged, a literal "$" written "$$", paths relative to the folder', async () => {
    const db = yamlLib().parse((await hitch('-f', join(dir, 'hitch.yaml'), 'config')).stdout).services.db;
    expect([db.environment, db.volumes[0].source]).toEqual([{ POSTGRES_USER: 'shop', POSTGRES_PASSWORD: 'p$$ss', GREETING: 'hello' }, './data']);
  });

  test('--json prints the same manifest', async () => {
    const yaml = (await hitch('-f', join(dir, 'hitch.yaml'), 'config')).stdout;
    const json = await hitch('-f', join(dir, 'hitch.yaml'), '--json', 'config');
    expect([json.code, JSON.parse(json.stdout)]).toEqual([0, yamlLib().parse(yaml)]);
  });

  test('the example manifest, normalized, validates', async () => {
    const out = await hitch('-f', join(ROOT, 'examples/redis-webapp/hitch.yaml'), 'config');
    writeFileSync(join(dir, 'example.yaml'), out.stdout);
    const valid = await hitch('-f', join(dir, 'example.yaml'), 'validate');
    expect([out.code, valid.code, valid.stdout]).toEqual([0, 0, `${join(dir, 'example.yaml')}: valid (project redis-webapp, 2 services)\n`]);
  });
});
