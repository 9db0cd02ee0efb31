// What every input to the manifest stage must end in: a Manifest, or user problems with positions
// inside the text. Anything else (a TypeError, a RangeError, an ajv internal, a hang) is a bug.
import { expect } from 'vitest';
import { ManifestError, parseManifest, type Loaded, type ParseOptions } from '../../../src/manifest/index.js';
import { buildPathsExist } from '../manifest/helpers.js';

export const DIR = '/proj/fuzz';
export const FILE = `${DIR}/hitch.yaml`;
/**
 * Per input: a hang guard, not a speed check (speed is bench/'s business). The slowest legitimate case
 * (a few hundred KB of YAML) takes a small fraction of this even on a loaded two-core machine.
 */
export const CASE_MS = 10_000;

/** Variables the fuzzed manifests may interpolate: hostile ones included, so `${EVIL}` is tried too. */
export const ENV: Record<string, string> = {
  HOME: '/home/fuzz',
  PORT: '80',
  EVIL: '1;rm -rf / $(id) `id`',
  NL: 'a\nb',
  FLAG: '--privileged',
  EMPTY: '',
};

export type Outcome = { ok: Loaded } | { problems: ManifestError['problems']; warnings: ManifestError['warnings']; formatted: string };

export function failed(e: ManifestError): Outcome {
  return { problems: e.problems, warnings: e.warnings, formatted: e.format() };
}

export function parse(text: string, opts: Partial<ParseOptions> = {}): Outcome {
  try {
    return { ok: parseManifest(text, { file: FILE, env: ENV, readFile: () => undefined, pathKind: buildPathsExist, ...opts }) };
  } catch (e) {
    if (e instanceof ManifestError) return failed(e);
    throw e; // the property fails with the real error and the input that caused it
  }
}

/** Lines a problem may point at: the text's own lines, plus the empty line after a final newline. */
function lineCount(text: string): number {
  return text.split('\n').length;
}

/** The invariants of one outcome; `files` are the files problems may name (the manifest by default). */
export function checkOutcome(text: string | undefined, outcome: Outcome, files: string[] = [FILE]): void {
  if ('ok' in outcome) {
    const m = outcome.ok.manifest;
    expect([Object.isFrozen(m), Object.keys(m.services)]).toEqual([true, Object.keys(m.services).sort()]);
    for (const w of outcome.ok.warnings) expect(badPosition(w, text, files)).toEqual(undefined);
    return;
  }
  expect(outcome.problems.length).toBeGreaterThan(0);
  for (const p of [...outcome.problems, ...outcome.warnings]) expect(badPosition(p, text, files)).toEqual(undefined);
  // every problem and every warning (marked) is a line of the output, and nothing else is
  const line = (p: { file: string; line: number; col: number; message: string }, mark = '') => `${p.file}:${p.line}:${p.col}: ${mark}${p.message}`;
  const lines = [...outcome.problems.map((p) => line(p)), ...outcome.warnings.map((w) => line(w, 'warning: '))];
  expect(outcome.formatted.split('\n').sort()).toEqual(lines.sort());
}

/** Why a problem's position or message is not a usable one, or undefined when it is. */
function badPosition(p: { file: string; line: number; col: number; message: string }, text: string | undefined, files: string[]): string | undefined {
  if (!files.includes(p.file)) return `unexpected file in ${JSON.stringify(p)}`;
  if (!Number.isInteger(p.line) || !Number.isInteger(p.col) || p.line < 1 || p.col < 1) return `bad line:col in ${JSON.stringify(p)}`;
  if (text !== undefined && p.file === FILE && p.line > lineCount(text)) return `line past the end of the text in ${JSON.stringify(p)}`;
  if (typeof p.message !== 'string' || p.message.trim() === '') return `empty message in ${JSON.stringify(p)}`;
  // `file:line:col: message` is one line of output; a raw newline from the manifest would forge another
  if (/[\r\n]/.test(p.message)) return `message on more than one line in ${JSON.stringify(p)}`;
  return undefined;
}

/** Runs `f` and fails when it takes longer than CASE_MS: a hang shows up as a failing case, not a stuck run. */
export function timed<T>(f: () => T, limit = CASE_MS): T {
  const started = performance.now();
  const result = f();
  const ms = performance.now() - started;
  if (ms > limit) throw new Error(`took ${Math.round(ms)} ms (limit ${limit} ms)`);
  return result;
}
