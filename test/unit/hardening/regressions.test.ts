// One test per bug the hostile-input work found in src/manifest; each input used to crash, hang,
// mislead or slip through (the comment says how), and now gives the problem shown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { reportCycles } from '../../../src/manifest/cycles.js';
import { dotenvDefaults } from '../../../src/manifest/dotenv.js';
import { ManifestError, loadManifest } from '../../../src/manifest/index.js';
import { Report } from '../../../src/manifest/problems.js';
import { load, problems } from '../manifest/helpers.js';
import { timed } from './outcome.js';

const NESTING = 'YAML: nested more than 64 levels deep; a manifest needs only a few';
const CYCLE = 'YAML: alias *a is inside the node it names, so it would never end; refer to another anchor';
const BAD_MERGE = 'YAML: a merge key (<<) needs a mapping or a list of mappings';
const NUL = 'contains a NUL character, which no container setting can hold; remove it';
const HOSTNAME = "is not valid; use letters, digits, '-' or '_' in parts separated by '.', at most 63 characters";
const NAME_RULE = "use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters";

const blockNest = (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}${i === 0 ? 'x-' : ''}a:`).join('\n')}\nservices: {web: {image: x}}\n`;
const aliasChain = `${[0, 1, 2].map((i) => `x${i}: &a${i} ${'['.repeat(40)}${i === 0 ? '1' : `*a${i - 1}`}${']'.repeat(40)}`).join('\n')}\nservices: {web: {image: x}}\n`;

