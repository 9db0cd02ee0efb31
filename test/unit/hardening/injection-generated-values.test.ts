// issue #7.2: generated hostile names, aliases, ports and env keys are refused at their own line, or are harmless.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from './outcome.js';

const q = JSON.stringify;

// Whatever the value, what the Manifest holds in these fields fits a grammar with no room for a flag,
// a shell word boundary or a line break: a hostile string is refused at its own line, or it was harmless.
describe('generated hostile values: refused where they stand, or harmless', { timeout: 20_000 }, () => {
  const SAFE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
  const hostile = fc.oneof(
    fc.stringMatching(/^[a-z0-9;$()`'"\\ \t\n:/.=_-]{0,12}$/),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom('wеb', 'ｗｅｂ', '--x', '-p', '80;id', '1;rm', '0x50', '1e3', ' 80', 'a\u2028b', 'a\u0085b'),
  );

  test('service names', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  ${q(v)}:\n    image: x\n`);
        if ('ok' in outcome) expect(Object.keys(outcome.ok.manifest.services).every((n) => SAFE_NAME.test(n))).toEqual(true);
        else expect(outcome.problems.map((p) => p.line)).toEqual(outcome.problems.map(() => 2));
      }),
      { numRuns: 300 },
    );
  });

  test('link aliases', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  db: {image: x}\n  web:\n    image: x\n    link: ${q(`db:${v}`)}\n`);
        if ('ok' in outcome) expect(outcome.ok.manifest.services.web!.links.every((l) => SAFE_NAME.test(l.alias) && SAFE_NAME.test(l.target))).toEqual(true);
        else expect(outcome.problems.map((p) => p.line)).toEqual(outcome.problems.map(() => 5));
      }),
      { numRuns: 300 },
    );
  });

  test('ports', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  web:\n    image: x\n    expose: [${q(v)}]\n    ports: [${q(`8080:${v}`)}]\n`);
        if ('ok' in outcome) {
          const web = outcome.ok.manifest.services.web!;
          const numbers = [...web.expose.map((p) => p.port), ...web.ports.map((p) => p.containerPort)];
          expect([numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535), web.ports.every((p) => /^(\d+(-\d+)?)?$/.test(p.hostPort))]).toEqual([true, true]);
        } else expect(outcome.problems.filter((p) => p.line !== 4 && p.line !== 5)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test('environment keys', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  web:\n    image: x\n    environment:\n      ${q(v)}: x\n`);
        if ('ok' in outcome) expect(Object.keys(outcome.ok.manifest.services.web!.environment).every((k) => /^[^=\s\0]+$/.test(k))).toEqual(true);
        else expect(outcome.problems.map((p) => p.line)).toEqual(outcome.problems.map(() => 5));
      }),
      { numRuns: 300 },
    );
  });
});
