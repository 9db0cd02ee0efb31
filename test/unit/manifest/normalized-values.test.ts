// `hitch config` round trips on hand-written manifests: every field, and the values that break a naive
// writer ("$", newlines, YAML look-alikes, paths in and out of the manifest's folder, every port form).
import { describe, expect, test } from 'vitest';
import { normalizedManifest } from '../../../src/manifest/normalized.js';
import { schema } from '../../../src/manifest/schema.js';
import { DIR, load, svc } from './helpers.js';
import { expectRoundTrip, roundTrip } from './normalized-helpers.js';
import { yamlLib } from '../../../src/manifest/yaml-document.js';

type Opts = Parameters<typeof load>[1];

const ENV = { DOLLAR: 'a$b', PRICE: '$5', MULTI: 'one\ntwo\n', HOME: '/home/me', VERSION: '1.2' };

const cases: [string, string, Opts?][] = [
  ['top-level fields', 'name: demo\nlink_env: classic\nsubnet: 10.213.7.0/24\nservices:\n  web: {image: nginx}\n'],
  ['default project name and link_env', 'services:\n  web: {image: nginx}\n'],
  ['"$" written and from variables', svc('environment: {A: "$$HOME", B: "${DOLLAR}", C: "${PRICE}$$$$", D: "x$${Y}"}\nlabels: {l: "$$"}\ncommand: [sh, -c, "echo $$1 ${DOLLAR}"]\nuser: "${PRICE}"')],
  ['multi-line and padded values', svc('environment:\n  A: |\n    one\n      two\n  B: "\\r\\n\\ttab"\n  C: "${MULTI}"\n  D: "  lead"\n  E: "trail  "\n  F: |+\n    kept\n\n')],
  ['YAML look-alikes stay strings', svc('environment: {A: "true", B: "0", C: "", D: "null", E: "~", F: "- x", G: "#", H: "a: b", I: "1e3", J: "0o17", K: "[x]", L: "{x}", M: "*a", N: "no"}\nlabels: ["yes", "k=v=w", "é=€"]')],
  ['env keys that are traps', svc('environment: {__proto__: p, constructor: c, pos: here, "1": one}\nlabels: {__proto__: x}')],
  ['"<<" as a key, which the loader reads as a merge unless quoted', svc('environment: ["<<=x"]\nlabels: ["<<=y"]\nbuild: {context: ., args: ["<<=z"]}')],
  ['numbers and booleans in env become strings', svc('environment: {PORT: 5432, DEBUG: true, RATIO: 1.5, NONE: }\nlabels: [bare]')],
  ['env_file merged under environment', svc('env_file: [a.env, b.env]\nenvironment: {B: from-yaml}'), { readFile: (p) => (p.endsWith('a.env') ? 'A=1\nB=2\nS=$x\n' : 'C=3\n') }],
  ['ports in every form', svc('ports: [80, "8080:80", "127.0.0.1:8081:81", "127.0.0.1::5000", "5353:53/udp", "8000-8002:8000-8002", "9000-9010:90", "[::1]:8443:443", "[::1]::444/sctp", "0.0.0.0:1:1/tcp", {target: 5000, published: 49155, host_ip: 127.0.0.1, protocol: udp}, {target: 6000, host_ip: "fe80::1"}, {target: 7000, published: "7000-7005"}]\npublish_all: true')],
  ['expose in every form', svc('expose: [5432, "6379-6381", "53/udp", "7000/sctp", "53/tcp", 5432]')],
  ['links, aliases and external links', 'services:\n  db: {image: postgres}\n  cache: {image: redis}\n  web:\n    image: nginx\n    links: [db, "cache:my-cache"]\n    external_links: [legacy, "shared.redis:store"]\n  api: {image: x, link: db}\n'],
  ['healthcheck with every duration', svc('healthcheck: {test: "curl -f http://x/ || exit 1", interval: 1m30s, timeout: 500ms, start_period: 1.5h, retries: 3}')],
  ['healthcheck forms', 'services:\n  a: {image: x, healthcheck: {disable: true}}\n  b: {image: x, healthcheck: {test: [CMD, pg_isready, -U, "$$USER"], retries: 0}}\n  c: {image: x, healthcheck: {interval: "0"}}\n  d: {image: x, healthcheck: {}}\n  e: {image: x, healthcheck: {test: [NONE]}}\n'],
  ['restart policies', 'services:\n  a: {image: x, restart: "no"}\n  b: {image: x, restart: always}\n  c: {image: x, restart: "on-failure:3"}\n  d: {image: x, restart: on-failure}\n  e: {image: x, restart: unless-stopped}\n'],
  ['build forms and args', 'services:\n  a: {build: .}\n  b: {build: ./web/sub}\n  c: {build: {context: web, dockerfile: Dockerfile.dev, args: {VERSION: "${VERSION}", N: 2}}}\n  d: {build: {context: ../other, args: [VERSION, "X=a=b", UNSET_ONE]}, image: mine}\n  e: {build: /abs/ctx}\n'],
  ['volumes and bind mounts', svc('volumes: [data:/data, "cache:/cache:ro", "./conf:/etc/conf:ro", ".:/code:rw", "../up:/up", "/var/run/docker.sock:/var/run/docker.sock", "~/x:/x", {type: bind, source: "./with:colon", target: "/a:b", read_only: true}, {type: volume, source: v, target: /v}]')],
  ['share_env empty and listed', 'services:\n  a: {image: x, share_env: []}\n  b: {image: x, share_env: [A, B]}\n'],
  ['the remaining service fields', svc('container_name: my.web_1\nhostname: web.local\nuser: "1000:1000"\nworking_dir: /app\nstop_signal: SIGINT\nstop_grace_period: 1m5s\ntty: true\nready_timeout: "0"\nentrypoint: "tini -- \'a b\'"')],
  ['command forms', 'services:\n  a: {image: x, command: ""}\n  b: {image: x, command: [""]}\n  c: {image: x, command: "echo \'a b\' \\"c\\\\\\"d\\""}\n  d: {image: x, entrypoint: []}\n'],
  ['a build service named in capitals', 'services:\n  Web: {build: .}\n'],
];

