// plain-yaml.ts reads the common subset of YAML without the yaml package. Whenever it accepts a text,
// its tree must be the one yaml gives (values, key and value positions), with no problem to report.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, test } from 'vitest';
import { yamlTree } from '../../../src/manifest/parse.js';
import { plainTree } from '../../../src/manifest/plain-yaml.js';
import { Report } from '../../../src/manifest/problems.js';
import type { Tree } from '../../../src/manifest/tree.js';
import { manifestData } from '../hardening/hostile-data.js';
import { editedSeed, yamlishText } from '../hardening/hostile-text.js';
import { mutatedSeed, seedManifests } from '../hardening/seed-mutations.js';

const FILE = '/proj/shop/hitch.yaml';
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 400) };

function view(tree: Tree) {
  const sorted = (m: Map<string, unknown>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { root: tree.root, values: sorted(tree.values), keys: sorted(tree.keys), numberSources: sorted(tree.numberSources) };
}

/** Whether the fast path took the text; when it did, what it read is what yaml reads. */
function agrees(text: string): boolean {
  const fast = plainTree(text, FILE);
  if (!fast) return false;
  const report = new Report();
  const slow = yamlTree(text, FILE, report);
  expect({ tree: view(fast), problems: [] }).toEqual({ tree: slow && view(slow), problems: [...report.problems, ...report.warnings] });
  return true;
}

// Keys and scalars that YAML reads in more than one way (numbers, booleans, nulls, indicators, comments),
// among ordinary ones, so that most texts stay in the subset and the rest probe its edges.
const USUAL_KEYS = ['web', 'db', 'image', 'links', 'environment', 'A_B', 'x-y'];
const USUAL_SCALARS = ['x', 'nginx:1.25', 'a b', '8000', '-f', "it's", 'SIGKILL', '${A:-b}'];
const TRICKY_KEYS = ['name', 'services', 'web', 'image', 'a.b', 'x-y', '_k', '1', '007', '1e3', '0x1F', '.5', 'true', 'False', 'null', 'NULL',
  '__proto__', 'k:v', 'é', 'a b', '-x', '<<', '~', '"q"', "'q'", '12345678901234567890'];
const TRICKY_SCALARS = ['x', 'nginx:1.25', 'hitch-test/busybox:1', '10.214.0.0/20', '8000', '007', '-1', '+1', '1.5', '1.', '.5', '1e3', '0x1F',
  '0o17', '.inf', '-.Inf', '.NaN', 'true', 'True', 'TRUE', 'yes', 'null', '~', 'Null', '', ' ', 'a b', 'a  b ', 'a: b', 'a:', 'a:b',
  'a #b', 'a#b', '#a', '-f', '- a', '-', '?x', ':x', '[a]', 'a[b]', 'a]', '{a}', 'a,b', "it's", '"q"', "'", '"', '\\', 'a\\nb', '$x',
  '${A:-b}', 'é', '😀', '\u00a0x\u00a0', '\u2028', '\t', '%x', '@x', '`x', '!x', '&x', '*x', '|', '>', 'x'.repeat(40), '1234567890123456',
  '999999999999999', '9007199254740993', '12345678901234567890', '-12345678901234567890'];

const KEYS = fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...USUAL_KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...TRICKY_KEYS) });
const SCALARS = fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...USUAL_SCALARS) }, { weight: 1, arbitrary: fc.constantFrom(...TRICKY_SCALARS) });

const scalar = fc.tuple(SCALARS, fc.constantFrom('plain', 'plain', 'double', 'single')).map(([s, style]) =>
  style === 'double' ? `"${s}"` : style === 'single' ? `'${s.replace(/'/g, "''")}'` : s,
);

type Node = { map: [string, Node][] } | { list: string[]; flow: boolean; compact: boolean } | { scalar: string };

const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    scalar.map((s) => ({ scalar: s })),
    fc.record({ list: fc.array(scalar, { maxLength: 4 }), flow: fc.boolean(), compact: fc.boolean() }),
    fc.array(fc.tuple(KEYS, tie('node')), { maxLength: 4 }).map((map) => ({ map })),
  ),
}));

