// What a local build sends: Docker's .dockerignore rules, the Dockerfile and .dockerignore always sent,
// and a Dockerfile from outside the context under a hidden name, as the docker CLI packs it.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract } from 'tar-fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextPaths, dockerfileInside, dockerignoreRules, packContext } from '../../../src/engine/build-context.js';

describe('dockerignoreRules', () => {
  const kept = (text: string | undefined, paths: Array<[string, boolean]>, alwaysSent: string[] = []) => {
    const excluded = dockerignoreRules(text, alwaysSent);
    return paths.filter(([path, isFolder]) => !excluded(path, isFolder)).map(([path]) => path);
  };

  it.each<[string, string | undefined, Array<[string, boolean]>, string[]]>([
    ['no .dockerignore: everything', undefined, [['a', false], ['.git', true]], ['a', '.git']],
    ['a name excludes the file or folder at the root only', 'tmp', [['tmp', true], ['tmp', false], ['src/tmp', false]], ['src/tmp']],
    ['a leading slash is the root', '/tmp', [['tmp', true], ['x', false]], ['x']],
    ['globs match within one level', '*.log', [['a.log', false], ['logs/a.log', false]], ['logs/a.log']],
    ['** matches any depth', '**/*.log', [['a.log', false], ['logs/a.log', false], ['a.txt', false]], ['a.txt']],
    ['an exception brings a file back', '*.md\n!README.md', [['README.md', false], ['NOTES.md', false]], ['README.md']],
    ['everything but one folder', '*\n!app', [['app', true], ['app/main.js', false], ['docs', true]], ['app', 'app/main.js']],
    ['a folder with an exception inside is walked', 'vendor\n!vendor/keep', [['vendor', true], ['vendor/keep', false], ['vendor/drop', false]], ['vendor', 'vendor/keep']],
    ['comments and blank lines are not rules', '# tmp\n\n', [['# tmp', false], ['tmp', false]], ['# tmp', 'tmp']],
    ['a path with a folder', 'docs/*.pdf', [['docs/a.pdf', false], ['a.pdf', false]], ['a.pdf']],
  ])('%s', (_, text, paths, expected) => {
    expect(kept(text, paths)).toEqual(expected);
  });

  it('never excludes the files always sent, nor the folders that hold them', () => {
    const text = '*\n';
    expect(kept(text, [['.dockerignore', false], ['docker', true], ['docker/Dockerfile', false], ['docker/other', false], ['src', true]], ['.dockerignore', 'docker/Dockerfile']))
      .toEqual(['.dockerignore', 'docker', 'docker/Dockerfile']);
  });
});

describe('dockerfileInside', () => {
  it.each<[string, string | undefined]>([
    ['Dockerfile', 'Dockerfile'],
    ['docker/Dockerfile.dev', 'docker/Dockerfile.dev'],
    ['./a/../Dockerfile', 'Dockerfile'],
    ['../Dockerfile', undefined],
    ['../ctx-other/Dockerfile', undefined],
    ['/elsewhere/Dockerfile', undefined],
    ['..Dockerfile', '..Dockerfile'],
  ])('%s → %s', (dockerfile, inside) => {
    expect(dockerfileInside('/work/ctx', dockerfile)).toBe(inside);
  });

  it('an absolute path inside the context is inside', () => {
    expect(dockerfileInside('/work/ctx', '/work/ctx/sub/Dockerfile')).toBe('sub/Dockerfile');
  });
});

/** The packed files and their contents, unpacked into `into`. */
async function unpacked(tar: Readable, into: string): Promise<Record<string, string>> {
  await pipeline(tar, extract(into));
  const files = (await readdir(into, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const names = files.map((e) => relative(into, join(e.parentPath, e.name)));
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(into, n), 'utf8')] as const)));
}