describe('normalized manifests read back as the same model', () => {
  test.each(cases)('%s', (_title, yaml, opts) => {
    expectRoundTrip(load(yaml, { env: ENV, ...opts }).manifest);
  });
});

test('the cases write every field of the schema but the spellings hitch never writes', () => {
  const written = new Set<string>();
  for (const [, yaml, opts] of cases) {
    const data = normalizedManifest(load(yaml, { env: ENV, ...opts }).manifest);
    Object.keys(data).forEach((k) => written.add(k));
    for (const s of Object.values(data.services as Record<string, object>)) Object.keys(s).forEach((k) => written.add(`services.*.${k}`));
  }
  const defs = schema() as { properties: object; $defs: { service: { properties: object } } };
  const all = [...Object.keys(defs.properties), ...Object.keys(defs.$defs.service.properties).map((k) => `services.*.${k}`)];
  // `link` is written as `links`; env_file is merged into environment
  expect(all.filter((k) => !written.has(k))).toEqual(['services.*.env_file', 'services.*.link']);
});

describe('what the round trip keeps that a naive writer loses', () => {
  const model = (yaml: string, opts: Opts = {}) => load(yaml, { env: ENV, ...opts }).manifest;

  test('a "$" is written "$$", and reads back as one "$"', () => {
    const m = model(svc('environment: {A: "$$HOME", B: "${DOLLAR}"}'));
    const r = roundTrip(m);
    expect([m.services.web!.environment, r.yaml.match(/^ {6}[AB]: .*$/gm)]).toEqual([{ A: '$HOME', B: 'a$b' }, ['      A: $$HOME', '      B: a$$b']]);
  });

  test('paths inside the folder are relative to it, others absolute', () => {
    const m = model(svc('build: {context: ./web}\nvolumes: ["./data:/d", "../up:/u", "~/x:/x"]'));
    const r = roundTrip(m);
    expect([DIR, r.yaml.match(/(context|source): .*$/gm)]).toEqual([DIR, ['context: ./web', 'source: ./data', 'source: /proj/up', 'source: /home/me/x']]);
  });

  test('words a YAML 1.1 reader (compose 1.29) retypes are quoted: booleans, sexagesimals, dates, octals, merge keys', () => {
    const words = ['no', 'Yes', 'on', 'OFF', 'y', 'N', '1:20', '2024-01-02', '0644', '1_000', '.5', '<<'];
    const m = model(svc(`command: [${words.map((w) => JSON.stringify(w)).join(', ')}]\nenvironment: {"Y": "n", "on": "off"}`));
    const r = roundTrip(m);
    const asRead = yamlLib().parse(r.yaml, { version: '1.1', merge: false }) as { services: { web: { command: unknown[]; environment: object } } };
    expect([asRead.services.web.command, asRead.services.web.environment]).toEqual([words, { Y: 'n', on: 'off' }]);
  });
});
