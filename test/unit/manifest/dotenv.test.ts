// The `.env` beside the manifest, by compose v2's rules: values interpolated from the process env and
// the keys above them (single quotes literal), and every bad line reported at its line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadManifest, ManifestError } from '../../../src/manifest/index.js';
import { DIR, load, problems, warnings } from './helpers.js';

const ENV_FILE = `${DIR}/.env`;
// IMAGE in a label: any text is a label value, where an image must be an image reference
const imageOf = (dotenv: string, env: Record<string, string> = {}) =>
  load('services:\n  web:\n    image: x\n    labels: {v: "${IMAGE}"}\n', { env, dotenv: { file: ENV_FILE, text: dotenv } }).manifest.services.web!.labels.v;

describe('.env values are interpolated as compose v2 does', () => {
  test.each<[string, string, Record<string, string>, string]>([
    ['an earlier key of the file', 'BASE=foo\nIMAGE=${BASE}:1\n', {}, 'foo:1'],
    ['$VAR without braces, and $$ for a $', 'BASE=foo\nIMAGE=$BASE:$$1\n', {}, 'foo:$1'],
    ['a double-quoted value', 'BASE=foo\nIMAGE="${BASE}:1"\n', {}, 'foo:1'],
    ['a single-quoted value is literal', "BASE=foo\nIMAGE='${BASE}:1'\n", {}, '${BASE}:1'],
    ['the process env', 'IMAGE=${REGISTRY}/app\n', { REGISTRY: 'reg.local' }, 'reg.local/app'],
    ['the process env before the file', 'BASE=foo\nIMAGE=${BASE}:1\n', { BASE: 'env' }, 'env:1'],
    ['a default', 'IMAGE=${BASE:-alpine}:3\n', {}, 'alpine:3'],
    ['a chain of keys', 'A=a\nB=${A}b\nIMAGE=${B}c\n', {}, 'abc'],
    ['the process env still wins over the key itself', 'IMAGE=from-file\n', { IMAGE: 'from-env' }, 'from-env'],
    ['a double-quoted \\$ is a $, never a variable', 'BASE=foo\nIMAGE="\\$BASE:${BASE}"\n', {}, '$BASE:foo'],
    ['an empty value is set: ${VAR-default} keeps it empty', 'BASE=\nIMAGE=x${BASE-unset}${BASE:-empty}\n', {}, 'xempty'],
  ])('%s', (_, dotenv, env, want) => {
    expect(imageOf(dotenv, env)).toEqual(want);
  });

  test.each<[string, string, string]>([
    ['double-quoted, interpolated', 'BASE=foo\nVALUE="-----${BASE}-----\nMIIB\n-----END-----"\n', '-----foo-----\nMIIB\n-----END-----'],
    ['double-quoted, with \\n escapes', 'VALUE="a\\nb"\n', 'a\nb'],
    ['single-quoted, taken as written', "VALUE='$a\nb\\n'\n", '$a\nb\\n'],
  ])('a value spanning lines: %s', (_, dotenv, want) => {
    const manifest = 'services:\n  web:\n    image: x\n    environment: {VALUE: "${VALUE}"}\n';
    expect(load(manifest, { dotenv: { file: ENV_FILE, text: dotenv } }).manifest.services.web!.environment).toEqual({ VALUE: want });
  });

  test('a key is not seen by the lines above it: the reference is unset, with a warning at its line', () => {
    const text = 'IMAGE=${BASE}x\nBASE=foo\n';
    expect([imageOf(text), warnings('services:\n  web: {image: "${IMAGE}"}\n', { dotenv: { file: ENV_FILE, text } })]).toEqual([
      'x',
      ['/proj/shop/.env:1:7: The "BASE" variable is not set. Defaulting to a blank string.'],
    ]);
  });
});

describe('.env problems are reported at their line, as env_file problems are', () => {
  const manifest = 'services:\n  web: {image: "${IMAGE}"}\n';

  test.each<[string, string, string[]]>([
    ['a line that is not KEY=VALUE', 'IMAGE=x\nbad line\n1X=y\n', [
      '/proj/shop/.env:2:1: "bad line" is not a variable name; use KEY=VALUE lines',
      '/proj/shop/.env:3:1: "1X" is not a variable name; use KEY=VALUE lines',
    ]],
    ['an invalid interpolation', 'IMAGE=x\nPRICE=5$\n', [
      '/proj/shop/.env:2:7: invalid interpolation in "5$": a lone "$"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $; in an env file, a single-quoted value is taken as written',
    ]],
    ['a required variable', 'IMAGE=x\nTOKEN=${SECRET:?set SECRET}\n', ['/proj/shop/.env:2:7: required variable "SECRET" is missing a value: set SECRET']],
    ['an unclosed quote, at the quote', 'IMAGE=x\nTOKEN="abc\nNEXT=1\n', [
      '/proj/shop/.env:2:7: the value of TOKEN opens a double quote (") here and the file ends before it closes; end the value with ", writing \\" for a " inside it',
    ]],
    ['a problem in a value spanning lines, at the line it starts', 'IMAGE=x\nA=1\nPRICE="5\n$"\n', [
      '/proj/shop/.env:3:7: invalid interpolation in "5\\n$": a lone "$"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $; in an env file, a single-quoted value is taken as written',
    ]],
  ])('%s', (_, text, want) => {
    expect(problems(manifest, { dotenv: { file: ENV_FILE, text } })).toEqual(want);
  });

  test('also when the manifest itself does not parse', () => {
    expect(problems('services: [\n', { dotenv: { file: ENV_FILE, text: 'bad line\n' } })).toEqual([
      '/proj/shop/.env:1:1: "bad line" is not a variable name; use KEY=VALUE lines',
      '2:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });
});

describe('loadManifest reads the .env beside the manifest by these rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hitch-dotenv-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('interpolated values, and a bad line shown with the warning of the same run', async () => {
    writeFileSync(join(dir, 'hitch.yaml'), 'services:\n  web: {image: "${IMAGE}", hostname: "${HOST}"}\n');
    writeFileSync(join(dir, '.env'), 'BASE=foo\nIMAGE=${BASE}:1\nbad line\n');
    const err = await loadManifest({ file: join(dir, 'hitch.yaml'), env: {} }).catch((e: unknown) => e as ManifestError);
    expect(err instanceof ManifestError && err.format().replaceAll(`${dir}/`, '')).toEqual(
      [
        '.env:3:1: "bad line" is not a variable name; use KEY=VALUE lines',
        'hitch.yaml:2:38: warning: The "HOST" variable is not set. Defaulting to a blank string.',
        'hitch.yaml:2:38: hostname must not be empty',
      ].join('\n'),
    );
    writeFileSync(join(dir, '.env'), 'BASE=foo\nIMAGE=${BASE}:1\nHOST=h\n');
    expect((await loadManifest({ file: join(dir, 'hitch.yaml'), env: {} })).manifest.services.web!.image).toEqual('foo:1');
  });
});
