// Properties of the `.env` parser over generated files: any text is read without throwing, each entry and
// problem where the text has it; any value written double-quoted (\\ \" \$ escaped) reads back as itself.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseEnvFile } from '../../../src/manifest/dotenv.js';

const RUNS = { numRuns: 500, seed: 20_260_301 };

// the characters the syntax gives a meaning to, and a few that it does not
const SIGNIFICANT = ['=', '"', "'", '\\', '#', ' ', '\t', '\n', '\r', '$', '{', 'A', 'b', '1', '_', 'é', 'export ', '\\n', '\\0101'];
const envText = fc.array(fc.constantFrom(...SIGNIFICANT), { maxLength: 60 }).map((parts) => parts.join(''));

describe('parseEnvFile on generated text', () => {
  test('never throws; every entry and problem is at a line and column of the text', () => {
    fc.assert(
      fc.property(envText, (text) => {
        const lines = text.split('\n');
        const { entries, errors } = parseEnvFile(text);
        for (const at of [...entries, ...errors]) {
          expect(at.line >= 1 && at.line <= lines.length && at.col >= 1 && at.col <= lines[at.line - 1]!.length + 1).toBe(true);
        }
        for (const e of entries) expect(e.key).toMatch(/^[A-Za-z_][A-Za-z0-9_.-]*$/);
      }),
      RUNS,
    );
  });

  test('a value written in double quotes with \\\\, \\" and \\$ escaped reads back as itself, across lines', () => {
    const value = fc.array(fc.constantFrom('a', ' ', '#', '"', "'", '\\', '$', '{', '}', '\n', '\r\n', '0', 'n', 't', 'é', '='), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        const text = values.map((v, i) => `K${i}="${v.replace(/[\\"$]/g, (c) => `\\${c}`)}" # ${i}\n`).join('');
        const { entries, errors } = parseEnvFile(text);
        expect([errors, entries.map((e) => [e.key, e.value])]).toEqual([[], values.map((v, i) => [`K${i}`, v])]);
      }),
      RUNS,
    );
  });
});
