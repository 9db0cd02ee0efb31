// The CLI runs bundled from dist/cli-bundle (scripts/bundle-cli.mjs), where a module's import.meta.url is
// the bundle's. From there `../../` is the package root, as it is from src/<stage>/ and dist/<stage>/: a
// module anywhere else that finds a file (links.schema.json, package.json, images/sandbox, the
// precompiled validator) from its own URL would find it from source and from dist, but not bundled.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../../../src', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('modules that find files from their own URL', () => {
  it('all sit two folders down, like the bundle', () => {
    const users = sources(SRC).filter((f) => readFileSync(f, 'utf8').includes('import.meta.url')).map((f) => relative(SRC, f));
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((f) => f.split(sep).length !== 2)).toEqual([]);
  });
});
