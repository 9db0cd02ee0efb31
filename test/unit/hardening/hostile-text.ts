// fast-check generators for hostile manifest text: YAML-ish tokens, alias tangles, textual edits of seed manifests.
import fc from 'fast-check';
import { hostileString } from './hostile-data.js';

/** YAML-ish text from YAML's own punctuation and manifest words: mostly syntax errors, some valid. */
const TOKENS = [
  'services:', 'web:', 'db:', 'image: x', 'link: db', 'expose: [80]', 'ports:', '- ', '-', ':', ': ', '?', ',', '[', ']', '{', '}',
  '&a ', '*a', '<<: ', '!!str ', '!!binary ', '!foo ', '|', '>', '"', "'", '#', '%YAML 1.1', '---', '...', '${', '}', '$$',
  '\n', '\n', '\n  ', '\n    ', '\t', ' ', '\\', '\0', '\r', '\ufeff', 'x', '80', '0x50', '~', 'null', 'true', '__proto__',
];
export const yamlishText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));

/** Flow collections with anchors, aliases and merge keys in random places: cycles, bombs, bad merges. */
const FLOW_TOKENS = ['[', ']', '{k: ', '{<<: ', '}', '&a ', '&b ', '*a', '*b', ', ', '1', 'x', '!!binary ', '!!timestamp '];
export const aliasText = fc
  .array(fc.constantFrom(...FLOW_TOKENS), { maxLength: 30 })
  .map((t) => `x-a: ${t.join('')}\nservices:\n  web:\n    image: x\n    environment: ${t.slice().reverse().join('')}\n`);

/** The texts every reader of a user's YAML is fuzzed with, by what they are, with how many runs (when not the default). */
export const hostileTexts: Array<[string, fc.Arbitrary<string>, number | undefined]> = [
  ['YAML-ish text', yamlishText, undefined],
  ['anchors, aliases and merge keys in random places', aliasText, undefined],
  ['arbitrary text', fc.string({ unit: 'binary', maxLength: 200 }), 300],
];

type TextOp = { op: 'delete-line' | 'duplicate-line' | 'truncate' | 'tab' } | { op: 'insert'; text: string };

const textOp: fc.Arbitrary<TextOp> = fc.oneof(
  fc.constantFrom<TextOp>({ op: 'delete-line' }, { op: 'duplicate-line' }, { op: 'truncate' }, { op: 'tab' }),
  fc.oneof(hostileString, fc.constantFrom(...TOKENS)).map((text) => ({ op: 'insert' as const, text })),
);

/** A seed manifest with 1–3 edits to its text: lines deleted or repeated (duplicate keys), tabs, junk. */
export function editedSeed(seeds: { text: string }[]): fc.Arbitrary<string> {
  return fc.tuple(fc.nat(seeds.length - 1), fc.array(fc.tuple(fc.nat(), textOp), { minLength: 1, maxLength: 3 })).map(([s, ops]) =>
    ops.reduce((text, [at, o]) => {
      const lines = text.split('\n');
      const i = at % lines.length;
      const offset = at % (text.length + 1);
      switch (o.op) {
        case 'delete-line':
          return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
        case 'duplicate-line':
          return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
        case 'truncate':
          return text.slice(0, offset);
        case 'tab':
          return [...lines.slice(0, i), lines[i]!.replace(/^ +/, '\t'), ...lines.slice(i + 1)].join('\n');
        case 'insert':
          return text.slice(0, offset) + o.text + text.slice(offset);
      }
    }, seeds[s]!.text),
  );
}
