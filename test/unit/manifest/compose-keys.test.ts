// compose's keys that hitch does not read: each refused with what hitch does instead (the reasons
// `hitch convert` gives when it drops them), not with the list of hitch's keys; and `hitch convert`
// named once where the manifest is evidently a whole compose file.
import { describe, expect, test } from 'vitest';
import { problems, svc } from './helpers.js';

const CONVERT = (file: string) => ` (a whole compose file? \`hitch convert ${file}\` prints the hitch manifest it makes)`;
const DEPENDS = 'unknown key "depends_on" in service "web": hitch starts a service after the services it links to, and only a link lets it reach them';
const two = (web: string) => `services:\n  db: {image: postgres}\n  web:\n    image: nginx\n    ${web}\n`;

describe("a service's compose keys", () => {
  test.each<[string, string]>([
    ['networks: [front]', `unknown key "networks" in service "web": every hitch service is on the project's own network, where only links connect services; remove it`],
    ['network_mode: host', 'unknown key "network_mode" in service "web": every hitch service has its own network namespace (its sandbox), reached through links; remove it'],
    ['net: host', 'unknown key "net" in service "web": every hitch service has its own network namespace (its sandbox), reached through links; remove it'],
    ['deploy: {replicas: 2}', 'unknown key "deploy" in service "web": hitch runs one container per service; remove it'],
    ['scale: 2', 'unknown key "scale" in service "web": hitch runs one container per service; remove it'],
    ['extends: {service: base}', 'unknown key "extends" in service "web": a hitch service is read from its own fields only; copy the fields of the extended service into this one'],
    ['profiles: [dev]', 'unknown key "profiles" in service "web": every service of a hitch manifest runs; remove it'],
    ['volumes_from: [db]', 'unknown key "volumes_from" in service "web": hitch shares no service\'s mounts with another; mount the same named volumes in both services instead'],
    ['extra_hosts: ["a:10.0.0.1"]', 'unknown key "extra_hosts" in service "web": hitch writes the hosts lines of links itself; remove it'],
    ['stdin_open: true', 'unknown key "stdin_open" in service "web": hitch attaches no stdin to a service; use `hitch exec -it SERVICE sh` for an interactive shell'],
  ])('%s', (yaml, want) => {
    expect(problems(svc(yaml))).toEqual([`4:5: ${want}`]);
  });

  test.each<[string, string]>([
    ['depends_on: [db]', 'use links: [db] instead'],
    ['depends_on: {db: {condition: service_healthy}}', 'use links: [db] instead'],
    ['depends_on: [db, cache]\n    links: [db]', 'add cache to its links instead'],
    ['depends_on: [db]\n    link: "db:database"', 'remove it: its links start those services first already'],
    ['depends_on: 5', 'link the services it needs instead, like links: [db]'],
  ])('%s: links are what hitch starts a service after', (yaml, fix) => {
    expect(problems(two(yaml))).toEqual([`5:5: ${DEPENDS}; ${fix}`]);
  });

  // convert singles these out too: a one-shot job, which a link does not wait for
  const JOB = 'is a one-shot job (condition: service_completed_successfully), not a link: hitch waits for db to be ready (healthy, or accepting connections on its exposed ports), not for it to exit';
  test.each<[string, string]>([
    ['depends_on: {db: {condition: service_completed_successfully}}', `db ${JOB}; run it before \`hitch up\`, outside the manifest, or at the start of web's command`],
    ['depends_on: {db: {condition: service_completed_successfully}}\n    links: [db]', `db ${JOB}; run it before \`hitch up\`, outside the manifest, or at the start of web's command`],
    [
      'depends_on: {db: {condition: service_completed_successfully}, cache: {condition: service_started}}',
      `db ${JOB}; run it before \`hitch up\`, outside the manifest, or at the start of web's command; hitch starts a service after the services it links to, and only a link lets it reach them; use links: [cache] instead`,
    ],
  ])('%s: a job to wait for, not a link', (yaml, why) => {
    expect(problems(two(yaml))).toEqual([`5:5: unknown key "depends_on" in service "web": ${why}`]);
  });

  test('compose keys in a hitch.yaml with no other sign of compose do not name convert', () => {
    expect(problems(two('depends_on: [db]\n    networks: [front]'))).toEqual([
      `5:5: ${DEPENDS}; use links: [db] instead`,
      `6:5: unknown key "networks" in service "web": every hitch service is on the project's own network, where only links connect services; remove it`,
    ]);
  });
});

