// compose's type casts (compose-go loader/interpolate.go): after interpolation, a string where the
// schema wants a boolean or an integer becomes one; where the schema takes a string too, it stays one.
import { describe, expect, test } from 'vitest';
import { castsFor } from '../../../src/manifest/casts.js';
import type { Service } from '../../../src/manifest/model.js';
import { schema } from '../../../src/manifest/schema.js';
import { documentPlace } from '../../../src/manifest/schema-place.js';
import { load, problems, svc, warnings } from './helpers.js';

const web = (body: string, env: Record<string, string> = {}): Service => load(svc(body), { env }).manifest.services.web!;

const BOOLEAN_FORM = 'use true or false (yes/no, on/off and y/n are read too, as compose reads them)';
const INTEGER_FORM = 'use a whole number in digits, like 3';

describe('every typed field takes a string that converts, from a variable or as written', () => {
  test.each<[string, (v: string) => string, string, (s: Service) => unknown, unknown]>([
    ['tty', (v) => `tty: ${v}`, 'true', (s) => s.tty, true],
    ['publish_all', (v) => `publish_all: ${v}`, 'true', (s) => s.publishAll, true],
    ['healthcheck.disable', (v) => `healthcheck: {disable: ${v}}`, 'true', (s) => s.healthcheck, { test: ['NONE'] }],
    ['healthcheck.retries', (v) => `healthcheck: {test: ["CMD", "true"], retries: ${v}}`, '3', (s) => s.healthcheck, { test: ['CMD', 'true'], retries: 3 }],
    ['ports[].target', (v) => `ports: [{target: ${v}}]`, '80', (s) => s.ports, [{ hostIp: '', hostPort: '', containerPort: 80, proto: 'tcp' }]],
    ['volumes[].read_only', (v) => `volumes: [{type: volume, source: data, target: /data, read_only: ${v}}]`, 'true', (s) => s.volumes.map((m) => m.readOnly), [true]],
  ])('%s', (_, body, text, field, want) => {
    expect(field(web(body(`"\${V:-${text}}"`)))).toEqual(want); // a default
    expect(field(web(body('$V'), { V: text }))).toEqual(want); // a variable set
    expect(field(web(body(`"${text}"`)))).toEqual(want); // quoted as written, as compose takes it
  });

  test("the defect's manifest: every field converted, hitch and compose alike", () => {
    const yaml = 'services:\n  web:\n    image: hitch-test/busybox:1\n    tty: ${TTY:-true}\n    publish_all: ${PA:-false}\n    healthcheck: {test: ["CMD","true"], retries: "${R:-3}"}\n    ports: [{target: "${T:-80}"}]\n';
    const s = load(yaml).manifest.services.web!;
    expect([s.tty, s.publishAll, s.healthcheck, s.ports]).toEqual([true, false, { test: ['CMD', 'true'], retries: 3 }, [{ hostIp: '', hostPort: '', containerPort: 80, proto: 'tcp' }]]);
    const set = load(yaml, { env: { TTY: 'off', PA: 'TRUE', R: '10', T: '8080' } }).manifest.services.web!;
    expect([set.tty, set.publishAll, set.healthcheck, set.ports]).toEqual([false, true, { test: ['CMD', 'true'], retries: 10 }, [{ hostIp: '', hostPort: '', containerPort: 8080, proto: 'tcp' }]]);
  });
});

describe('booleans: compose\'s words, in any case; YAML 1.1\'s are read with compose\'s warning', () => {
  test.each<[string, boolean]>([
    ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
  ])('%s is %s, silently', (text, want) => {
    expect(web(`tty: "${text}"`).tty).toBe(want);
    expect(warnings(svc(`tty: "${text}"`))).toEqual([]);
  });

  test.each<[string, boolean]>([
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['on', true], ['On', true], ['ON', true],
    ['no', false], ['No', false], ['NO', false], ['n', false], ['N', false], ['off', false], ['Off', false], ['OFF', false],
  ])('%s is %s, with a warning at the value', (text, want) => {
    expect(web(`tty: ${text}`).tty).toBe(want);
    expect(warnings(svc(`tty: ${text}`))).toEqual([`4:10: tty ${JSON.stringify(text)} is read as ${want}, as compose reads it, but YAML 1.2 has no such boolean; write ${want}`]);
  });

  test('from a variable, the warning is at the value that uses it', () => {
    expect(web('publish_all: $PA', { PA: 'yes' }).publishAll).toBe(true);
    expect(warnings(svc('publish_all: $PA'), { env: { PA: 'yes' } })).toEqual(['4:18: publish_all "yes" is read as true, as compose reads it, but YAML 1.2 has no such boolean; write true']);
  });

  test.each<[string, string]>([
    ['tty: maybe', `4:10: tty "maybe" is not true or false; ${BOOLEAN_FORM}`],
    ['tty: "1"', `4:10: tty "1" is not true or false; ${BOOLEAN_FORM}`],
    ['tty: " true"', `4:10: tty " true" is not true or false; ${BOOLEAN_FORM}`],
    ['tty: "t"', `4:10: tty "t" is not true or false; ${BOOLEAN_FORM}`],
    ['tty: ""', `4:10: tty "" is not true or false; ${BOOLEAN_FORM}`],
    ['publish_all: "${PA:-nope}"', `4:18: publish_all "nope" is not true or false; ${BOOLEAN_FORM}`],
    ['healthcheck:\n  disable: "yes please"', `5:16: healthcheck.disable "yes please" is not true or false; ${BOOLEAN_FORM}`],
    ['volumes:\n  - {type: bind, source: ., target: /x, read_only: ro}', `5:56: volumes[0].read_only "ro" is not true or false; ${BOOLEAN_FORM}`],
  ])('%s is refused at the value, once', (body, want) => {
    expect(problems(svc(body))).toEqual([want]);
  });

  test('an unset variable is "", refused after its warning', () => {
    expect(problems(svc('tty: ${TTY}'))).toEqual([`4:10: tty "" is not true or false; ${BOOLEAN_FORM}`]);
  });
});

