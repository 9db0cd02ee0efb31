// Where the manifest is without -f (the nearest hitch.yaml, as compose finds docker-compose.yml), and what
// `-f -` (stdin) makes of positions and the project folder.
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findManifest, manifestPlace } from '../../../src/manifest/location.js';
import { load, problems } from './helpers.js';

/** The search from `dir` on a disk holding `paths`, and every path it looked at, in order. */
function search(dir: string, paths: string[]): { found: string | undefined; looked: string[] } {
  const looked: string[] = [];
  const found = findManifest(dir, (p) => {
    looked.push(p);
    return paths.includes(p);
  });
  return { found, looked };
}

describe('findManifest: the first hitch.yaml from the folder up to the root', () => {
  test.each<[string, string, string[], string | undefined]>([
    ['in the folder itself', '/a/b/c', ['/a/b/c/hitch.yaml', '/a/hitch.yaml'], '/a/b/c/hitch.yaml'],
    ['in the parent', '/a/b/c', ['/a/b/hitch.yaml'], '/a/b/hitch.yaml'],
    ['the nearest of several above', '/a/b/c', ['/a/hitch.yaml', '/hitch.yaml'], '/a/hitch.yaml'],
    ['at the root', '/a/b/c', ['/hitch.yaml'], '/hitch.yaml'],
    ['nowhere', '/a/b/c', [], undefined],
    ['not in a sibling folder', '/a/b', ['/a/c/hitch.yaml'], undefined],
    ['not below the folder', '/a', ['/a/b/hitch.yaml'], undefined],
    ['another name is not a manifest', '/a/b', ['/a/b/hitch.yml', '/a/b/docker-compose.yml'], undefined],
    ['from the root itself', '/', ['/hitch.yaml'], '/hitch.yaml'],
    ['a folder given with a trailing slash', '/a/b/', ['/a/hitch.yaml'], '/a/hitch.yaml'],
  ])('%s', (_, dir, paths, want) => {
    expect(search(dir, paths).found).toEqual(want);
  });

  test('looks in each folder once, nearest first, and stops at the first found', () => {
    expect([search('/a/b/c', []).looked, search('/a/b/c', ['/a/b/hitch.yaml', '/hitch.yaml']).looked]).toEqual([
      ['/a/b/c/hitch.yaml', '/a/b/hitch.yaml', '/a/hitch.yaml', '/hitch.yaml'],
      ['/a/b/c/hitch.yaml', '/a/b/hitch.yaml'],
    ]);
  });
});

describe('manifestPlace: where problems point, and the project folder', () => {
  test.each<[string, string, { file: string; dir: string }]>([
    ['stdin: "-", in the current folder', '-', { file: '-', dir: process.cwd() }],
    ['an absolute path: its folder', '/p/q/hitch.yaml', { file: '/p/q/hitch.yaml', dir: '/p/q' }],
    ['a relative path: from the current folder', 'sub/m.yaml', { file: resolve('sub/m.yaml'), dir: resolve('sub') }],
    ['a file named "-" in a folder is a file', './-', { file: resolve('-'), dir: process.cwd() }],
  ])('%s', (_, file, want) => {
    expect(manifestPlace(file)).toEqual(want);
  });
});

describe('a manifest from stdin (-f -)', () => {
  test('its problems are at -:line:col, as compose names stdin', () => {
    expect(problems('services:\n  web: {image: x, colour: red}\n', { file: '-' })).toEqual([
      `-:2:19: unknown key "colour" in service "web"; allowed: image, build, container_name, command, entrypoint, environment, env_file, expose, ports, publish_all, link, links, external_links, share_env, healthcheck, volumes, hostname, user, working_dir, labels, restart, stop_signal, stop_grace_period, tty, ready_timeout`,
    ]);
  });

  test('its project folder is the current one: relative paths and env_file start there', () => {
    const read: string[] = [];
    const { manifest } = load('services:\n  web: {image: x, env_file: app.env, volumes: ["./data:/data"]}\n', {
      file: '-',
      readFile: (p) => (read.push(p), 'A=1\n'),
    });
    const cwd = process.cwd();
    expect([manifest.file, manifest.dir, read, manifest.services.web!.volumes]).toEqual([
      '-',
      cwd,
      [resolve(cwd, 'app.env')],
      [{ type: 'bind', source: resolve(cwd, 'data'), target: '/data', readOnly: false }],
    ]);
  });
});
