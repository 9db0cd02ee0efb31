// Integers JavaScript cannot hold exactly (beyond 2^53): a value keeps the digits the user wrote, and a
// message quotes them, instead of 12345678901234567890 turning into 12345678901234567000.
import { describe, expect, test } from 'vitest';
import { load, problems, svc } from './helpers.js';

const web = (body: string) => load(svc(body)).manifest.services.web!;

describe('numbers too large to be exact, as values', () => {
  test('environment, labels and build args keep the digits as written', () => {
    const s = web('environment: {BIG: 12345678901234567890, NEG: -99999999999999999999, PLUS: +12345678901234567890, SAFE: 9007199254740991}\nlabels: {big: 12345678901234567890}\nbuild: {context: ., args: {V: 12345678901234567890}}');
    expect([s.environment, s.labels, s.build?.args]).toEqual([
      { BIG: '12345678901234567890', NEG: '-99999999999999999999', PLUS: '+12345678901234567890', SAFE: '9007199254740991' },
      { big: '12345678901234567890' },
      { V: '12345678901234567890' },
    ]);
  });

  test('through an alias and a merge key', () => {
    const yaml = 'x-env: &env {BIG: 12345678901234567890}\nservices:\n  web:\n    image: nginx\n    environment:\n      <<: *env\n  db:\n    image: pg\n    environment: *env\n';
    const m = load(yaml).manifest;
    expect([m.services.web!.environment, m.services.db!.environment]).toEqual([{ BIG: '12345678901234567890' }, { BIG: '12345678901234567890' }]);
  });

  test('as a key', () => {
    expect(web('labels: {12345678901234567890: x}').labels).toEqual({ '12345678901234567890': 'x' });
  });

  test('other forms are read as compose reads them: a float, hex, an exponent', () => {
    expect(web('environment: {F: 1.50, H: 0x1F, E: 1e3}').environment).toEqual({ F: '1.5', H: '31', E: '1000' });
  });
});

describe('ports too large, quoted as written', () => {
  test.each<[string, string[]]>([
    ['expose: [99999999999999999999]', ['4:14: port 99999999999999999999 is out of range 1-65535 in "99999999999999999999"']],
    ['expose: ["99999999999999999999"]', ['4:14: port 99999999999999999999 is out of range 1-65535 in "99999999999999999999"']],
    ['expose: ["80-99999999999999999999/udp"]', ['4:14: port 99999999999999999999 is out of range 1-65535 in "80-99999999999999999999/udp"']],
    ['ports: [99999999999999999999]', ['4:13: port 99999999999999999999 is out of range 1-65535 in "99999999999999999999"']],
    ['ports: ["8080:99999999999999999999"]', ['4:13: port 99999999999999999999 is out of range 1-65535 in "8080:99999999999999999999"']],
    [
      'ports: [{target: 99999999999999999999, published: 12345678901234567890}]',
      ["4:22: target 99999999999999999999 is out of range 1-65535; use the container's port, like 80"],
    ],
    ['ports: [{target: 80, published: 12345678901234567890}]', ['4:37: published 12345678901234567890 is out of range 1-65535; use 8080 or "8000-8010"']],
  ])('%s', (body, want) => {
    expect(problems(svc(body))).toEqual(want);
  });
});