describe('integers: decimal digits with an optional sign, as strconv.Atoi reads them', () => {
  const retries = (text: string) => web(`healthcheck: {test: "true", retries: "${text}"}`).healthcheck?.retries;

  test.each<[string, number]>([
    ['3', 3], ['+3', 3], ['007', 7], ['0', 0], ['-0', 0], ['2147483647', 2147483647],
  ])('%s is %s', (text, want) => {
    expect(Object.is(retries(text), want)).toBe(true);
  });

  test.each<[string, string]>([
    ['three', `healthcheck.retries "three" is not an integer; ${INTEGER_FORM}`],
    ['3.0', `healthcheck.retries "3.0" is not an integer; ${INTEGER_FORM}`],
    ['1e3', `healthcheck.retries "1e3" is not an integer; ${INTEGER_FORM}`],
    ['0x10', `healthcheck.retries "0x10" is not an integer; ${INTEGER_FORM}`],
    [' 3', `healthcheck.retries " 3" is not an integer; ${INTEGER_FORM}`],
    ['1_000', `healthcheck.retries "1_000" is not an integer; ${INTEGER_FORM}`],
    ['', `healthcheck.retries "" is not an integer; ${INTEGER_FORM}`],
    // converted, then the schema's bounds apply, quoting the digits as written
    ['-1', 'healthcheck.retries must be at least 0, not -1'],
    ['2147483648', 'healthcheck.retries must be at most 2147483647, not 2147483648'],
    ['99999999999999999999', 'healthcheck.retries must be at most 2147483647, not 99999999999999999999'],
  ])('%j is refused at the value', (text, want) => {
    expect(problems(svc(`healthcheck: {test: "true", retries: "${text}"}`))).toEqual([`4:42: ${want}`]);
  });

  test.each<[string, string]>([
    ['ports: [{target: "${T:-http}"}]', `4:22: ports[0].target "http" is not an integer; ${INTEGER_FORM}`],
    ['ports: [{target: "80/tcp"}]', `4:22: ports[0].target "80/tcp" is not an integer; ${INTEGER_FORM}`],
    ['ports: [{target: "0"}]', "4:22: target 0 is out of range 1-65535; use the container's port, like 80"],
    ['ports: [{target: "99999999999999999999"}]', "4:22: target 99999999999999999999 is out of range 1-65535; use the container's port, like 80"],
  ])('%s', (body, want) => {
    expect(problems(svc(body))).toEqual([want]);
  });
});

describe('what is not converted', () => {
  test('a field that takes a string too keeps it: ports and expose entries, published, environment, labels', () => {
    const s = web('ports: ["${P:-8080:80}", {target: 81, published: "${Q:-9000}"}]\nexpose: ["${E:-5432}"]\nenvironment: {A: "${A:-true}", B: "3"}\nlabels: {on: "yes"}');
    expect([s.ports, s.expose, s.environment, s.labels]).toEqual([
      [{ hostIp: '', hostPort: '8080', containerPort: 80, proto: 'tcp' }, { hostIp: '', hostPort: '9000', containerPort: 81, proto: 'tcp' }],
      [{ port: 5432, proto: 'tcp' }],
      { A: 'true', B: '3' },
      { on: 'yes' },
    ]);
  });

  test('a value that is not a string is left to the schema', () => {
    expect(problems(svc('tty: 1\nhealthcheck: {retries: true}'))).toEqual(['4:10: tty must be true or false, not an integer', '5:28: healthcheck.retries must be an integer, not a boolean']);
  });

  test('a value whose interpolation failed has that error only', () => {
    expect(problems(svc('tty: ${TTY:?set TTY}\nhealthcheck: {retries: "${R"}'))).toEqual(['4:10: required variable "TTY" is missing a value: set TTY', '5:28: invalid interpolation in "${R": "${" has no closing "}"']);
  });

  test('x- fields and a label named like a typed field are left alone', () => {
    const yaml = 'x-flags: {tty: "maybe"}\nservices:\n  web:\n    image: x\n    x-tty: "maybe"\n    labels: {tty: "maybe"}\n';
    expect(load(yaml).manifest.services.web!.labels).toEqual({ tty: 'maybe' });
  });
});