function render(entries: [string, Node][], indent: number, width: number): string[] {
  const pad = ' '.repeat(indent);
  return entries.flatMap(([key, value]): string[] => {
    if ('scalar' in value) return [`${pad}${key}: ${value.scalar}`];
    if ('map' in value) return [`${pad}${key}:`, ...render(value.map, indent + width, width)];
    if (value.flow) return [`${pad}${key}: [${value.list.join(', ')}]`];
    const itemPad = ' '.repeat(value.compact ? indent : indent + width);
    return [`${pad}${key}:`, ...value.list.map((item) => `${itemPad}- ${item}`)];
  });
}

/** Comments, blank lines and trailing spaces where a writer might put them; lines indented one way or another. */
const decoration = fc.tuple(fc.nat(), fc.constantFrom('# c', '  # c', '', '   ', ' # c', '  ', '\n', 'shift'), fc.nat(6));

const plainish = fc
  .tuple(fc.array(fc.tuple(KEYS, node), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 4 }), fc.array(decoration, { maxLength: 4 }))
  .map(([root, width, decorations]) => {
    const lines = render(root, 0, width);
    for (const [at, text, indent] of decorations) {
      const i = at % (lines.length + 1);
      if (text.startsWith('#')) lines.splice(i, 0, ' '.repeat(indent) + text);
      else if (i < lines.length && text === 'shift') lines[i] = ' '.repeat(indent) + lines[i]!.trimStart();
      else if (i < lines.length) lines[i] += text;
    }
    return lines.join('\n') + '\n';
  });

describe('plainTree reads what yaml reads', { timeout: 30_000 }, () => {
  test('on manifest-like texts built from ambiguous keys and scalars', () => {
    let taken = 0;
    fc.assert(fc.property(plainish, (text) => void (agrees(text) && taken++)), RUNS);
    expect(taken).toBeGreaterThan(RUNS.numRuns / 5); // the generator does reach the fast path
  });

  const seeds = seedManifests();
  test.each([
    ['the seeds with textual edits', editedSeed(seeds)],
    ['the seeds with structural mutations', mutatedSeed(seeds)],
    ['manifest-shaped data with hostile keys and values', manifestData.map((d) => stringify(d))],
    ['YAML-ish text', yamlishText],
  ])('on %s', (_, texts) => {
    fc.assert(fc.property(texts, (text) => void agrees(text)), RUNS);
  });

  test('on the seeds themselves', () => {
    for (const s of seeds) agrees(s.text);
  });
});

describe('plainTree leaves to yaml', () => {
  test.each([
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['merge keys', 'a: {k: 1}\nb:\n  <<: {k: 2}\n'],
    ['flow mappings', 'a: {k: 1}\n'],
    ['block scalars', 'a: |\n  x\n'],
    ['multi-line scalars', 'a: x\n  y\n'],
    ['tabs', 'a:\n\tb: 1\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['numbers other than small decimal integers', 'a: 1.5\n'],
    ['integers that may not be exact as numbers', 'a: 12345678901234567890\n'],
    ['escapes', 'a: "x\\ty"\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a list at the top', '- a\n'],
    ['an empty text', ''],
  ])('%s', (_, text) => {
    expect(plainTree(text, FILE)).toBeUndefined();
  });

  test('but takes a large manifest of the usual kind', () => {
    const services = Array.from({ length: 50 }, (_, i) => [
      `  s${i}:`,
      '    image: hitch-test/busybox:1',
      '    expose: ["8000"]',
      `    command: ["httpd", "-f", "-p", "8000"] # serve`,
      ...(i > 0 ? [`    links: [s${i - 1}]`] : []),
      '    environment:',
      `      INDEX: "${i}"`,
    ]);
    const text = `name: big\nsubnet: 10.214.0.0/20\n\nservices:\n${services.flat().join('\n')}\n`;
    expect(agrees(text)).toBe(true);
  });
});
