// Regressions from the hostile-input work: inputs that crashed, overflowed the stack or hung src/manifest.
import { describe, expect, test } from 'vitest';
import { reportCycles } from '../../../src/manifest/cycles.js';
import { Report } from '../../../src/manifest/problems.js';
import { load, problems } from '../manifest/helpers.js';
import { timed } from './outcome.js';

const NESTING = 'YAML: nested more than 64 levels deep; a manifest needs only a few';
const CYCLE = 'YAML: alias *a is inside the node it names, so it would never end; refer to another anchor';
const BAD_MERGE = 'YAML: a merge key (<<) takes a mapping or a list of mappings, not';
const MERGE_FIX = 'anchor a mapping (x-base: &base {image: nginx}) and merge that (<<: *base)';

const blockNest = (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}${i === 0 ? 'x-' : ''}a:`).join('\n')}\nservices: {web: {image: x}}\n`;
const aliasChain = `${[0, 1, 2].map((i) => `x${i}: &a${i} ${'['.repeat(40)}${i === 0 ? '1' : `*a${i - 1}`}${']'.repeat(40)}`).join('\n')}\nservices: {web: {image: x}}\n`;

describe('crashes and stack overflows', () => {
  test.each<[string, string, string[]]>([
    // RangeError: Maximum call stack size exceeded (walking the alias forever)
    ['an alias inside its own anchor', 'x-a: &a [*a]\nservices: {web: {image: x}}\n', [`1:10: ${CYCLE}`]],
    ['a merge of its own mapping', 'x-a: &a {b: 1, <<: *a}\nservices: {web: {image: x}}\n', [`1:20: ${CYCLE}`]],
    // Error: Merge sources must be maps or map aliases (thrown by yaml's toJS)
    ['a merge of a scalar', 'x-a: &a 1\nservices:\n  web:\n    <<: *a\n    image: x\n', [`4:5: ${BAD_MERGE} *a, a single value; ${MERGE_FIX}`]],
    ['an empty merge', 'services:\n  web:\n    image: x\n    <<:\n', [`4:5: ${BAD_MERGE} nothing; ${MERGE_FIX}`]],
    ['a merge of a list of lists', 'x-l: &l [{a: 1}]\nservices: {web: {image: x, <<: [*l]}}\n', [`2:28: ${BAD_MERGE} a list that holds other values than mappings; ${MERGE_FIX}`]],
    // was "YAML: Maximum call stack size exceeded", at a place that depended on the stack size
    ['5000 nested flow lists', `x-d: ${'['.repeat(5000)}${']'.repeat(5000)}\nservices: {web: {image: x}}\n`, [`1:71: ${NESTING}`]],
    ['100 nested block mappings', blockNest(100), [`66:67: ${NESTING}`]],
    // each anchor is 40 deep, but each alias adds another 40 once expanded
    ['aliases that nest 120 deep once expanded', aliasChain, [`1:33: ${NESTING} (counting what aliases expand to)`]],
    // TypeError: path.resolve of a build context or dockerfile that was not a string (found by the fuzz)
    ['a build context that is a mapping', 'services:\n  app:\n    build:\n      context: {}\n', ['4:16: build.context must be a string, not a mapping']],
    ['a build context that is a number', 'services:\n  app:\n    build: {context: 5}\n', ['3:22: build.context must be a string, not an integer']],
    ['a build dockerfile that is a mapping', 'services:\n  app:\n    build: {context: ., dockerfile: {}}\n', ['3:37: build.dockerfile must be a string, not a mapping']],
    // RangeError in interpolate's recursion
    ['5000 nested interpolation defaults', `services:\n  web:\n    image: "${'${A:-'.repeat(5000)}x${'}'.repeat(5000)}"\n`, ['3:12: invalid interpolation: defaults nested more than 16 levels deep']],
  ])('%s', (_, yaml, want) => {
    expect(timed(() => problems(yaml))).toEqual(want);
  });

  test('64 levels are still fine, 65 are not', () => {
    expect([problems(blockNest(64)), problems(blockNest(65))]).toEqual([[], [`65:67: ${NESTING}`]]);
  });

  // RangeError: the cycle finder recursed once per service along a chain of links
  const chain = (n: number, closed: boolean) => {
    const name = (i: number) => `s${String(i).padStart(6, '0')}`;
    const pos = { file: '/p/hitch.yaml', line: 1, col: 1 };
    const links = Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), i + 1 < n || closed ? [{ target: name((i + 1) % n), alias: 'x', pos }] : []]));
    return { links, names: Array.from({ length: n }, (_, i) => name(i)) };
  };

  test('a chain of 30000 links', () => {
    const report = new Report();
    timed(() => reportCycles(chain(30_000, false).links, report));
    expect(report.problems).toEqual([]);
  });

  test('a cycle through 30000 links is named in full', () => {
    const { links, names } = chain(30_000, true);
    const report = new Report();
    timed(() => reportCycles(links, report));
    const message = `link cycle: ${[...names, names[0]].join(' -> ')}; links must not form a cycle, since a child starts before the services that link to it`;
    expect(report.problems).toEqual([{ file: '/p/hitch.yaml', line: 1, col: 1, message }]);
  });
});

describe('slow inputs', () => {
  // was quadratic: yaml's duplicate-key check compares each key with every earlier one (20 s for 30000)
  test('a mapping of 40000 keys', () => {
    const env = Array.from({ length: 40_000 }, (_, i) => `      K${i}: v`).join('\n');
    expect(Object.keys(timed(() => load(`services:\n  web:\n    image: x\n    environment:\n${env}\n`), 20_000).manifest.services.web!.environment).length).toEqual(40_000);
  });

  // was an edit distance of 200000 × each allowed key, for a did-you-mean that cannot match
  test('a 200000-character unknown key', () => {
    const key = 'k'.repeat(200_000);
    const got = timed(() => problems(`services:\n  web:\n    image: x\n    ? ${key}\n    : 1\n`), 1_000);
    expect(got).toEqual([
      `4:7: unknown key "${key}" in service "web"; allowed: image, build, container_name, command, entrypoint, environment, env_file, expose, ports, publish_all, link, links, external_links, share_env, healthcheck, volumes, hostname, user, working_dir, labels, restart, stop_signal, stop_grace_period, tty, ready_timeout`,
    ]);
  });
});
