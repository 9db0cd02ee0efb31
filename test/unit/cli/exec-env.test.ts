// `exec -e`: KEY=VALUE as given, KEY alone from hitch's environment, then the project's `.env` (compose's
// rule), or unset (docker exec's); a name docker would refuse refused as usage.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { envArgument, withValue } from '../../../src/cli/commands/exec.js';
import { commandLineLookup, ManifestError } from '../../../src/manifest/index.js';

const ENV: Record<string, string | undefined> = { HOME: '/home/ada', EMPTY: '' };

describe('envArgument', () => {
  it.each(['A=1', 'A=', 'A=b=c', 'URL=http://x/?a=1 b', 'HOME', 'UNSET'])('%j as given', (value) => {
    expect(envArgument(value)).toBe(value);
  });

  it.each([
    ['=1', '"=1" names no variable: use KEY=VALUE'],
    ['', '"" names no variable: use KEY=VALUE'],
    ['A B=1', 'the variable name "A B" holds whitespace'],
    ['A\tB', 'the variable name "A\tB" holds whitespace'],
  ])('refuses %j', (value, message) => {
    expect(() => envArgument(value)).toThrow(new InvalidArgumentError(message));
  });
});

describe('withValue', () => {
  it.each([
    ['A=1', 'A=1'],
    ['A=', 'A='],
    ['HOME', 'HOME=/home/ada'],
    ['EMPTY', 'EMPTY='],
    ['UNSET', 'UNSET'],
  ])('%j → %j', (value, expected) => {
    expect(withValue(value, (k) => ENV[k])).toBe(expected);
  });
});

describe('commandLineLookup: where a bare KEY takes its value (compose v2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hitch-exec-env-'));
  const file = join(dir, 'hitch.yaml'); // only its folder matters
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const values = async (f: string | undefined, keys: string[]) => {
    const { lookup, warnings } = await commandLineLookup(f, ENV);
    return { values: keys.map(lookup), warnings: warnings.map((w) => `${w.line}:${w.col}: ${w.message}`) };
  };

  it("hitch's environment first, even empty, then the .env beside the manifest ($-expanded as compose reads it)", async () => {
    writeFileSync(join(dir, '.env'), 'HOME=/home/other\nEMPTY=not empty\nTOKEN=from-dotenv\nURL=http://${HOST:-db}:5432\n');
    expect(await values(file, ['HOME', 'EMPTY', 'TOKEN', 'URL', 'UNSET'])).toEqual({
      values: ['/home/ada', '', 'from-dotenv', 'http://db:5432', undefined],
      warnings: [],
    });
  });

  it('what the .env warns of is given back, for the command to say', async () => {
    writeFileSync(join(dir, '.env'), 'URL=http://${HOST}:5432\n');
    expect(await values(file, ['URL'])).toEqual({
      values: ['http://:5432'],
      warnings: ['1:5: The "HOST" variable is not set. Defaulting to a blank string.'],
    });
  });

  it("no .env, or no manifest (-p): hitch's environment alone", async () => {
    const bare = mkdtempSync(join(tmpdir(), 'hitch-exec-env-'));
    try {
      expect(await values(join(bare, 'hitch.yaml'), ['HOME', 'TOKEN'])).toEqual({ values: ['/home/ada', undefined], warnings: [] });
      expect(await values(undefined, ['HOME', 'TOKEN'])).toEqual({ values: ['/home/ada', undefined], warnings: [] });
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('a .env with a problem is refused as on load, at its line', async () => {
    writeFileSync(join(dir, '.env'), 'GOOD=1\nnot a statement\n');
    const err = await commandLineLookup(file, ENV).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as ManifestError).message).toBe(`${join(dir, '.env')}:2:1: "not a statement" is not a variable name; use KEY=VALUE lines`);
  });
});
