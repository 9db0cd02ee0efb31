import { describe, expect, test } from 'vitest';
import { schema } from '../../../src/manifest/schema.js';
import { problems, svc } from './helpers.js';

// the start of what a tmpfs mount is told
const NO_TMPFS = 'hitch has no tmpfs mounts; use a named volume';

describe('schema errors, translated', () => {
  test.each<[string, string, string[]]>([
    ['unknown service key with did-you-mean', svc('imgae: nginx'), ['4:5: unknown key "imgae" in service "web"; did you mean "image"?']],
    ['unknown service key, no close match', svc('zzz: 1'), ['4:5: unknown key "zzz" in service "web"; allowed: image, build, container_name, command, entrypoint, environment, env_file, expose, ports, publish_all, link, links, external_links, share_env, healthcheck, volumes, hostname, user, working_dir, labels, restart, stop_signal, stop_grace_period, tty, ready_timeout']],
    ['unknown top-level key', 'servics: {}\nservices:\n  web: {image: x}\n', ['1:1: unknown key "servics" at the top level; did you mean "services"?']],
    ['x- keys are ignored', 'x-base: &b {image: x}\nservices:\n  web:\n    <<: *b\n    x-note: hi\n', []],
    ['unknown nested key', svc('healthcheck: {intervall: 2s}'), ['4:19: unknown key "intervall" in healthcheck; did you mean "interval"?']],
    ['services must be a mapping', 'services: [web]\n', ['1:11: services must be a mapping, not a list; like {db: {image: "postgres:16-alpine"}, web: {build: ./web, link: db}}']],
    ['services missing', 'name: shop\n', ['1:1: the manifest is missing "services"']],
    ['services empty', 'services: {}\n', ['1:11: services must have at least one entry']],
    ['empty document', '', ['1:1: the manifest must be a mapping, not empty']],
    ['a list document', '- a\n', ['1:1: the manifest must be a mapping, not a list']],
    ['a service that is a string', 'services:\n  web: nginx\n', ['2:8: service "web" must be a mapping, not a string']],
    ['a service that is empty', 'services:\n  web:\n', ['2:3: service "web" must be a mapping, not empty']],
    ['neither image nor build', 'services:\n  web: {hostname: h}\n', ['2:8: service "web" needs "image" or "build"']],
    // compose-go says "must be a mapping" or "a list"; the schema's examples show one
    ['ports must be a list', svc('ports: "80:80"'), ['4:12: ports must be a list, not a string; like ["127.0.0.1::5000", "8080:80", "5353:53/udp"]']],
    ['ports: 80', svc('ports: 80'), ['4:12: ports must be a list, not an integer; like ["127.0.0.1::5000", "8080:80", "5353:53/udp"]']],
    ['environment must be mapping or list', svc('environment: 5'), ['4:18: environment must be a mapping or a list, not an integer; like {POSTGRES_PASSWORD: secret} or [DEBUG=1, HOME_URL]']],
    ['command: string or list', svc('command: {a: 1}'), ['4:14: command must be a string or a list, not a mapping; like "redis-server --appendonly yes" or [npm, start]']],
    ['healthcheck must be a mapping', svc('healthcheck: 5'), ['4:18: healthcheck must be a mapping, not an integer; like {test: [CMD, pg_isready], interval: "2s", retries: 10}']],
    ['a list entry', svc('volumes: [5]'), ['4:15: volumes entry must be a string or a mapping, not an integer; like "dbdata:/var/lib/postgresql/data" or {type: bind, source: ./conf, target: /etc/app, read_only: true}']],
    ['command list of strings', svc('command: [echo, 1]'), ['4:21: command entry must be a string, not an integer']],
    ['tty is a boolean', svc('tty: 1'), ['4:10: tty must be true or false, not an integer']],
    ['a long-form port: one message for its target', svc('ports: [{target: [80]}]'), ['4:22: ports[0].target must be an integer, not a list']],
    ['enum', 'link_env: fancy\nservices:\n  web: {image: x}\n', ['1:11: link_env "fancy" is not allowed; use "modern" or "classic"']],
    ['a long port\'s host_ip given a mapping (with a toString key): the schema\'s problem alone', svc('ports: [{target: 80, host_ip: {toString: ""}}]'), ['4:35: ports[0].host_ip must be a string, not a mapping']],
    ['enum given a mapping (with a toString key, which String() would call): no did-you-mean', 'link_env: {toString: ""}\nservices:\n  web: {image: x}\n', ['1:11: link_env {"toString":""} is not allowed; use "modern" or "classic"']],
    ['project name pattern', 'name: My_Shop\nservices:\n  web: {image: x}\n', ['1:7: name "My_Shop" must be lower-case letters, digits, \'_\' or \'-\', starting with a letter or digit, like "shop"']],
    ['subnet', 'subnet: 10.0.0.0/33\nservices:\n  web: {image: x}\n', ['1:9: subnet "10.0.0.0/33" is not an IPv4 subnet; use CIDR form like "10.213.5.0/24"']],
    ['service name', 'services:\n  -web: {image: x}\n', ['2:3: service name "-web" is not valid; use letters, digits, \'_\', \'.\' or \'-\', starting with a letter or digit, at most 63 characters']],
    ['service name too long', `services:\n  ${'a'.repeat(64)}: {image: x}\n`, [`2:3: service name "${'a'.repeat(64)}" is not valid; use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters`]],
    ['container_name', svc('container_name: "my web"'), ['4:21: container_name "my web" is not a valid container name; use letters, digits, \'_\', \'.\' or \'-\', starting with a letter or digit']],
    // a duration's number lacks its unit, not quotes
    ['duration', svc('stop_grace_period: 10'), ['4:24: stop_grace_period 10 has no unit; use a duration like "10s"']],
    ['a duration in a healthcheck', svc('healthcheck: {test: "true", timeout: 5}'), ['4:42: healthcheck.timeout 5 has no unit; use a duration like "5s"']],
    ['a fraction of a duration', svc('ready_timeout: 1.5'), ['4:20: ready_timeout 1.5 has no unit; use a duration like "1.5s"']],
    ['a negative duration', svc('ready_timeout: -5'), ['4:20: ready_timeout -5 is negative; use a duration like "5s"']],
    ['a duration from a variable, digits only', svc('stop_grace_period: "${T:-10}"'), ['4:24: stop_grace_period "10" has no unit; use a duration like "10s"']],
    ['an unquoted zero', svc('stop_grace_period: 0'), ['4:24: stop_grace_period 0 has no unit; use a duration like "0s"']],
    // "must be an integer, not a number" read as a contradiction
    ['retries not whole', svc('healthcheck: {retries: 3.5}'), ['4:28: healthcheck.retries 3.5 is not a whole number; use a whole number, like 3']],
    ['an exposed port not whole', svc('expose: [5432.5]'), ['4:14: expose entry 5432.5 is not a whole number; use a whole number, like 5432']],
    ['a port not whole', svc('ports: [80.5]'), ['4:13: ports entry 80.5 is not a whole number; use a whole number, like 80']],
    ['a long-form target not whole', svc('ports: [{target: 80.5}]'), ['4:22: ports[0].target 80.5 is not a whole number; use a whole number, like 80']],
    // one mistake, one problem: the misspelled key is why the right one is missing
    ['a misspelled services', 'Services:\n  web: {image: x}\n', ['1:1: unknown key "Services" at the top level; did you mean "services"?']],
    ['a misspelled image', 'services:\n  web: {imgae: x}\n', ['2:9: unknown key "imgae" in service "web"; did you mean "image"?']],
    ['a misspelled key that is not the missing one', 'services:\n  web: {hostnam: x}\n', ['2:8: service "web" needs "image" or "build"', '2:9: unknown key "hostnam" in service "web"; did you mean "hostname"?']],
    // a tmpfs mount needs no source: what else a mapping needs depends on its type
    // compose's other mount types: what hitch mounts instead, on the same target
    ['a tmpfs mount', svc('volumes: [{type: tmpfs, target: /tmp}]'), [`4:22: volumes[0].type "tmpfs" is not allowed: ${NO_TMPFS}, like {type: volume, source: tmp, target: /tmp}, or a bind mount of a host folder, like {type: bind, source: ./tmp, target: /tmp}`]],
    ['an npipe mount without a target', svc('volumes: [{type: npipe, source: x}]'), ['4:22: volumes[0].type "npipe" is not allowed: hitch has no npipe mounts; use a named volume, like {type: volume, source: data, target: /data}, or a bind mount of a host folder, like {type: bind, source: ./data, target: /data}']],
    // a word compose has no mount type for is a typo, not a type hitch lacks
    ['a capitalised mount type', svc('volumes: [{type: Bind, source: ., target: /t}]'), ['4:22: volumes[0].type "Bind" is not allowed; use "volume" or "bind"; did you mean "bind"?']],
    ['a plural mount type', svc('volumes: [{type: volumes, source: v, target: /t}]'), ['4:22: volumes[0].type "volumes" is not allowed; use "volume" or "bind"; did you mean "volume"?']],
    ['a bind mount without its source', svc('volumes: [{type: bind, target: /tmp}]'), ['4:15: volumes entry is missing "source"']],
    // Dockerfile's words for a service's keys
    ['env', svc('env: {A: 1}'), ['4:5: unknown key "env" in service "web"; did you mean "environment"?']],
    ['cmd', svc('cmd: echo'), ['4:5: unknown key "cmd" in service "web"; did you mean "command"?']],
    ['CMD', svc('CMD: echo'), ['4:5: unknown key "CMD" in service "web"; did you mean "command"?']],
    ['workdir', svc('workdir: /app'), ['4:5: unknown key "workdir" in service "web"; did you mean "working_dir"?']],
    ['env at the top level is no service key', 'env: {}\nservices:\n  web: {image: x}\n', ['1:1: unknown key "env" at the top level; allowed: name, link_env, subnet, services']],
    ['duration form', svc('ready_timeout: 10x'), ['4:20: ready_timeout "10x" is not a duration; use a form like "2s", "1m30s" or "500ms"']],
    ['restart', svc('restart: sometimes'), ['4:14: restart "sometimes" is not a restart policy; use "no", "always", "on-failure", "on-failure:3" (at most 9 digits) or "unless-stopped"']],
    ['restart retries', svc('restart: on-failure:1234567890'), ['4:14: restart "on-failure:1234567890" is not a restart policy; use "no", "always", "on-failure", "on-failure:3" (at most 9 digits) or "unless-stopped"']],
    ['retries minimum', svc('healthcheck: {retries: -1}'), ['4:28: healthcheck.retries must be at least 0, not -1']],
    // the engine reads Retries as a Go int: a float's digits ("1e+23") would not decode
    ['retries maximum', svc('healthcheck: {retries: 100000000000000000000000}'), ['4:28: healthcheck.retries must be at most 2147483647, not 100000000000000000000000']],
    ['retries maximum itself', svc('healthcheck: {retries: 2147483648}'), ['4:28: healthcheck.retries must be at most 2147483647, not 2147483648']],
    ['empty image', svc('hostname: ""'), ['4:15: hostname must not be empty']],
    ['build mapping needs context', 'services:\n  web:\n    build: {dockerfile: D}\n', ['3:12: build is missing "context"']],
    ['build: wrong type', 'services:\n  web:\n    build: 5\n', ['3:12: build must be a string or a mapping, not an integer; like "./web" or {context: ./web, dockerfile: Dockerfile.dev, args: {VERSION: "1.2"}}']],
    ['volume long form', svc('volumes: [{type: tmpfs, source: a, target: /b}]'), [`4:22: volumes[0].type "tmpfs" is not allowed: ${NO_TMPFS}, like {type: volume, source: b, target: /b}, or a bind mount of a host folder, like {type: bind, source: ./b, target: /b}`]],
    // ajv's "number" is finite: "must be … a number …, not a number" contradicted itself
    ['.inf in environment', svc('environment: {A: .inf}'), ['4:22: environment.A must be a string, a number, true or false or empty, not .inf, which YAML reads as infinity; quote it (".inf") to keep it as text']],
    ['-.Inf in labels', svc('labels: {a: -.Inf}'), ['4:17: labels.a must be a string, a number, true or false or empty, not -.Inf, which YAML reads as minus infinity; quote it ("-.Inf") to keep it as text']],
    ['.NaN in environment', svc('environment: {A: .NaN}'), ['4:22: environment.A must be a string, a number, true or false or empty, not .NaN, which YAML reads as not-a-number (NaN); quote it (".NaN") to keep it as text']],
    ['.inf in expose', svc('expose: [.inf]'), ['4:14: expose entry must be a string or an integer, not .inf, which YAML reads as infinity; quote it (".inf") to keep it as text']],
    ['.inf in ports', svc('ports: [.inf]'), ['4:13: ports entry must be an integer, a string or a mapping, not .inf, which YAML reads as infinity; quote it (".inf") to keep it as text']],
    ['.inf where only a number will do', svc('healthcheck: {retries: .inf}'), ['4:28: healthcheck.retries must be an integer, not .inf, which YAML reads as infinity; write a finite number']],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });
});

