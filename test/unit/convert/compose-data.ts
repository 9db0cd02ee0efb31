// fast-check generators for compose files: services with the fields compose and hitch share (values
// mostly plausible, so many convert), compose's own fields, format 1's, and hostile keys and values.
import fc from 'fast-check';
import { hostileString, hostileValue, key, mapping } from '../hardening/hostile-data.js';

const NAMES = ['web', 'db', 'cache'];
// mostly strings: hostileValue's deep nesting is refused by the reader before convert sees it (hardening/ tests that)
const hostile = fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: hostileValue });
const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: hostileString });
const plausibleOr = <T>(values: T[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostile });
const listOf = (item: fc.Arbitrary<unknown>) => fc.array(item, { maxLength: 3 });

const link = fc.tuple(fc.constantFrom(...NAMES, '${DB:-db}', '${NOPE}'), fc.option(fc.constantFrom('alias', 'db', '${A:-a}'))).map(([t, a]) => (a === null ? t : `${t}:${a}`));
const VOLUMES = ['data:/data', './d:/d:ro', '${D:-./d}:/d:ro,z', '${CACHE:-cache:/cache}', '/cache', 'a:b:c:d', '~/m2:/m2:rw,cached', '$${X}:/x'];
const LONG_VOLUMES = [{ type: 'tmpfs', target: '/t' }, { type: 'volume', source: 'v', target: '/v', volume: { nocopy: true } }, { type: 'bind', target: '/b' }];
const ENV_FILES = ['a.env', null, {}, { path: 'b.env', required: false }, { path: 'a.env', format: 'raw' }, 3, 'missing.env'];
const PORTS = ['80', '8080:80', 80, '127.0.0.1::5000', { target: 80, published: 8080, mode: 'host' }, '${PORT}:80'];

/** Fields by how convert treats them: copied, converted, compose's own (dropped), format 1's. */
const field: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constant('image'), plausibleOr(['x', '${IMG:-nginx}', 'nginx${TAG}'])),
  fc.tuple(fc.constant('links'), fc.oneof(listOf(link), link)),
  fc.tuple(fc.constant('depends_on'), fc.oneof(listOf(fc.constantFrom(...NAMES, '${DEP:-db}')), fc.constant({ db: { condition: 'service_completed_successfully' } }))),
  fc.tuple(fc.constant('volumes'), listOf(plausibleOr<unknown>([...VOLUMES, ...LONG_VOLUMES]))),
  fc.tuple(fc.constant('env_file'), fc.oneof(listOf(fc.constantFrom(...ENV_FILES)), fc.constantFrom(...ENV_FILES))),
  fc.tuple(fc.constant('ports'), listOf(plausibleOr(PORTS))),
  fc.tuple(fc.constantFrom('expose', 'environment', 'command', 'labels', 'restart', 'tty'), plausibleOr<unknown>([['80'], { A: 1, B: null }, ['A=1'], 'run', 'always', true])),
  fc.tuple(fc.constant('build'), plausibleOr<unknown>(['.', { context: '.', target: 'dev', args: ['A=1'] }])),
  fc.tuple(fc.constantFrom('dockerfile', 'net', 'log_driver', 'volumes_from', 'external_links'), plausibleOr<unknown>(['Dockerfile', 'host', ['db'], ['c:alias']])),
  fc.tuple(fc.constantFrom('networks', 'network_mode', 'deploy', 'extends', 'privileged', 'healthcheck', 'x-a'), hostile),
  fc.tuple(fc.constant('extends'), fc.constantFrom<unknown>(...NAMES, { service: 'db' }, { service: 'web', file: 'docker-compose.yml' }, { service: 'x', file: 'a.env' }, { file: 'b.env' })),
  fc.tuple(key, hostile),
);

const fields = fc.array(field, { maxLength: 6 });
const service = fc.oneof(
  { weight: 8, arbitrary: fields.map((f) => mapping([['image', 'x'], ...f])) },
  { weight: 4, arbitrary: fields.map(mapping) },
  { weight: 1, arbitrary: hostile },
);
/** A stack of web, db and cache, each with an image and a few fields: the links between them may hold. */
const stack = fc.tuple(...NAMES.map(() => fc.array(field, { maxLength: 4 }))).map((bodies) => NAMES.map((n, i): [string, unknown] => [n, mapping([['image', 'x'], ...bodies[i]!])]));
const services = fc.oneof(stack, fc.array(fc.tuple(name, service), { minLength: 1, maxLength: 3 }));
const TOP: Array<[string, unknown]> = [['version', '3.8'], ['name', 'shop'], ['volumes', { data: { driver: 'local' } }], ['networks', { front: {} }], ['secrets', { s: { file: 'x' } }], ['x-base', { image: 'x' }], ['constructor', 1]];
const topLevel = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TOP) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TOP.map(([k]) => k)), hostile) }), { maxLength: 2 });

/** A compose file's data: later formats (under `services:`) or format 1 (services at the top). */
export const composeData = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(topLevel, services).map(([top, s]) => mapping([...top, ['services', mapping(s)]])) },
  { weight: 1, arbitrary: services.map((s) => mapping(s)) },
);
