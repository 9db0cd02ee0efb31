import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConvertError, convertCompose } from '../../../src/convert/index.js';
import { parseManifest } from '../../../src/manifest/index.js';
import { convert, converted, REACH, refused } from './helpers.js';

describe('convert: one field at a time', () => {
  const cases: Array<{ name: string; compose: string; yaml: string; warnings?: string[] }> = [
    {
      name: 'copies the fields hitch reads with compose meaning, in their order',
      compose: 'services:\n  db:\n    image: postgres\n    container_name: db\n    user: "999"\n    restart: on-failure:3\n    tty: true\n    stop_signal: SIGINT\n    stop_grace_period: 1m30s\n    labels: [a=b]\n',
      yaml: 'services:\n  db:\n    image: postgres\n    container_name: db\n    user: "999"\n    restart: on-failure:3\n    tty: true\n    stop_signal: SIGINT\n    stop_grace_period: 1m30s\n    labels: ["a=b"]\n',
    },
    {
      name: 'links stay links; depends_on on a linked service says nothing',
      compose: 'services:\n  db: { image: pg }\n  web:\n    image: app\n    links: [db:database]\n    depends_on: { db: { condition: service_healthy } }\n',
      yaml: 'services:\n  db:\n    image: pg\n  web:\n    image: app\n    links: ["db:database"]\n',
      warnings: [REACH],
    },
    {
      name: 'depends_on without a link is dropped, saying how to keep the connection',
      compose: 'services:\n  db: { image: pg }\n  web:\n    image: app\n    depends_on: [db]\n',
      yaml: 'services:\n  db:\n    image: pg\n  web:\n    image: app\n',
      warnings: [REACH, '5:18: service "web": depends_on: db is dropped: hitch starts a service after the services it links to, and only a link lets it reach them: add "db" to links if web connects to it'],
    },
    {
      name: "depends_on on a linked service: options hitch has no such thing as are named, at their key",
      compose: 'services:\n  db: { image: pg }\n  web:\n    image: app\n    links: [db]\n    depends_on:\n      db: { condition: service_healthy, restart: true, required: false }\n',
      yaml: 'services:\n  db:\n    image: pg\n  web:\n    image: app\n    links: ["db"]\n',
      warnings: [
        REACH,
        '7:41: service "web": depends_on.db.restart is dropped: hitch recreates web when what its link shows of db changes (shared env, exposed ports), not when db restarts',
        '7:56: service "web": depends_on.db.required is dropped: hitch has no optional links: a link needs its service in the manifest',
      ],
    },
    {
      name: 'depends_on on a linked service: options that ask what hitch does anyway go silently',
      compose: 'services:\n  db: { image: pg }\n  web:\n    image: app\n    links: [db]\n    depends_on: { db: { restart: false, required: true } }\n',
      yaml: 'services:\n  db:\n    image: pg\n  web:\n    image: app\n    links: ["db"]\n',
      warnings: [REACH],
    },
    {
      name: 'depends_on waiting for a linked service to complete',
      compose: 'services:\n  migrate: { image: app }\n  web:\n    image: app\n    links: [migrate]\n    depends_on: { migrate: { condition: service_completed_successfully } }\n',
      yaml: 'services:\n  migrate:\n    image: app\n  web:\n    image: app\n    links: ["migrate"]\n',
      warnings: [REACH, '6:19: service "web": depends_on: migrate is dropped: hitch waits for migrate to be ready (healthy, or accepting connections on its exposed ports), not for it to exit'],
    },
    {
      name: 'depends_on waiting for a service that is not linked to complete: a one-shot job, as validate says',
      compose: 'services:\n  migrate: { image: app }\n  web:\n    image: app\n    depends_on: { migrate: { condition: service_completed_successfully } }\n',
      yaml: 'services:\n  migrate:\n    image: app\n  web:\n    image: app\n',
      warnings: [REACH, '5:19: service "web": depends_on: migrate is dropped: hitch waits for migrate to be ready (healthy, or accepting connections on its exposed ports), not for it to exit'],
    },
    {
      name: 'build: a mapping keeps context, dockerfile and args; context defaults to the folder',
      compose: 'services:\n  web:\n    build: { dockerfile: Dockerfile.dev, target: dev, args: [V=1] }\n',
      yaml: 'services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.dev\n      args: ["V=1"]\n',
      warnings: ['3:42: service "web": build.target is dropped: hitch builds with context, dockerfile and args only'],
    },
    {
      name: "env_file's long form becomes its path",
      compose: 'services:\n  web:\n    image: app\n    env_file: [a.env, { path: b.env, required: false }]\n',
      yaml: 'services:\n  web:\n    image: app\n    env_file: ["a.env", "b.env"]\n',
      warnings: ['4:38: service "web": env_file.required is dropped: hitch needs b.env to exist'],
    },
    {
      name: "ports: short forms as they are, the long form without swarm's mode",
      compose: 'services:\n  web:\n    image: app\n    ports: [80, "127.0.0.1::5000", { target: 53, published: "5353", protocol: udp, mode: ingress }]\n',
      yaml: 'services:\n  web:\n    image: app\n    ports:\n      - 80\n      - 127.0.0.1::5000\n      - target: 53\n        published: "5353"\n        protocol: udp\n',
      warnings: ['4:84: service "web": ports.mode of port 53/udp is dropped: swarm and naming options have no meaning for hitch'],
    },
    {
      name: 'volumes: ro and rw stay, other mount options and anonymous volumes go',
      compose: 'services:\n  web:\n    image: app\n    volumes: ["data:/data:ro,z", "./src:/src:delegated", /cache, "~/.m2:/root/.m2:rw"]\n',
      yaml: 'services:\n  web:\n    image: app\n    volumes: ["data:/data:ro", "./src:/src", "~/.m2:/root/.m2:rw"]\n',
      warnings: [
        '4:15: service "web": mount option z of data:/data:ro,z is dropped: hitch knows ro and rw',
        '4:34: service "web": mount option delegated of ./src:/src:delegated is dropped: hitch knows ro and rw',
        '4:58: service "web": volumes: /cache is dropped: hitch has no anonymous volumes; name it, like "cache:/cache", to keep its data',
      ],
    },
    {
      name: 'volumes: when every mount is dropped, so is the key, rather than stay as []',
      compose: 'services:\n  web:\n    image: app\n    volumes: [/cache, { type: tmpfs, target: /t }]\n',
      yaml: 'services:\n  web:\n    image: app\n',
      warnings: [
        '4:15: service "web": volumes: /cache is dropped: hitch has no anonymous volumes; name it, like "cache:/cache", to keep its data',
        '4:23: service "web": volumes: /t is dropped: hitch has no tmpfs mounts; use a named volume, like {type: volume, source: t, target: /t}, or a bind mount of a host folder, like {type: bind, source: ./t, target: /t}',
      ],
    },
    {
      name: 'volumes: a misspelled mount type is no type hitch lacks, but a typo of one it has',
      compose: 'services:\n  web:\n    image: app\n    volumes: [{ type: Bind, source: ., target: /t }]\n',
      yaml: 'services:\n  web:\n    image: app\n',
      warnings: ['4:15: service "web": volumes: /t is dropped: Bind is no mount type; use volume or bind; did you mean "bind"?'],
    },
    {
      name: 'healthcheck without start_interval',
      compose: 'services:\n  db:\n    image: pg\n    healthcheck: { test: pg_isready, interval: 2s, start_interval: 1s }\n',
      yaml: 'services:\n  db:\n    image: pg\n    healthcheck:\n      test: pg_isready\n      interval: 2s\n',
      warnings: ['4:52: service "db": healthcheck.start_interval is dropped: not supported by hitch'],
    },
    {
      name: 'environment: a variable taken from the environment stays empty',
      compose: 'services:\n  web:\n    image: app\n    environment: { DEBUG: null, N: 3 }\n',
      yaml: 'services:\n  web:\n    image: app\n    environment:\n      DEBUG:\n      "N": 3\n',
    },
    {
      name: "merge keys are expanded; x- fields go; a merged key's warning points where it is written",
      compose: 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: app\n',
      yaml: 'services:\n  web:\n    image: app\n',
      warnings: ['2:3: service "web": privileged is dropped: not supported by hitch'],
    },
    {
      name: 'network keys, each with its reason',
      compose: 'services:\n  web:\n    image: app\n    network_mode: host\n    networks: [front]\n    external_links: [redis_1:redis]\n    volumes_from: [data]\nnetworks: { front: {} }\n',
      yaml: 'services:\n  web:\n    image: app\n    external_links: ["redis_1:redis"]\n',
      warnings: [
        '4:5: service "web": network_mode is dropped: every hitch service has its own network namespace (its sandbox), reached through links',
        "5:5: service \"web\": networks is dropped: every hitch service is on the project's own network, where only links connect services",
        "7:5: service \"web\": volumes_from is dropped: hitch shares no service's mounts with another; mount the same named volumes in both services instead",
        '8:1: networks is dropped: every hitch project has one network of its own, where only links connect services',
      ],
    },
    {
      name: 'the project name and named volumes; version goes silently',
      compose: 'version: "3"\nname: shop\nservices:\n  db: { image: pg, volumes: ["d:/d"] }\nvolumes:\n  d: { driver: local }\n',
      yaml: 'name: shop\nservices:\n  db:\n    image: pg\n    volumes: ["d:/d"]\n',
      warnings: ['6:8: volume "d": driver is dropped: hitch creates and labels the volume <project>_d itself'],
    },
  ];
  it.each(cases)('$name', ({ compose, yaml, warnings = [] }) => {
    expect(converted(compose)).toEqual({ yaml, warnings });
  });
});

