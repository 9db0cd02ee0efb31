// issue #7.1: thousands of random and mutated manifests; each ends in a Manifest or in user problems
// with positions inside the text. Never an exception of another kind, never a hang (CASE_MS each).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { ManifestError, loadManifest } from '../../../src/manifest/index.js';
import { manifestData } from './hostile-data.js';
import { editedSeed, hostileTexts } from './hostile-text.js';
import { mutatedSeed, seedManifests } from './seed-mutations.js';
import { CASE_MS, checkOutcome, ENV, failed, parse, timed, type Outcome } from './outcome.js';

const seeds = seedManifests();
// env_file: in the seeds (shop's db.env) reads as a small valid file
const readFile = (p: string) => (p.endsWith('.env') ? 'POSTGRES_USER=shop\n' : undefined);
// a failure's shrinking is bounded too, so a bug shows up as a failed test rather than a stuck suite;
// FUZZ_RUNS=20000 FUZZ_MS=120000 explores deeper (with --testTimeout 200000)
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 600), interruptAfterTimeLimit: Number(process.env.FUZZ_MS ?? 8_000) };

function check(text: string): void {
  checkOutcome(text, timed(() => parse(text, { readFile })));
}

describe('the seeds', () => {
  test('are valid, so their mutations start from a manifest that loads', () => {
    const failures = seeds.filter((s) => !('ok' in parse(s.text, { readFile }))).map((s) => s.name);
    expect([seeds.length >= 5, failures]).toEqual([true, []]);
  });
});

describe('parseManifest never throws anything but ManifestError', { timeout: 20_000 }, () => {
  test.each(hostileTexts)('on %s', (_what, text, numRuns) => {
    fc.assert(fc.property(text, check), { ...RUNS, numRuns: numRuns ?? RUNS.numRuns });
  });

  test('on manifest-shaped data with hostile keys and values', () => {
    fc.assert(fc.property(manifestData, (d) => check(stringify(d))), RUNS);
  });

  test('on the seeds with structural mutations', () => {
    fc.assert(fc.property(mutatedSeed(seeds), check), RUNS);
  });

  test('on the seeds with textual edits', () => {
    fc.assert(fc.property(editedSeed(seeds), check), RUNS);
  });

  test('on a long chain of linked services (no recursion limit reached)', () => {
    const n = 3000;
    const text = `services:\n${Array.from({ length: n }, (_, i) => `  s${i}: {image: x${i + 1 < n ? `, link: s${i + 1}` : ''}}`).join('\n')}\n`;
    const outcome = timed(() => parse(text), 10_000);
    expect('ok' in outcome && Object.keys(outcome.ok.manifest.services).length).toEqual(n);
  });
});

describe('loadManifest on bytes', { timeout: 20_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hitch-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  async function load(file: string, bytes: Uint8Array): Promise<Outcome> {
    writeFileSync(file, bytes);
    try {
      return { ok: await loadManifest({ file, env: ENV }) };
    } catch (e) {
      if (e instanceof ManifestError) return failed(e);
      throw e;
    } finally {
      rmSync(file);
    }
  }

  async function checkBytes(bytes: Uint8Array): Promise<void> {
    const file = join(dir, `m${n++}.yaml`);
    const started = performance.now();
    const outcome = await load(file, bytes);
    expect(performance.now() - started).toBeLessThan(CASE_MS);
    checkOutcome(undefined, outcome, [file]);
  }

  test('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), checkBytes), { ...RUNS, numRuns: 150 });
  });

  test('seeds with bytes that are not UTF-8 put in', async () => {
    const bytes = fc.tuple(fc.nat(seeds.length - 1), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3, min: 0x80, max: 0xff }));
    await fc.assert(
      fc.asyncProperty(bytes, async ([s, at, junk]) => {
        const text = Buffer.from(seeds[s]!.text);
        const i = at % (text.length + 1);
        await checkBytes(Buffer.concat([text.subarray(0, i), junk, text.subarray(i)]));
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});
