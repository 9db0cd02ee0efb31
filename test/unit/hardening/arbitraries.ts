// fast-check generators for hostile manifests: YAML-ish text, manifest-shaped data with hostile values,
// and mutations of the valid manifests in examples/ and test/fixtures.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml, stringify } from 'yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Strings that have broken parsers, shells, firewalls and prototypes before. */
export const HOSTILE_STRINGS = [
  '', ' ', '\t', '\n', '\r\n', '\0', 'a\0b', '\u2028', '\ufeff', '\u202e', 'wеb' /* Cyrillic е */, 'ｗｅｂ',
  ';', '; rm -rf /', '$(id)', '`id`', '${', '${X', '${X:?boom}', '$', '$$', '${EVIL}', '${NL}', '${constructor}',
  '--x', '--privileged', '-p', '--x:y', 'db:--x', '../..', '/etc/passwd', 'a b', 'a:b', 'a/b', 'a\nb', "'", '"',
  '\\', '#', '&a', '*a', '!!binary', '<<', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  '0', '-1', '65536', '1-0', '0x50', '1e3', ' 80', '80 ', '1;rm', '80/tcp;id', '1.2.3.4;id:80:80', '[::1]:80:80',
  'tcp:1.2.3.4;id:80', '10.0.0.0/8 --allow', 'x'.repeat(300), '9'.repeat(40), '\u{1F600}', 'é', '\ud800',
];

/** Keys the schema knows (so mutations reach deep phases) and keys that are traps. */
export const KEYS = [
  'name', 'link_env', 'subnet', 'services', 'web', 'db', 'cache', 'image', 'build', 'context', 'dockerfile', 'args',
  'container_name', 'command', 'entrypoint', 'environment', 'env_file', 'expose', 'ports', 'target', 'published',
  'host_ip', 'protocol', 'publish_all', 'link', 'links', 'share_env', 'healthcheck', 'test', 'interval', 'timeout',
  'start_period', 'retries', 'disable', 'volumes', 'type', 'source', 'read_only', 'hostname', 'user', 'working_dir',
  'labels', 'restart', 'stop_signal', 'stop_grace_period', 'tty', 'ready_timeout', 'x-a', '<<', '__proto__',
  'constructor', 'toString', 'valueOf', 'A=B', 'A\nB', 'A B', '',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE_STRINGS), { maxLength: 4 }).map((a) => a.join('')) },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 80, 65535, 65536, 1.5, 1e3, 1e21, -0, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: hostileString });

/** A value nested `depth` levels deep, alternating lists and mappings (deeper overflows yaml.stringify itself). */
function nested(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

/** Mapping with own keys only: `__proto__` must be data here, as it is in a YAML file. */
export function mapping(pairs: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of pairs) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('value')), { maxLength: 4 }).map(mapping),
    fc.tuple(fc.integer({ min: 1, max: 200 }), hostileString).map(([d, leaf]) => nested(d, leaf)),
  ),
}));
export const hostileValue = value;

/** Data shaped like a manifest (so it gets past the top level), with hostile parts. */
export const manifestData = fc
  .tuple(
    fc.array(fc.tuple(key, value), { maxLength: 3 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom('web', 'db', 'cache'), hostileString), fc.array(fc.tuple(key, value), { maxLength: 6 })), { maxLength: 3 }),
  )
  .map(([top, services]) => mapping([...top, ['services', mapping(services.map(([n, body]) => [n, mapping([['image', 'x'], ...body])]))]]));

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

/** The valid manifests the project ships: the mutations start from these. */
export function seedManifests(): { name: string; text: string }[] {
  const files = [
    ...readdirSync(`${ROOT}examples`).map((d) => `examples/${d}/hitch.yaml`),
    ...readdirSync(`${ROOT}test/fixtures/stacks`).map((d) => `test/fixtures/stacks/${d}/hitch.yaml`),
    ...readdirSync(`${ROOT}test/fixtures/manifests`).map((d) => `test/fixtures/manifests/${d}/hitch.yaml`),
  ];
  return files.filter((f) => existsSync(ROOT + f)).map((f) => ({ name: f, text: readFileSync(ROOT + f, 'utf8') }));
}

/** Every path to a node of `data`, the root included. */
function paths(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (typeof data === 'object' && data !== null) for (const [k, v] of Object.entries(data)) out.push(...paths(v, [...at, k]));
  return out;
}

type Op =
  | { op: 'delete' }
  | { op: 'replace'; value: unknown }
  | { op: 'rename'; key: string }
  | { op: 'add'; key: string; value: unknown }
  | { op: 'wrap' }
  | { op: 'duplicate' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ op: 'delete' as const }),
  value.map((v) => ({ op: 'replace' as const, value: v })),
  key.map((k) => ({ op: 'rename' as const, key: k })),
  fc.tuple(key, value).map(([k, v]) => ({ op: 'add' as const, key: k, value: v })),
  fc.constant({ op: 'wrap' as const }),
  fc.constant({ op: 'duplicate' as const }),
);

/** Applies one structural mutation at the `pick`-th node (modulo the node count). */
function mutate(data: unknown, pick: number, m: Op): unknown {
  const all = paths(data);
  const path = all[pick % all.length]!;
  const edit = (node: unknown, rest: (string | number)[]): unknown => {
    if (rest.length === 0) {
      if (m.op === 'replace') return m.value;
      if (m.op === 'wrap') return [node];
      if (m.op === 'add' && typeof node === 'object' && node !== null && !Array.isArray(node)) return mapping([...Object.entries(node), [m.key, m.value]]);
      if (m.op === 'add' && Array.isArray(node)) return [...node, m.value];
      return node;
    }
    const [head, ...tail] = rest;
    if (Array.isArray(node)) {
      const i = head as number;
      if (tail.length === 0 && m.op === 'delete') return node.filter((_, j) => j !== i);
      if (tail.length === 0 && m.op === 'duplicate') return [...node.slice(0, i + 1), ...node.slice(i)];
      return node.map((v, j) => (j === i ? edit(v, tail) : v));
    }
    const entries = Object.entries(node as Record<string, unknown>);
    if (tail.length === 0 && m.op === 'delete') return mapping(entries.filter(([k]) => k !== head));
    if (tail.length === 0 && m.op === 'rename') return mapping(entries.map(([k, v]) => [k === head ? m.key : k, v]));
    return mapping(entries.map(([k, v]) => [k, k === head ? edit(v, tail) : v]));
  };
  return edit(data, path);
}

/** A seed manifest with 1–3 structural mutations, as YAML text. */
export function mutatedSeed(seeds: { text: string }[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(fc.tuple(fc.nat(), op), { minLength: 1, maxLength: 3 }))
    .map(([s, ops]) => ops.reduce<unknown>((d, [pick, m]) => mutate(d, pick, m), parseYaml(seeds[s]!.text)))
    .map((d) => stringify(d));
}

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
