import { describe, expect, test } from 'vitest';
import { lookupIn } from '../../../src/manifest/interpolate.js';
import { interpolate } from '../../../src/manifest/template.js';
import { DIR, load, problems, warnings } from './helpers.js';

const env = { A: 'a', EMPTY: '', PORT: '80', UNSET: undefined };
const lookup = lookupIn(env, { FROM_DOTENV: 'd', A: 'dotenv-loses' });

describe('interpolate', () => {
  test.each([
    ['plain', 'plain'],
    ['${A}', 'a'],
    ['$A', 'a'],
    ['x$A.y', 'xa.y'],
    ['$A$A', 'aa'],
    ['$$', '$'],
    ['$$A', '$A'],
    ['cost: $$5', 'cost: $5'],
    ['${FROM_DOTENV}', 'd'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${NOPE:-def}', 'def'],
    ['${NOPE-def}', 'def'],
    ['${A:-def}', 'a'],
    ['${NOPE:-${A}}', 'a'],
    ['${NOPE:-${ALSO_NOPE:-deep}}', 'deep'],
    ['${NOPE:-}', ''],
    ['${A:+set}', 'set'],
    ['${EMPTY:+set}', ''],
    ['${EMPTY+set}', 'set'],
    ['${A:?boom}', 'a'],
    ['${EMPTY?boom}', ''],
    ['http://h:${PORT}/x', 'http://h:80/x'],
    ['${NOPE:-a:b}', 'a:b'],
  ])('%s → %s', (input, want) => {
    expect(interpolate(input, lookup, () => {})).toEqual(want);
  });

  test.each([
    ['${A', 'invalid interpolation in "${A": "${" has no closing "}"'],
    ['x ${NOPE:-${A}', 'invalid interpolation in "x ${NOPE:-${A}": "${" has no closing "}"'],
    ['${}', 'invalid interpolation "${}" in "${}"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $'],
    ['${A B}', 'invalid interpolation "${A B}" in "${A B}"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $'],
    ['${1A}', 'invalid interpolation "${1A}" in "${1A}"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $'],
    ['echo $1', 'invalid interpolation in "echo $1": a lone "$"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $'],
    ['5$', 'invalid interpolation in "5$": a lone "$"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $'],
    ['${NOPE:?set NOPE to a password}', 'required variable "NOPE" is missing a value: set NOPE to a password'],
    ['${EMPTY:?}', 'required variable "EMPTY" is missing a value'],
    ['${NOPE?needed}', 'required variable "NOPE" is missing a value: needed'],
  ])('%s fails', (input, error) => {
    expect(interpolate(input, lookup, () => {})).toEqual({ error });
  });

  test('unset variables default to "" with compose\'s warning', () => {
    const seen: string[] = [];
    expect(interpolate('${NOPE}-$UNSET', lookup, (m) => seen.push(m))).toEqual('-');
    expect(seen).toEqual([
      'The "NOPE" variable is not set. Defaulting to a blank string.',
      'The "UNSET" variable is not set. Defaulting to a blank string.',
    ]);
  });
});

describe('interpolation in a manifest', () => {
  const yaml = 'services:\n  db:\n    image: ${IMAGE:-postgres:16}\n    hostname: h-$HOST\n    environment:\n      PASSWORD: ${PW}\n';

  test('process env wins over .env, which supplies defaults', () => {
    const { manifest } = load(yaml, { env: { HOST: 'from-env' }, dotenv: { file: `${DIR}/.env`, text: 'HOST=from-dotenv\nPW=secret\nIMAGE=pg:15\n' } });
    const db = manifest.services.db!;
    expect([db.image, db.hostname, db.environment]).toEqual(['pg:15', 'h-from-env', { PASSWORD: 'secret' }]);
  });

  test('warnings carry the position of the value', () => {
    expect(warnings(yaml)).toEqual([
      '4:15: The "HOST" variable is not set. Defaulting to a blank string.',
      '6:17: The "PW" variable is not set. Defaulting to a blank string.',
    ]);
  });

  test('keys are never interpolated; $$ escapes', () => {
    const { manifest } = load('services:\n  web:\n    image: x\n    labels:\n      $KEY: $$HOME\n', { env: { KEY: 'k' } });
    expect(manifest.services.web!.labels).toEqual({ $KEY: '$HOME' });
  });

  test('errors are reported at the value, once, and do not stop other checks', () => {
    expect(problems('services:\n  db:\n    image: ${IMAGE\n    hostname: ${H:?set H}\n    expose: [0]\n')).toEqual([
      '3:12: invalid interpolation in "${IMAGE": "${" has no closing "}"',
      '4:15: required variable "H" is missing a value: set H',
      '5:14: port 0 is out of range 1-65535 in "0"',
    ]);
  });

  test('interpolation happens before validation', () => {
    const { manifest } = load('services:\n  db:\n    image: x\n    expose: ["${PORT:-5432}"]\n');
    expect(manifest.services.db!.expose).toEqual([{ port: 5432, proto: 'tcp' }]);
  });
});