describe("the top level's compose keys", () => {
  const top = (yaml: string) => `${yaml}\nservices:\n  web: {image: x}\n`;

  test.each<[string, string]>([
    ['version: "3.8"', "compose's file format version is obsolete, in compose too; remove it"],
    ['volumes: {data: {}}', 'hitch creates and labels the volume <project>_NAME itself for each "NAME:/path" a service mounts; remove it'],
    ['networks: {front: {}}', 'every hitch project has one network of its own, where only links connect services; remove it'],
    ['secrets: {s: {file: x}}', 'hitch has no secrets of its own; pass secrets as environment variables or env_file, or mount them as files with volumes'],
    ['configs: {c: {file: x}}', 'hitch has no configs of its own; mount configuration files with volumes'],
  ])('%s, which only compose has, names convert', (yaml, why) => {
    const key = yaml.split(':')[0]!;
    expect(problems(top(yaml))).toEqual([`1:1: unknown key "${key}" at the top level: ${why}${CONVERT('hitch.yaml')}`]);
  });

  test('convert is named once, at the first of the compose keys', () => {
    expect(problems(`services:\n  web:\n    image: x\n    depends_on: [db]\n  db: {image: x}\nversion: "3"\nnetworks: {}\n`)).toEqual([
      `4:5: ${DEPENDS}; use links: [db] instead${CONVERT('hitch.yaml')}`,
      `6:1: unknown key "version" at the top level: compose's file format version is obsolete, in compose too; remove it`,
      '7:1: unknown key "networks" at the top level: every hitch project has one network of its own, where only links connect services; remove it',
    ]);
  });

  test.each(['docker-compose.yml', 'compose.yaml'])("a file named %s is evidently compose's", (name) => {
    const file = `/proj/shop/${name}`;
    expect(problems(svc('profiles: [dev]'), { file })).toEqual([
      `${file}:4:5: unknown key "profiles" in service "web": every service of a hitch manifest runs; remove it${CONVERT(name)}`,
    ]);
  });

  test('a compose file on stdin is named as compose names its own', () => {
    expect(problems(top('version: "3"'), { file: '-' })).toEqual([
      `-:1:1: unknown key "version" at the top level: compose's file format version is obsolete, in compose too; remove it${CONVERT('docker-compose.yml')}`,
    ]);
  });
});

describe('anonymous volumes', () => {
  test.each<[string, string]>([
    ['/data', 'data:/data'],
    ['/var/lib/postgresql/data/', 'data:/var/lib/postgresql/data/'],
    ['/srv/my cache', 'data:/srv/my cache'],
    ['/', 'data:/'],
  ])('%s is named from its last folder', (target, named) => {
    expect(problems(svc(`volumes: [${JSON.stringify(target)}]`))).toEqual([
      `4:15: volumes entry ${JSON.stringify(target)}: hitch has no anonymous volumes; name it, like "${named}", to keep its data`,
    ]);
  });

  test('the long form without a source is one too', () => {
    expect(problems(svc('volumes: [{type: volume, target: /var/cache}]'))).toEqual([
      '4:15: volumes entry on "/var/cache": hitch has no anonymous volumes; give it a source (a volume name, like source: cache) to keep its data',
    ]);
  });

  test('a relative path is no anonymous volume', () => {
    expect(problems(svc('volumes: [data]'))).toEqual([
      '4:15: volumes entry "data" is not a volume; use "name:/path", "./dir:/path" or "/abs:/path", optionally followed by ":ro" or ":rw"',
    ]);
  });
});