describe('the typed paths come from links.schema.json', () => {
  /** Every path the schema names, a mapping's other keys as "*" and a list's entries as "[]", through $ref and branches. */
  function paths(root: Record<string, unknown>): string[][] {
    const out = new Set<string>();
    const walk = (node: unknown, path: string[], depth: number): void => {
      if (typeof node !== 'object' || node === null || depth > 12) return;
      const n = node as Record<string, unknown>;
      out.add(JSON.stringify(path));
      if (typeof n.$ref === 'string') walk(root.$defs && (root.$defs as Record<string, unknown>)[n.$ref.split('/').pop()!], path, depth + 1);
      for (const b of [...((n.oneOf ?? []) as unknown[]), ...((n.anyOf ?? []) as unknown[])]) walk(b, path, depth + 1);
      for (const [k, v] of Object.entries((n.properties ?? {}) as object)) walk(v, [...path, k], depth + 1);
      if (typeof n.additionalProperties === 'object') walk(n.additionalProperties, [...path, '*'], depth + 1);
      if (n.items) walk(n.items, [...path, '[]'], depth + 1);
    };
    walk(root, [], 0);
    return [...out].map((p) => JSON.parse(p) as string[]);
  }

  const typed = (root: Record<string, unknown>) => {
    const place = (path: string[]) => path.reduce((p, seg) => p.child(seg === '[]' ? 0 : seg), documentPlace(root));
    return paths(root).map((path) => ({ path: path.join('.').replace(/\.\[\]/g, '[]'), types: place(path).types() }));
  };

  test('the ones converted: compose casts each of them too (publish_all is hitch\'s own)', () => {
    const converted = typed(schema()).flatMap(({ path, types }) => castsFor(types).map((c) => `${path}: ${c}`));
    expect(converted.sort()).toEqual([
      'services.*.healthcheck.disable: boolean',
      'services.*.healthcheck.retries: integer',
      'services.*.ports[].target: integer',
      'services.*.publish_all: boolean',
      'services.*.tty: boolean',
      'services.*.volumes[].read_only: boolean',
    ]);
  });

  test('the ones that take a number or boolean and a string, left as strings (compose v2 no longer casts published)', () => {
    const open = typed(schema()).filter(({ types }) => types.has('string') && (types.has('boolean') || types.has('integer')) && types.size < 7);
    expect(open.map(({ path }) => path).sort()).toEqual([
      'services.*.build.args.*',
      'services.*.environment.*',
      'services.*.expose[]',
      'services.*.labels.*',
      'services.*.ports[]',
      'services.*.ports[].published',
    ]);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['a type of its own', { properties: { a: { type: 'boolean' }, b: { type: 'integer' }, c: { type: 'number' } } }, ['a: boolean', 'b: integer', 'c: number']],
    ['a type list with a string', { properties: { a: { type: ['string', 'boolean'] } } }, []],
    ['an integer and a number: the number', { properties: { a: { type: ['integer', 'number'] } } }, ['a: number']],
    ['a boolean or an integer: both tried', { properties: { a: { type: ['boolean', 'integer'] } } }, ['a: boolean', 'a: integer']],
    ['a oneOf with a string branch', { properties: { a: { oneOf: [{ type: 'integer' }, { type: 'string' }] } } }, []],
    ['anyOf branches that only require keys leave the type alone', { properties: { a: { type: 'object', anyOf: [{ required: ['x'] }, { required: ['y'] }], properties: { x: { type: 'boolean' } } } } }, ['a.x: boolean']],
    ['a $ref', { properties: { a: { $ref: '#/$defs/flag' } }, $defs: { flag: { type: 'boolean' } } }, ['a: boolean']],
    ['an enum of numbers', { properties: { a: { enum: [1, 2] } } }, ['a: integer']],
    ['an untyped field takes anything', { properties: { a: { description: 'any' } } }, []],
    ['a list only in a branch that takes lists', { properties: { a: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'integer' } }] } } }, ['a[]: integer']],
    ['other keys of a mapping', { properties: { m: { type: 'object', additionalProperties: { type: 'boolean' } } } }, ['m.*: boolean']],
  ])('derived: %s', (_, root, want) => {
    expect(typed(root).flatMap(({ path, types }) => castsFor(types).map((c) => `${path}: ${c}`))).toEqual(want);
  });

  test('a key a pattern property matches takes its schema, not additionalProperties', () => {
    const root = { type: 'object', properties: { tty: { type: 'boolean' } }, patternProperties: { '^x-': {} }, additionalProperties: { type: 'integer' } };
    const place = documentPlace(root);
    expect([place.child('tty'), place.child('x-a'), place.child('other')].map((p) => castsFor(p.types()))).toEqual([['boolean'], [], ['integer']]);
  });
});