describe('the schema documents itself', () => {
  /** Every property schema, by its path in links.schema.json. */
  function properties(node: unknown, path: string, out: [string, Record<string, unknown>][] = []): [string, Record<string, unknown>][] {
    if (typeof node !== 'object' || node === null) return out;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties') for (const [name, prop] of Object.entries(v as object)) out.push([`${path}/${name}`, prop as Record<string, unknown>]);
      properties(v, `${path}/${k}`, out);
    }
    return out;
  }

  test('every field has a description and examples', () => {
    const lacking = properties(schema(), '#').filter(([, p]) => typeof p.description !== 'string' || !Array.isArray(p.examples)).map(([path]) => path);
    expect(lacking).toEqual([]);
  });

  test('every pattern says what to write instead', () => {
    const lacking: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as Record<string, unknown>;
      if ('pattern' in n && typeof n.patternErrorMessage !== 'string') lacking.push(path);
      for (const [k, v] of Object.entries(n)) walk(v, `${path}/${k}`);
    };
    walk(schema(), '#');
    expect(lacking).toEqual([]);
  });
});

describe('image references, as Docker reads them', () => {
  const manifest = (image: string) => `services:\n  web:\n    image: ${JSON.stringify(image)}\n`;
  const REFUSED = "is not an image reference; use [registry[:port]/]name[:tag][@digest], the name in lower-case letters, digits and '.', '_', '__' or '-' between them, like \"redis:7\" or \"registry.example.com:5000/team/app:1.2\"";
  const DIGEST = `sha256:${'0a'.repeat(32)}`;

  test.each([
    'redis', 'redis:7', 'postgres:16-alpine', 'library/redis:7', 'hitch-test/busybox:1', 'a__b', 'a-b--c', 'a.b_c',
    'localhost:5000/team/app', 'registry.example.com/team/app:1.2', 'Registry.Example.com/x', '127.0.0.1:5000/x:y',
    '[::1]:5000/x', `app@${DIGEST}`, `app:1@${DIGEST}`, `x:${'t'.repeat(128)}`,
  ])('%s is accepted', (image) => {
    expect(problems(manifest(image))).toEqual([]);
  });

  test.each([
    'MyImage', 'redis:7 ', 'foo bar', 'foo\n:1', 'foo:', ':tag', '-foo', 'foo/', 'foo//bar', 'foo:-bad', 'a_-b',
    'team/App', 'foo@sha256:abc', `x:${'t'.repeat(129)}x y`, 'café',
  ])('%j is refused', (image) => {
    expect(problems(manifest(image))).toEqual([`3:12: image ${JSON.stringify(image)} ${REFUSED}`]);
  });

  // distribution/reference's tag is [\w][\w.-]{0,127}: said as a length, as a name's is
  test.each([`x:${'t'.repeat(129)}`, `registry.example.com:5000/team/app:${'1'.repeat(200)}`, `app:${'t'.repeat(129)}@sha256:${'0a'.repeat(32)}`])('%s: its tag is too long', (image) => {
    const tag = image.split('@')[0]!.split(':').pop()!;
    expect(problems(manifest(image))).toEqual([`3:12: image ${JSON.stringify(image)}: its tag is ${tag.length} characters, over the 128 Docker allows; use a shorter tag`]);
  });

  test('an empty image is only "must not be empty"', () => {
    expect(problems(manifest(''))).toEqual(['3:12: image must not be empty']);
  });
});
