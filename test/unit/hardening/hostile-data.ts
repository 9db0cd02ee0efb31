// fast-check generators for hostile data: strings, keys and nested values, and manifest-shaped data built from them.
import fc from 'fast-check';

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

export const hostileString = fc.oneof(
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

export const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: hostileString });

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