describe('contextPaths and packContext', () => {
  let root: string;
  let ctx: string;
  const put = async (path: string, text = path) => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'hitch-build-context-'));
    ctx = join(root, 'ctx');
    await put('ctx/Dockerfile', 'FROM scratch\n');
    await put('ctx/app/main.js');
    await put('ctx/node_modules/big/index.js');
    await put('ctx/notes.md');
    await put('Dockerfile.outside', 'FROM outside\n');
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists every file and folder below the context, empty ones too, sorted, when nothing is ignored', async () => {
    await mkdir(join(ctx, 'logs'));
    expect(await contextPaths(ctx, () => false)).toEqual(['Dockerfile', 'app', 'app/main.js', 'logs', 'node_modules', 'node_modules/big', 'node_modules/big/index.js', 'notes.md']);
  });

  it('does not walk an excluded folder', async () => {
    const asked: string[] = [];
    const paths = await contextPaths(ctx, (path) => (asked.push(path), path === 'node_modules'));
    expect([paths, asked.filter((p) => p.startsWith('node_modules/'))]).toEqual([['Dockerfile', 'app', 'app/main.js', 'notes.md'], []]);
  });

  it('sends an excluded folder walked for an exception only as the folder of what it brings back', async () => {
    await put('ctx/vendor/keep.txt');
    await put('ctx/vendor/drop.txt');
    await mkdir(join(ctx, 'vendor', 'empty'));
    expect(await contextPaths(ctx, dockerignoreRules('vendor\n!vendor/keep.txt\n', []))).toEqual(['Dockerfile', 'app', 'app/main.js', 'node_modules', 'node_modules/big', 'node_modules/big/index.js', 'notes.md', 'vendor', 'vendor/keep.txt']);
  });

  it('packs what .dockerignore leaves, empty folders too, with the Dockerfile and .dockerignore even when it lists them', async () => {
    await put('ctx/.dockerignore', 'node_modules\n*.md\nDockerfile\n.dockerignore\n');
    await mkdir(join(ctx, 'logs'));
    const packed = await packContext(ctx, undefined);
    const out = join(root, 'out');
    expect([Object.keys(await unpacked(packed.tar, out)).sort(), packed.dockerfile]).toEqual([['.dockerignore', 'Dockerfile', 'app/main.js'], undefined]);
    expect(await contextPaths(out, () => false)).toEqual(['.dockerignore', 'Dockerfile', 'app', 'app/main.js', 'logs']); // the empty folder too
  });

  it('keeps a named Dockerfile inside the context where it is', async () => {
    await put('ctx/docker/Dockerfile.dev', 'FROM dev\n');
    await put('ctx/.dockerignore', 'docker\n');
    const packed = await packContext(ctx, 'docker/Dockerfile.dev');
    const files = await unpacked(packed.tar, join(root, 'out'));
    expect([files['docker/Dockerfile.dev'], packed.dockerfile]).toEqual(['FROM dev\n', 'docker/Dockerfile.dev']);
  });

  it('adds a Dockerfile from outside the context under a hidden name, which the .dockerignore sent excludes', async () => {
    const packed = await packContext(ctx, '../Dockerfile.outside');
    const files = await unpacked(packed.tar, join(root, 'out'));
    expect(packed.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    expect(files[packed.dockerfile!]).toBe('FROM outside\n');
    expect(files['.dockerignore']).toBe(`.dockerignore\n${packed.dockerfile}\n`);
    expect(Object.keys(files).sort()).toEqual([packed.dockerfile, '.dockerignore', 'Dockerfile', 'app/main.js', 'node_modules/big/index.js', 'notes.md'].sort());
  });

  it("keeps the context's own .dockerignore rules when it adds the name to them", async () => {
    await put('ctx/.dockerignore', 'node_modules');
    const packed = await packContext(ctx, '../Dockerfile.outside');
    const files = await unpacked(packed.tar, join(root, 'out'));
    expect(files['.dockerignore']).toBe(`node_modules\n${packed.dockerfile}\n`);
    expect(Object.keys(files).some((f) => f.startsWith('node_modules'))).toBe(false);
  });
});
