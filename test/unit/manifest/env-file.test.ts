// env_file: its files read beside the manifest, by compose v2's syntax, interpolated as compose v2
// resolves them, and a path that names no readable file told apart.
import { describe, expect, test } from 'vitest';
import { parseEnvFile } from '../../../src/manifest/dotenv.js';
import type { PathKind } from '../../../src/manifest/index.js';
import { DIR, load, problems, svc, warnings } from './helpers.js';

const env = (body: string, opts: Parameters<typeof load>[1] = {}) => load(svc(body), opts).manifest.services.web!.environment;

describe('env_file', () => {
  test('env_file entries first, in order; environment wins', () => {
    const files: Record<string, string> = {
      [`${DIR}/common.env`]: '# shared\nA=common\nB=common\nexport C="quoted \\"x\\""\n',
      [`${DIR}/conf/db.env`]: "B=db\nD='single $x'\nE=plain # comment\nFROM_ENV\n\n",
    };
    const got = env('env_file: [common.env, conf/db.env]\nenvironment: {A: manifest}', { env: { FROM_ENV: 'e' }, readFile: (p) => files[p] });
    expect(got).toEqual({ A: 'manifest', B: 'db', C: 'quoted "x"', D: 'single $x', E: 'plain', FROM_ENV: 'e' });
  });

  test('a missing env_file and a bad line are both reported', () => {
    const files: Record<string, string> = { [`${DIR}/bad.env`]: 'OK=1\n1BAD=x\n' };
    expect(problems(svc('env_file: [missing.env, bad.env]'), { readFile: (p) => files[p], pathKind: () => undefined })).toEqual([
      '/proj/shop/bad.env:2:1: "1BAD" is not a variable name; use KEY=VALUE lines',
      "4:16: env_file \"missing.env\" does not exist (looked for /proj/shop/missing.env); create it, or give its path relative to the manifest's folder",
    ]);
  });

  test('a file that is there but gave nothing when read cannot be read', () => {
    expect(problems(svc('env_file: gone.env'), { pathKind: () => 'file' })).toEqual(['4:15: env_file "gone.env" cannot be read (looked for /proj/shop/gone.env)']);
  });

  // compose-go reads it and says only `read /proj/shop: is a directory`
  test.each<[string, PathKind, string]>([
    ['.', 'directory', 'env_file "." is not a file (/proj/shop is a folder); name the file of KEY=VALUE lines in it'],
    ['conf', 'directory', 'env_file "conf" is not a file (/proj/shop/conf is a folder); name the file of KEY=VALUE lines in it'],
    ['fifo', 'other', 'env_file "fifo" is not a file (/proj/shop/fifo is a special file); name the file of KEY=VALUE lines in it'],
    ['secret.env', 'unreadable', 'env_file "secret.env" cannot be read (/proj/shop/secret.env: permission denied); make it readable to the user who runs hitch'],
  ])('env_file: %s (%s)', (file, kind, message) => {
    expect(problems(svc(`env_file: ${file}`), { pathKind: () => kind })).toEqual([`4:15: ${message}`]);
  });

  test('env_file values by compose v2\'s syntax: multi-line quotes, escapes, comments, variables', () => {
    const files: Record<string, string> = { [`${DIR}/app.env`]: 'KEY="-----BEGIN-----\nMIIB\n-----END-----"\nJSON="{\\"a\\": \\"\\$x\\"}" # c\nHOME_DIR=$HOME # c\nLIT=\'$x\\n\'\nPRICE=5$$\n' };
    expect(env('env_file: app.env', { env: { HOME: '/root' }, readFile: (p) => files[p] })).toEqual({
      KEY: '-----BEGIN-----\nMIIB\n-----END-----',
      JSON: '{"a": "$x"}',
      HOME_DIR: '/root',
      LIT: '$x\\n',
      PRICE: '5$',
    });
  });

  // compose-go's WithServicesEnvironmentResolved: the project's environment (process, then .env), the
  // service's `environment`, the keys above in the same file, then the env_files above; a bare KEY takes
  // the first two only.
  test.each<[string, string, string]>([
    ['the process environment wins over everything', 'X=mine\nA=${X}', 'process'],
    ['.env comes next', 'A=${Z}', 'dotenv'],
    ["then the service's environment", 'S=mine\nA=${S}', 'svc'],
    ['then a key above in the same file, over the env_files above', 'V=mine\nA=${V}', 'mine'],
    ['then the env_files above', 'A=${V}-x', 'first-x'],
    ['defaults apply to what none of them has', 'A=${NONE:-fallback}', 'fallback'],
    ['a double-quoted value is interpolated too', 'A="${V} \\$V"', 'first $V'],
  ])('env_file variables: %s', (_, second, want) => {
    const files: Record<string, string> = { [`${DIR}/one.env`]: 'X=first\nV=first\n', [`${DIR}/two.env`]: second };
    const opts = { env: { X: 'process' }, dotenv: { file: `${DIR}/.env`, text: 'X=dotenv\nZ=dotenv\n' }, readFile: (p: string) => files[p] };
    expect(env('env_file: [one.env, two.env]\nenvironment: {S: svc}', opts).A).toBe(want);
  });

  test("a bare KEY in an env_file takes the project's environment, then the service's; unset, it changes nothing", () => {
    const files: Record<string, string> = { [`${DIR}/one.env`]: 'V=first\n', [`${DIR}/two.env`]: 'W=mine\nW\nV\nY\nS\nT\nNONE\nA=${T}\n' };
    const opts = { env: { Y: 'process' }, dotenv: { file: `${DIR}/.env`, text: 'Z=dotenv\n' }, readFile: (p: string) => files[p] };
    // T comes from `environment`, so A sees it; V keeps the value one.env gave it
    expect(env('env_file: [one.env, two.env]\nenvironment: {S: svc, T: "${Z}"}', opts)).toEqual({ V: 'first', W: 'mine', Y: 'process', S: 'svc', T: 'dotenv', A: 'dotenv' });
  });

  test('env_file interpolation problems are reported in the env_file; an unset variable warns there', () => {
    const files: Record<string, string> = { [`${DIR}/app.env`]: 'A=1\nPRICE=5$\nTOKEN="${SECRET:?set SECRET}"\n' };
    expect(problems(svc('env_file: app.env'), { readFile: (p) => files[p] })).toEqual([
      '/proj/shop/app.env:2:7: invalid interpolation in "5$": a lone "$"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $; in an env file, a single-quoted value is taken as written',
      '/proj/shop/app.env:3:7: required variable "SECRET" is missing a value: set SECRET',
    ]);
    const unset: Record<string, string> = { [`${DIR}/app.env`]: 'A=x${NOPE}y\n' };
    const loaded = load(svc('env_file: app.env'), { readFile: (p) => unset[p] });
    expect(loaded.manifest.services.web!.environment).toEqual({ A: 'xy' });
    expect(warnings(svc('env_file: app.env'), { readFile: (p) => unset[p] })).toEqual(['/proj/shop/app.env:1:3: The "NOPE" variable is not set. Defaulting to a blank string.']);
  });

  test('an unclosed quote in an env_file is reported at the quote, in the env_file', () => {
    const files: Record<string, string> = { [`${DIR}/app.env`]: 'A=1\nB=\'it\n' };
    expect(problems(svc('env_file: app.env'), { readFile: (p) => files[p] })).toEqual([
      "/proj/shop/app.env:2:3: the value of B opens a single quote (') here and the file ends before it closes; end the value with ', writing \\' for a ' inside it",
    ]);
  });

  test('an env_file that is not UTF-8 is reported at its first bad byte, not read as U+FFFD', () => {
    const latin1 = Buffer.from('OK=1\nNAME=caf\xe9\n', 'latin1');
    expect(problems(svc('env_file: latin1.env'), { readFile: () => latin1 })).toEqual([
      '/proj/shop/latin1.env:2:9: latin1.env is not UTF-8 text (byte 0xe9 at offset 13); save it as UTF-8',
    ]);
  });

  test('env_file bytes in UTF-8 (with a BOM) are read as text', () => {
    const bytes = Buffer.from('\ufeffNAME=café\n', 'utf8');
    expect(env('env_file: utf8.env', { readFile: () => bytes })).toEqual({ NAME: 'café' });
  });
});

describe('env files', () => {
  test('parse', () => {
    expect(parseEnvFile("A=1\n  B = two \n#C=3\nexport D=4\nE=\"a\\nb\"\nF\n=bad\nG='$x'\n")).toEqual({
      entries: [
        { line: 1, col: 3, key: 'A', value: '1', template: '1' },
        { line: 2, col: 7, key: 'B', value: 'two', template: 'two' },
        { line: 4, col: 10, key: 'D', value: '4', template: '4' },
        { line: 5, col: 3, key: 'E', value: 'a\nb', template: 'a\nb' },
        { line: 6, col: 1, key: 'F' },
        { line: 8, col: 3, key: 'G', value: '$x' },
      ],
      errors: [{ line: 7, col: 1, message: '"" is not a variable name; use KEY=VALUE lines' }],
    });
  });
});
