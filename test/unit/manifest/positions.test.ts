import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadManifest, ManifestError } from '../../../src/manifest/index.js';
import { FILE, load, problems } from './helpers.js';

const fixtures = fileURLToPath(new URL('../../fixtures/manifests/', import.meta.url));
const UNCLOSED_DOUBLE = 'YAML: this value opens a double quote (") that never closes; end the value with ", writing \\" for a " inside it';
const BAD_MERGE = 'YAML: a merge key (<<) takes a mapping or a list of mappings, not';
const MERGE_FIX = 'anchor a mapping (x-base: &base {image: nginx}) and merge that (<<: *base)';

describe('YAML problems, with line:col', () => {
  test.each<[string, string, string[]]>([
    ['duplicate keys', 'services:\n  web:\n    image: a\n    image: b\n', ['4:5: key "image" appears twice in this mapping, first at 3:5; keep one']],
    ['duplicate services', 'services:\n  web: {image: a}\n  web: {image: b}\n', ['3:3: key "web" appears twice in this mapping, first at 2:3; keep one']],
    ['a tab as indentation', 'services:\n\tweb:\n\t\timage: a\n', ['2:1: YAML: Tabs are not allowed as indentation; indent with spaces', '3:1: YAML: Tabs are not allowed as indentation; indent with spaces']],
    ['an unclosed flow list', 'services:\n  web:\n    image: a\n    ports: [80\n', ['5:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
    // reported where the quote opens, as the .env reader does, not past the end of the file
    ['an unclosed quote', 'services:\n  web:\n    image: "a\n', [`3:12: ${UNCLOSED_DOUBLE}`]],
    ['an unclosed quote whose last character is an escaped quote', 'services:\n  web:\n    image: a\n    command: "echo \\"\n', [`4:14: ${UNCLOSED_DOUBLE}`]],
    ['an unclosed quote before another value', 'services:\n  web:\n    command: "echo\n    image: "a"\n', [`3:14: ${UNCLOSED_DOUBLE}`]],
    ['an unclosed single quote', "services:\n  web:\n    image: a\n    command: 'echo\n", ["4:14: YAML: this value opens a single quote (') that never closes; end the value with ', writing '' for a ' inside it"]],
    // yaml's own words, "Nested mappings are not allowed in compact mappings", say nothing of the fix
    ['": " in a plain value', 'services:\n  web:\n    image: a\n    command: echo: hi\n', ['4:14: YAML: the value echo: hi holds ": ", which YAML reads as a mapping inside it; quote the whole value: "echo: hi"']],
    ['two ": " in a plain value, said once', 'services:\n  web:\n    image: a\n    command: a: b: c # note\n', ['4:14: YAML: the value a: b: c holds ": ", which YAML reads as a mapping inside it; quote the whole value: "a: b: c"']],
    ['": " in a value with double quotes, which single quotes keep', 'services:\n  web:\n    image: a\n    entrypoint: sh -c "x: y"\n', [`4:17: YAML: the value sh -c "x: y" holds ": ", which YAML reads as a mapping inside it; quote the whole value: 'sh -c "x: y"'`]],
    ['": " in a list entry', 'services:\n  web:\n    image: a\n    command:\n      - echo\n      - key: value: x\n', ['6:14: YAML: the value value: x holds ": ", which YAML reads as a mapping inside it; quote the whole value: "value: x"']],
    ['two documents', 'services: {}\n---\nservices: {}\n', ['2:1: YAML: a manifest is one document, but a second one starts here; remove this "---" and what follows, or merge the two']],
    ['an undefined alias', 'services:\n  web: *nope\n', ['2:8: YAML: Unresolved alias (the anchor must be set before the alias): nope']],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });

  test('a "billion laughs" document fails fast with a problem, not a crash', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const got = problems(`x-bomb:\n  ${levels.join('\n  ')}\nservices:\n  web: {image: x}\n`);
    expect([got, Date.now() - started < 2000]).toEqual([['3:10: YAML: aliases expand to too many nodes (a "billion laughs" document?); refusing to expand them'], true]);
  });

  // the anchor may be used rightly elsewhere: the merge key is the mistake, said once
  test.each<[string, string, string[]]>([
    ['a list anchor', 'x-a: &a [1, 2]\nservices:\n  web:\n    <<: *a\n    image: nginx\n', [`4:5: ${BAD_MERGE} *a, a list that holds other values than mappings; ${MERGE_FIX}`]],
    ['a scalar anchor', 'x-a: &a 1\nservices:\n  web:\n    <<: *a\n    image: x\n', [`4:5: ${BAD_MERGE} *a, a single value; ${MERGE_FIX}`]],
    ['nothing', 'services:\n  web:\n    image: x\n    <<:\n', [`4:5: ${BAD_MERGE} nothing; ${MERGE_FIX}`]],
    // the mappings of the list still merge: the image *b gives is not reported missing too
    ['a list holding a mapping and a list', 'x-a: &a [1]\nx-b: &b {image: x}\nservices:\n  web:\n    <<: [*b, *a]\n', [`5:5: ${BAD_MERGE} a list that holds other values than mappings; ${MERGE_FIX}`]],
    ['a list holding a list', 'x-l: &l [{a: 1}]\nservices: {web: {image: x, <<: [*l, *l]}}\n', [`2:28: ${BAD_MERGE} a list that holds other values than mappings; ${MERGE_FIX}`]],
  ])('a merge key with %s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });

  test('merge keys and anchors work and keep positions', () => {
    const yaml = 'x-base: &base\n  image: x\n  expose: [0]\nservices:\n  web:\n    <<: *base\n    hostname: h\n';
    expect(problems(yaml)).toEqual(['3:12: port 0 is out of range 1-65535 in "0"']);
  });
});

describe('every problem at once, sorted by position', () => {
  test('a manifest with 4 different problems reports all 4', () => {
    const yaml = [
      'services:',
      '  web:',
      '    imgae: nginx',
      '    image: nginx',
      '    ports: ["0:80"]',
      '    links: [dbb]',
      '  db:',
      '    image: postgres',
      '    link: "a:b:c"',
    ].join('\n');
    expect(problems(yaml)).toEqual([
      '3:5: unknown key "imgae" in service "web"; did you mean "image"?',
      '5:13: port 0 is out of range 1-65535 in "0:80"',
      '6:13: service "web" links to "dbb", which the manifest does not have; did you mean "db"?',
      '9:11: link "a:b:c" has 2 ":", where one separates the service from its alias; use "service" or "service:alias"',
    ]);
  });

  test('the same on every run', () => {
    const yaml = 'services:\n  b: {image: x, link: [a, cc], expose: [0, 70000]}\n  a: {image: x, links: b, tty: 1}\n  c: {imag: x}\n';
    const want = [
      '2:27: service "b" links to "cc", which the manifest does not have; did you mean "c"?',
      '2:41: port 0 is out of range 1-65535 in "0"',
      '2:44: port 70000 is out of range 1-65535 in "70000"',
      '3:24: link cycle: a -> b -> a; links must not form a cycle, since a child starts before the services that link to it',
      '3:32: tty must be true or false, not an integer',
      '4:7: unknown key "imag" in service "c"; did you mean "image"?',
    ];
    for (let i = 0; i < 3; i++) expect(problems(yaml)).toEqual(want);
  });
});

describe('loadManifest', () => {
  test('a missing file is a ManifestError at 1:1', async () => {
    const file = `${fixtures}nope/hitch.yaml`;
    const err = await loadManifest({ file, env: {} }).catch((e: unknown) => e);
    expect([err instanceof ManifestError, (err as ManifestError).format()]).toEqual([true, `${file}:1:1: cannot read ${file}: ENOENT`]);
  });

  test('reads .env and env_file beside the manifest; the process env wins', async () => {
    const { manifest, warnings } = await loadManifest({ file: `${fixtures}shop/hitch.yaml`, env: { DB_IMAGE: 'pg:env' } });
    const db = manifest.services.db!;
    expect([db.image, db.environment, warnings]).toEqual(['pg:env', { POSTGRES_USER: 'shop', POSTGRES_PASSWORD: 'from-dotenv' }, []]);
  });

  test('the project defaults to the folder name, made valid; -p overrides', async () => {
    const file = `${fixtures}My-Project.v2/hitch.yaml`;
    const derived = (await loadManifest({ file, env: {} })).manifest;
    const overridden = (await loadManifest({ file, env: {}, project: 'other' })).manifest;
    expect([derived.project, derived.services.app!.image, overridden.project, overridden.services.app!.containerName]).toEqual([
      'my-projectv2',
      'my-projectv2-app',
      'other',
      'other-app',
    ]);
  });

  test('format() gives one file:line:col: message per line', () => {
    const err = new ManifestError([
      { file: 'b.yaml', line: 1, col: 1, message: 'second file' },
      { file: 'a.yaml', line: 2, col: 5, message: 'later' },
      { file: 'a.yaml', line: 2, col: 3, message: 'earlier' },
    ]);
    expect(err.format()).toEqual('a.yaml:2:3: earlier\na.yaml:2:5: later\nb.yaml:1:1: second file');
  });

  test('format() shows the warnings too, marked, each before an error at the same place', () => {
    const err = new ManifestError(
      [
        { file: 'a.yaml', line: 3, col: 12, message: 'image must not be empty' },
        { file: 'a.yaml', line: 1, col: 1, message: 'first' },
      ],
      [
        { file: 'a.yaml', line: 3, col: 12, message: 'The "IMG" variable is not set. Defaulting to a blank string.' },
        { file: 'a.yaml', line: 9, col: 1, message: 'last' },
      ],
    );
    expect(err.format().split('\n')).toEqual([
      'a.yaml:1:1: first',
      'a.yaml:3:12: warning: The "IMG" variable is not set. Defaulting to a blank string.',
      'a.yaml:3:12: image must not be empty',
      'a.yaml:9:1: warning: last',
    ]);
  });

  test('an invalid manifest keeps its warnings: the unset variable that emptied a value is shown with the error', () => {
    const err = (() => {
      try {
        load('services:\n  web:\n    image: "${IMG}"\n');
      } catch (e) {
        return e as ManifestError;
      }
    })();
    expect([err?.problems.length, err?.format()]).toEqual([
      1,
      `${FILE}:3:12: warning: The "IMG" variable is not set. Defaulting to a blank string.\n${FILE}:3:12: image must not be empty`,
    ]);
  });
});
