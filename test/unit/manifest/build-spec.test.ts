// `build:` folders and Dockerfiles are looked at by the loader: a missing one is a manifest problem at
// the value that names it, not a failed `up` after the network and other services were created.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { pathKindOnDisk, type PathKind } from '../../../src/manifest/disk.js';
import { normalizedYaml } from '../../../src/manifest/normalized.js';
import { DIR, load, problems } from './helpers.js';

/** A fake disk holding exactly these paths (relative to the manifest's folder). */
function disk(paths: Record<string, PathKind>): (p: string) => PathKind {
  return (p) => paths[p.slice(DIR.length + 1) || '.'];
}

const WEB = { web: 'directory', 'web/Dockerfile': 'file' } as const;
const built = (body: string, paths: Record<string, PathKind>) => problems(`services:\n  app:\n    ${body}\n`, { pathKind: disk(paths) });

describe('build paths, looked at on load', () => {
  test.each<[string, string, Record<string, PathKind>, string[]]>([
    ['a folder with a Dockerfile', 'build: ./web', WEB, []],
    ['a Dockerfile named in lower case, which the engine takes too', 'build: web', { web: 'directory', 'web/dockerfile': 'file' }, []],
    ['a named Dockerfile, relative to the context', 'build: {context: web, dockerfile: docker/Dockerfile.dev}', { web: 'directory', 'web/docker/Dockerfile.dev': 'file' }, []],
    ['a missing folder', 'build: ./nope', WEB, [`3:12: build context "./nope" does not exist (looked for ${DIR}/nope); give a folder relative to the manifest's, or a git or http(s) URL`]],
    ['a missing folder, long form', 'build: {context: ./nope}', WEB, [`3:22: build context "./nope" does not exist (looked for ${DIR}/nope); give a folder relative to the manifest's, or a git or http(s) URL`]],
    ['a file', 'build: web/Dockerfile', WEB, [`3:12: build context "web/Dockerfile" is not a folder (${DIR}/web/Dockerfile is a file); give the folder that holds the Dockerfile`]],
    ['a socket', 'build: web', { web: 'other' }, [`3:12: build context "web" is not a folder (${DIR}/web is a special file); give the folder that holds the Dockerfile`]],
    ['a folder that cannot be read', 'build: web', { web: 'unreadable' }, [`3:12: build context "web" cannot be read (${DIR}/web: permission denied); make it readable to the user who runs hitch`]],
    ['no Dockerfile', 'build: ./web', { web: 'directory' }, [`3:12: build context "./web" has no Dockerfile (looked for ${DIR}/web/Dockerfile); add one, or name yours in build.dockerfile`]],
    ['no Dockerfile, long form', 'build: {context: web, args: {A: 1}}', { web: 'directory' }, [`3:22: build context "web" has no Dockerfile (looked for ${DIR}/web/Dockerfile); add one, or name yours in build.dockerfile`]],
    ['a named Dockerfile that is missing', 'build: {context: web, dockerfile: Dockerfile.dev}', WEB, [`3:39: build.dockerfile "Dockerfile.dev" does not exist (looked for ${DIR}/web/Dockerfile.dev); the path is relative to the build context`]],
    ['a named Dockerfile that is a folder', 'build: {context: ., dockerfile: web}', { '.': 'directory', ...WEB }, [`3:37: build.dockerfile "web" is not a file (${DIR}/web is a folder); name the Dockerfile itself`]],
    ['a named Dockerfile that cannot be read', 'build: {context: web, dockerfile: D}', { web: 'directory', 'web/D': 'unreadable' }, [`3:39: build.dockerfile "D" cannot be read (${DIR}/web/D: permission denied); make it readable to the user who runs hitch`]],
  ])('%s', (_, body, paths, want) => {
    expect(built(body, paths)).toEqual(want);
  });

  test('a problem in each service that builds, all at once', () => {
    const yaml = 'services:\n  a: {build: ./nope}\n  b: {build: {context: web, dockerfile: nope}}\n  c: {build: web}\n';
    expect(problems(yaml, { pathKind: disk(WEB) })).toEqual([
      `2:14: build context "./nope" does not exist (looked for ${DIR}/nope); give a folder relative to the manifest's, or a git or http(s) URL`,
      `3:41: build.dockerfile "nope" does not exist (looked for ${DIR}/web/nope); the path is relative to the build context`,
    ]);
  });
});

describe('remote build contexts: fetched by the engine, so never looked for on disk', () => {
  const remotes = ['https://example.com/app.tar.gz', 'http://10.0.0.1/ctx.tar', 'git://example.com/app.git', 'ssh://git@example.com/app.git', 'github.com/docker/app', 'git@github.com:docker/app.git#main:web'];

  test.each(remotes)('%s: kept as written, and written back by hitch config as it is', (url) => {
    const looked: string[] = [];
    const { manifest } = load(`services:\n  app:\n    build: {context: "${url}", dockerfile: Dockerfile.prod}\n`, { pathKind: (p) => void looked.push(p) });
    const app = manifest.services.app!;
    expect([looked, app.build, normalizedYaml(manifest).includes(`context: ${JSON.stringify(url).replace(/^"(.*)"$/, '$1')}`)]).toEqual([
      [],
      { context: url, dockerfile: 'Dockerfile.prod', args: {} },
      true,
    ]);
  });
});

describe('pathKindOnDisk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hitch-paths-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'web'));
  writeFileSync(join(dir, 'web', 'Dockerfile'), 'FROM scratch\n');
  execFileSync('mkfifo', [join(dir, 'fifo')]);

  test.each<[string, PathKind]>([
    ['web', 'directory'],
    ['web/Dockerfile', 'file'],
    ['fifo', 'other'],
    ['nope', undefined],
    ['web/Dockerfile/x', undefined],
  ])('%s', (path, want) => {
    expect(pathKindOnDisk(join(dir, path))).toBe(want);
  });
});