describe('crashes and stack overflows', () => {
  test.each<[string, string, string[]]>([
    // RangeError: Maximum call stack size exceeded (walking the alias forever)
    ['an alias inside its own anchor', 'x-a: &a [*a]\nservices: {web: {image: x}}\n', [`1:10: ${CYCLE}`]],
    ['a merge of its own mapping', 'x-a: &a {b: 1, <<: *a}\nservices: {web: {image: x}}\n', [`1:20: ${CYCLE}`]],
    // Error: Merge sources must be maps or map aliases (thrown by yaml's toJS)
    ['a merge of a scalar', 'x-a: &a 1\nservices:\n  web:\n    <<: *a\n    image: x\n', [`1:9: ${BAD_MERGE}`]],
    ['an empty merge', 'services:\n  web:\n    image: x\n    <<:\n', [`4:8: ${BAD_MERGE}`]],
    ['a merge of a list of lists', 'x-l: &l [{a: 1}]\nservices: {web: {image: x, <<: [*l]}}\n', [`1:9: ${BAD_MERGE}`]],
    // was "YAML: Maximum call stack size exceeded", at a place that depended on the stack size
    ['5000 nested flow lists', `x-d: ${'['.repeat(5000)}${']'.repeat(5000)}\nservices: {web: {image: x}}\n`, [`1:71: ${NESTING}`]],
    ['100 nested block mappings', blockNest(100), [`66:67: ${NESTING}`]],
    // each anchor is 40 deep, but each alias adds another 40 once expanded
    ['aliases that nest 120 deep once expanded', aliasChain, [`1:33: ${NESTING} (counting what aliases expand to)`]],
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

describe('__proto__ and friends are plain keys', () => {
  test.each<[string, string, string[]]>([
    // was: 'service "image" must be a mapping' and 'services must have at least one entry'
    ['a service named __proto__', 'services:\n  __proto__: {image: x}\n', [`2:3: service name "__proto__" is not valid; ${NAME_RULE}`]],
    // was accepted, the service inheriting `image: x` through its prototype
    [
      '__proto__ inside a service',
      'services:\n  web:\n    __proto__: {image: x}\n',
      [
        '3:5: service "web" needs "image" or "build"',
        '3:5: unknown key "__proto__" in service "web"; allowed: image, build, container_name, command, entrypoint, environment, env_file, expose, ports, publish_all, link, links, external_links, share_env, healthcheck, volumes, hostname, user, working_dir, labels, restart, stop_signal, stop_grace_period, tty, ready_timeout',
      ],
    ],
    // was "function Object() { [native code] }", read from the env object's prototype
    ['${constructor} is an unset variable', 'services:\n  web:\n    image: "${constructor}"\n', ['3:12: image must not be empty']],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });

  test('env keys named __proto__, constructor and toString are kept (were dropped, or a function)', () => {
    const yaml = 'services:\n  web:\n    image: x\n    environment:\n      __proto__: a\n      <<: {constructor: b}\n    labels: [toString]\n    env_file: e.env\n';
    const web = load(yaml, { readFile: () => 'hasOwnProperty=d\nvalueOf\n' }).manifest.services.web!;
    const want: Record<string, string>[] = [{ ['__proto__']: 'a', constructor: 'b', hasOwnProperty: 'd' }, { toString: '' }];
    expect([web.environment, web.labels]).toEqual(want);
  });

  test('a .env key named __proto__ is a variable like any other', () => {
    expect(dotenvDefaults('__proto__=x\n')).toEqual({ ['__proto__']: 'x' });
  });
});

describe('values that slipped through', () => {
  test.each<[string, string, string[]]>([
    // yaml compares key nodes, not the strings they become: the second silently replaced the first
    ['keys 1 and "1"', 'services:\n  web:\n    image: x\n    environment:\n      1: a\n      "1": b\n', ['6:7: YAML: Map keys must be unique']],
    ['NUL in a value and in a key', 'services:\n  web:\n    image: "x\\0y"\n    environment: {"A\\0": b}\n', [`3:12: value "x\\u0000y" ${NUL}`, `4:19: key "A\\u0000" ${NUL}`]],
    ['NUL from a variable', 'services:\n  web:\n    image: "${V}"\n', [`3:12: value "a\\u0000b" ${NUL}`]],
    [
      'env and label keys with newlines, spaces, tabs',
      'services:\n  web:\n    image: x\n    environment:\n      "A\\nB": c\n      "A B": c\n      "A\\tB": c\n    labels: ["x\\ny=1"]\n',
      [
        '5:7: environment key "A\\nB" must not contain whitespace or control characters',
        '6:7: environment key "A B" must not contain whitespace or control characters',
        '7:7: environment key "A\\tB" must not contain whitespace or control characters',
        '8:14: labels key "x\\ny" must not contain whitespace or control characters',
      ],
    ],
    // parents' /etc/hosts lists a child's hostname: spaces added names to it, a newline added a line
    [
      'hostnames that would forge /etc/hosts entries',
      `services:\n  web:\n    image: x\n    hostname: "db 1.2.3.4 bank.example"\n  a: {image: x, hostname: "a\\nb"}\n  b: {image: x, hostname: "b.example.com"}\n  c: {image: x, hostname: "${'h'.repeat(64)}"}\n`,
      [`4:15: hostname "db 1.2.3.4 bank.example" ${HOSTNAME}`, `5:27: hostname "a\\nb" ${HOSTNAME}`, `7:27: hostname "${'h'.repeat(64)}" ${HOSTNAME}`],
    ],
    // reached the schema as objects: "image must be a string, not a mapping"
    [
      '!!binary and !!timestamp',
      'services:\n  web:\n    image: !!binary aGVsbG8=\n    hostname: !!timestamp 2001-12-14\n',
      ['3:21: YAML: a !!binary value is not supported here; quote it to make it a string', '4:27: YAML: a !!timestamp value is not supported here; quote it to make it a string'],
    ],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml, { env: { V: 'a\0b' } })).toEqual(want);
  });

  test('an env_file value with NUL', () => {
    const got = problems('services:\n  web:\n    image: x\n    env_file: e.env\n', { readFile: () => 'A=1\nB=x\0y\n' });
    expect(got).toEqual(['/proj/shop/e.env:2:1: the value of B contains a NUL character, which no container setting can hold; remove it']);
  });
});

// `file:line:col: message` is one line of output; user text with a line break used to split it in two
describe('messages stay on one line', () => {
  const ALLOWED = 'allowed: image, build, container_name, command, entrypoint, environment, env_file, expose, ports, publish_all, link, links, external_links, share_env, healthcheck, volumes, hostname, user, working_dir, labels, restart, stop_signal, stop_grace_period, tty, ready_timeout';
  test.each<[string, string, string[]]>([
    ['a did-you-mean naming a key with a carriage return', 'services:\n  "\\rdb": {image: x}\n  web: {image: x, link: db}\n', [`2:3: service name "\\rdb" is not valid; ${NAME_RULE}`, '3:25: Service "web" has a link to service "db" which does not exist. Did you mean "\\rdb"?']],
    ['an env_file path with a newline', 'services:\n  web:\n    image: x\n    env_file: "${NL}"\n', ['4:15: env_file "a\\nb" cannot be read (looked for "/proj/shop/a\\nb")']],
    ['a carriage return yaml quotes back', '>\r', ['1:2: YAML: Not a YAML token: \\r']],
    ['a lone $ in a multi-line command', 'services:\n  web:\n    image: x\n    command: |\n      echo $\n      done\n', ['4:14: invalid interpolation in "echo $\\ndone\\n": a lone "$"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $']],
    ['a required variable\'s message with a newline', 'services:\n  web:\n    image: "${X:?first\\nsecond}"\n', ['3:12: required variable "X" is missing a value: first second']],
    ['an unknown key with a newline', 'services:\n  web:\n    image: x\n    "a\\nb": 1\n', [`4:5: unknown key "a\\nb" in service "web"; ${ALLOWED}`]],
    ['a link alias with a newline', 'services:\n  db: {image: x}\n  web: {image: x, link: "db:a\\nb"}\n', [`3:25: link alias "a\\nb" in "db:a\\nb" is not valid; ${NAME_RULE}`]],
    ['a place under an odd key', 'services:\n  web:\n    image: x\n    environment: {"A B": [1]}\n', ['4:26: environment["A B"] must be a string, a number, true or false or empty, not a list']],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml, { env: { NL: 'a\nb' } })).toEqual(want);
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

describe('bytes that are not UTF-8 (were read as U+FFFD and accepted)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hitch-utf8-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function loadBytes(name: string, bytes: Buffer, dotenv?: Buffer): Promise<string> {
    const sub = mkdtempSync(join(dir, 'm'));
    writeFileSync(join(sub, name), bytes);
    if (dotenv) writeFileSync(join(sub, '.env'), dotenv);
    try {
      await loadManifest({ file: join(sub, name), env: {} });
      return 'valid';
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      return e.format().replaceAll(sub + '/', '');
    }
  }

  test.each<[string, Buffer, string]>([
    ['a Latin-1 é in a value', Buffer.concat([Buffer.from('services:\n  web:\n    image: caf'), Buffer.from([0xe9]), Buffer.from('\n')]), 'hitch.yaml:3:15: hitch.yaml is not UTF-8 text (byte 0xe9 at offset 31); save it as UTF-8'],
    ['UTF-16 with a BOM', Buffer.from('\ufeffservices: {}\n', 'utf16le'), 'hitch.yaml:1:1: hitch.yaml is UTF-16 text; save it as UTF-8'],
    ['an overlong "/" (0xc0 0xaf)', Buffer.from([0x61, 0x3a, 0x20, 0xc0, 0xaf]), 'hitch.yaml:1:4: hitch.yaml is not UTF-8 text (byte 0xc0 at offset 3); save it as UTF-8'],
    ['a surrogate encoded in UTF-8', Buffer.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80]), 'hitch.yaml:1:4: hitch.yaml is not UTF-8 text (byte 0xed at offset 3); save it as UTF-8'],
    ['a sequence cut short at the end', Buffer.from([0x61, 0x3a, 0x20, 0xe2, 0x82]), 'hitch.yaml:1:4: hitch.yaml is not UTF-8 text (byte 0xe2 at offset 3); save it as UTF-8'],
  ])('%s', async (_, bytes, want) => {
    expect(await loadBytes('hitch.yaml', bytes)).toEqual(want);
  });

  test('valid multi-byte text and a UTF-8 BOM still load', async () => {
    expect(await loadBytes('hitch.yaml', Buffer.from('\ufeffservices:\n  web: {image: "café-€-😀"}\n'))).toEqual('valid');
  });

  test('a .env file that is not UTF-8', async () => {
    const got = await loadBytes('hitch.yaml', Buffer.from('services: {web: {image: x}}\n'), Buffer.from([0x41, 0x3d, 0xff, 0x0a]));
    expect(got).toEqual('.env:1:3: .env is not UTF-8 text (byte 0xff at offset 2); save it as UTF-8');
  });
});
