// `hitch config` round trips on generated manifests: hostile strings in every free-text field, and the
// fuzzer's mutations of the shipped manifests. Every one that loads must read back as the same model.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { hostileString } from '../hardening/hostile-data.js';
import { parse } from '../hardening/outcome.js';
import { editedSeed } from '../hardening/hostile-text.js';
import { mutatedSeed, seedManifests } from '../hardening/seed-mutations.js';
import { roundTrip } from './normalized-helpers.js';

const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 200), interruptAfterTimeLimit: Number(process.env.FUZZ_MS ?? 8_000) };
const readFile = (p: string) => (p.endsWith('.env') ? 'POSTGRES_USER=shop\nA=$b\n' : undefined);

/** One service whose free-text fields hold hostile strings (many such services do not load). */
const hostileService = fc
  .record({
    environment: fc.dictionary(fc.oneof(fc.constantFrom('A', 'B_1', '__proto__', 'pos'), hostileString), hostileString, { maxKeys: 4 }),
    labels: fc.dictionary(fc.oneof(fc.constantFrom('l', 'com.x'), hostileString), hostileString, { maxKeys: 3 }),
    command: fc.array(hostileString, { maxLength: 4 }),
    entrypoint: hostileString,
    user: hostileString,
    working_dir: hostileString.map((s) => `/${s}`), // only an absolute path loads
    stop_signal: fc.oneof(fc.constantFrom('SIGINT', 'term', '9', 'SIGRTMIN+3'), hostileString), // a hostile one never loads
    volumes: fc.array(hostileString.map((s) => ({ type: 'bind', source: `./${s}`, target: `/${s}` })), { maxLength: 2 }),
    // named like a Dockerfile, which the fake disk of buildPathsExist holds (one with a "/" in s does not load)
    build: hostileString.map((s) => ({ context: `./${s}`, dockerfile: `Dockerfile${s}`, args: { V: s } })),
  }, { requiredKeys: [] }) // a few fields at a time, so that a fair share of services load
  .map((body) => stringify({ services: { web: body } }));

/** How many inputs loaded, and the round trips that failed (expected to be none). */
function sweep(texts: fc.Arbitrary<string>): { loaded: number; broken: unknown[] } {
  let loaded = 0;
  const broken: unknown[] = [];
  fc.assert(
    fc.property(texts, (text) => {
      const outcome = parse(text, { readFile });
      if (!('ok' in outcome)) return;
      loaded++;
      const r = roundTrip(outcome.ok.manifest);
      const same = JSON.stringify(r.after) === JSON.stringify(r.before) && r.yamlAgain === r.yaml;
      if (!same || r.schemaErrors.length > 0 || r.warnings.length > 0) broken.push({ text, yaml: r.yaml, schemaErrors: r.schemaErrors });
    }),
    RUNS,
  );
  return { loaded, broken };
}

describe('normalized generated manifests read back as the same model', { timeout: RUNS.interruptAfterTimeLimit + 12_000 }, () => {
  const seeds = seedManifests();

  test.each<[string, fc.Arbitrary<string>]>([
    ['hostile values in every free-text field', hostileService],
    ['structural mutations of the shipped manifests', mutatedSeed(seeds)],
    ['textual edits of the shipped manifests', editedSeed(seeds)],
  ])('%s', (_name, texts) => {
    const { loaded, broken } = sweep(texts);
    // a sweep where nothing loads would prove nothing
    expect([loaded >= 10, broken.slice(0, 3)]).toEqual([true, []]);
  });
});
