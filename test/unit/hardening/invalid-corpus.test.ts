// issue #7.1: the corpus of hand-written bad manifests in test/fixtures/invalid. Each NN-name.yaml is
// loaded from disk (bytes, so encodings are tested too) and its whole `format()` output compared with
// NN-name.expected, file names shown relative to the corpus folder.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASE_MS } from './outcome.js';
import { describe, expect, test } from 'vitest';
import { ManifestError, loadManifest } from '../../../src/manifest/index.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/invalid/', import.meta.url));
const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => f.slice(0, -'.yaml'.length));

/** What `hitch validate` would print for the file, with the corpus folder cut from each file name. */
async function formatted(name: string): Promise<string> {
  try {
    await loadManifest({ file: `${CORPUS}${name}.yaml`, env: { HOME: '/home/user' } });
    return '(valid)';
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.format().replaceAll(CORPUS, '');
  }
}

describe('test/fixtures/invalid', () => {
  test('holds at least 40 manifests, each with its expected output', () => {
    const expected = readdirSync(CORPUS).filter((f) => f.endsWith('.expected')).map((f) => f.slice(0, -'.expected'.length)).sort();
    expect([cases.length >= 40, expected]).toEqual([true, cases]);
  });

  test.each(cases)('%s', async (name) => {
    const started = performance.now();
    const got = await formatted(name);
    expect([got, performance.now() - started < CASE_MS]).toEqual([readFileSync(`${CORPUS}${name}.expected`, 'utf8').trimEnd(), true]);
  });
});