// Issue: `external: true` and `name:` gave two generic warnings, and the plan made a new empty volume:
// nothing said that the volume compose used, and its data, would not be seen.
describe('a top-level volume compose used as it is: one warning says its data is not seen, and what to do', () => {
  const notSeen = (key: string, used: string, dropped: string) =>
    `volume "${key}": ${dropped} dropped: compose used the engine's volume "${used}" itself; hitch mounts <project>_${key}, a new one, so "${used}" will not be used and its data not seen; copy the data over to keep it`;
  it.each<[string, string, string[]]>([
    ['external, with a name', '{name: legacy_pgdata, external: true}', [`7:3: ${notSeen('pgdata', 'legacy_pgdata', 'name and external are')}`]],
    ['external, by its own name', '{external: true}', [`7:3: ${notSeen('pgdata', 'pgdata', 'external is')}`]],
    ["external, named as format 2 and 3.x named it", '{external: {name: old}}', [`7:3: ${notSeen('pgdata', 'old', 'external is')}`]],
    ['named, not external: compose makes it under that name', '{name: pg, driver: local}', [`7:3: ${notSeen('pgdata', 'pg', 'name is')}`, '7:22: volume "pgdata": driver is dropped: hitch creates and labels the volume <project>_pgdata itself']],
    ['not external: the generic warning, not this one', '{external: false}', ['7:12: volume "pgdata": external is dropped: hitch creates and labels the volume <project>_pgdata itself']],
  ])('%s', (_name, spec, warnings) => {
    const compose = `services:\n  db:\n    image: pg\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: ${spec}\n`;
    expect(converted(compose)).toEqual({ yaml: 'services:\n  db:\n    image: pg\n    volumes: ["pgdata:/var/lib/postgresql/data"]\n', warnings });
  });
});

