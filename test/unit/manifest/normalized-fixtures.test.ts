// `hitch config` on every valid manifest the project ships: the normalized YAML, read back in the
// manifest's own folder, is the same model, validates against links.schema.json, and is a fixed point.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadManifest } from '../../../src/manifest/index.js';
import { expectRoundTrip } from './normalized-helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Every manifest under test/fixtures but the invalid corpus (compose's own files are .yml), and the examples. */
function shippedManifests(): string[] {
  const fixtures = readdirSync(join(ROOT, 'test/fixtures'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('invalid/'))
    .map((f) => `test/fixtures/${f}`);
  const examples = readdirSync(join(ROOT, 'examples')).map((d) => `examples/${d}/hitch.yaml`);
  return [...fixtures, ...examples].sort();
}

// What the fixtures read from the environment; REL_GREETING puts a "$" in a value through a variable.
const ENV = { REL_PORT: '18080', REL_GREETING: 'it costs $5', REL_EXPOSE: '7001', LINK_ENV: 'classic', DB_PASSWORD: 's3cret' };

describe('normalized shipped manifests', () => {
  const files = shippedManifests();

  test('are found: fixtures of every kind, and the examples', () => {
    const kinds = new Set(files.map((f) => f.split('/').slice(0, -2).join('/')));
    expect([...kinds].sort()).toEqual(['examples', 'test/fixtures/compose', 'test/fixtures/manifests', 'test/fixtures/stacks']);
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  test.each(files)('%s reads back as the same model', async (file) => {
    const { manifest } = await loadManifest({ file: join(ROOT, file), env: ENV });
    expectRoundTrip(manifest);
  });

  test('with -p, the project name is written as name:', async () => {
    const { manifest } = await loadManifest({ file: join(ROOT, 'test/fixtures/manifests/My-Project.v2/hitch.yaml'), project: 'other', env: {} });
    expect([manifest.project, manifest.services.app!.containerName]).toEqual(['other', 'other-app']);
    expectRoundTrip(manifest);
  });
});