describe('convert: not a compose file', () => {
  it('invalid YAML, with its position', () => {
    expect(() => convert('services: [\n')).toThrow(ConvertError);
    expect(() => convert('services: [\n')).toThrow('docker-compose.yml:2:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  it.each([
    ['a version and no services', 'version: "2"\n'],
    ['a list', '- web\n'],
    ['an empty file', ''],
  ])('%s', (_name, text) => {
    expect(() => convert(text)).toThrow(ConvertError);
    expect(refused(text).problems).toEqual(['docker-compose.yml:1:1: no services: mapping, so this is not a compose file; give the path of a docker-compose.yml']);
  });
});

describe('convert: real-world compose files with links', () => {
  const dir = (name: string) => fileURLToPath(new URL(`../../fixtures/compose/${name}/`, import.meta.url));
  it.each([
    ['wordpress', ['wordpress:db:mysql']],
    ['django', ['web:db:postgres', 'web:redis:redis', 'worker:db:postgres', 'worker:redis:redis']],
    ['redis-webapp', ['webapp:redis:redis']],
  ])('%s: the golden hitch.yaml, which loads with its links', (name, links) => {
    const compose = readFileSync(`${dir(name)}docker-compose.yml`, 'utf8');
    const { yaml } = convertCompose(compose, { file: `${dir(name)}docker-compose.yml`, schemaRef: '../../../../links.schema.json' });
    expect(yaml).toBe(readFileSync(`${dir(name)}hitch.yaml`, 'utf8'));
    const { manifest } = parseManifest(yaml, { file: `${dir(name)}hitch.yaml`, env: {} });
    expect(Object.values(manifest.services).flatMap((s) => s.links.map((l) => `${s.name}:${l.target}:${l.alias}`))).toEqual(links);
  });
});
