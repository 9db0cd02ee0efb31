// Issue: compose file format 1 (services at the top level, no `services:`; 2014–2016, the links era)
// was refused as "not a compose file". docker-compose 1.29 reads a file with no `version` and none of
// `services`, `networks` or `volumes` as format 1 (config.py, ConfigFile.version).
import { describe, expect, it } from 'vitest';
import { converted, refused } from './helpers.js';

describe('compose file format 1', () => {
  it('its top-level keys are the services', () => {
    expect(converted('db: {image: postgres}\nweb: {image: app, links: [db]}\n')).toEqual({
      yaml: 'services:\n  db:\n    image: postgres\n  web:\n    image: app\n    links: ["db"]\n',
      warnings: [],
    });
  });

  it("its own keys: dockerfile joins build, net goes like network_mode, and what hitch lacks is named", () => {
    const compose = [
      'db:',
      '  image: postgres',
      '  volumes: ["pgdata:/var/lib/postgresql/data", "./conf:/etc/conf:ro"]',
      '  net: host',
      '  log_driver: syslog',
      'web:',
      '  build: ./web',
      '  dockerfile: Dockerfile.dev',
      '  links: [db:database]',
      '  external_links: [redis_1:redis]',
      '  volumes_from: [db]',
      '  environment: [A=1]',
      '  env_file: web.env',
      '  expose: ["80"]',
      '  ports: ["8080:80"]',
      '',
    ].join('\n');
    expect(converted(compose)).toEqual({
      yaml: [
        'services:',
        '  db:',
        '    image: postgres',
        '    volumes: ["pgdata:/var/lib/postgresql/data", "./conf:/etc/conf:ro"]',
        '  web:',
        '    build:',
        '      context: ./web',
        '      dockerfile: Dockerfile.dev',
        '    links: ["db:database"]',
        '    external_links: ["redis_1:redis"]',
        '    environment: ["A=1"]',
        '    env_file: web.env',
        '    expose: ["80"]',
        '    ports: ["8080:80"]',
        '',
      ].join('\n'),
      warnings: [
        '3:13: service "db": volume "pgdata": compose file format 1 used the engine\'s volume "pgdata" itself; hitch mounts <project>_pgdata, a new one, so "pgdata" will not be used and its data not seen; copy the data over to keep it',
        '4:3: service "db": net is dropped: every hitch service has its own network namespace (its sandbox), reached through links',
        '5:3: service "db": log_driver is dropped: not supported by hitch',
        "11:3: service \"web\": volumes_from is dropped: hitch shares no service's mounts with another; mount the same named volumes in both services instead",
      ],
    });
  });

  it("a named volume's name holding a variable with a default is named whole", () => {
    const used = 'db_${ENV:-dev}';
    expect(converted(`db: {image: x, volumes: ["${used}:/data"]}\n`)).toEqual({
      yaml: `services:\n  db:\n    image: x\n    volumes: ["${used}:/data"]\n`,
      warnings: [
        `1:26: service "db": volume "${used}": compose file format 1 used the engine's volume "${used}" itself; hitch mounts <project>_${used}, a new one, so "${used}" will not be used and its data not seen; copy the data over to keep it`,
      ],
    });
  });

  it('a mapping under version makes it format 1, with a service named version', () => {
    expect(converted('version: {image: x}\nweb: {image: y, links: [version]}\n')).toEqual({
      yaml: 'services:\n  version:\n    image: x\n  web:\n    image: "y"\n    links: ["version"]\n',
      warnings: ['1:1: version is a mapping, so this is compose file format 1 and "version" one of its services, as docker-compose 1.x read it'],
    });
  });

  it('x- keys are the homes of anchors, not services', () => {
    expect(converted('x-base: &base {image: x}\nweb: *base\n')).toEqual({ yaml: 'services:\n  web:\n    image: x\n', warnings: [] });
  });

  it('a top-level key that is not a mapping is a service that is not one, and says why', () => {
    expect(refused('db: {image: postgres}\nfoo: bar\n')).toEqual({
      problems: [
        'docker-compose.yml:2:6: service "foo" is "bar", not a mapping of its settings; give it at least an image or a build, e.g. "image: nginx" (a file without "services:" is compose file format 1, where every top-level key is a service)',
      ],
      warnings: [],
    });
  });

  it.each([
    ['a version and no services', 'version: "2"\nweb: {image: x}\n'],
    ['volumes and no services', 'volumes: {data: {}}\nweb: {image: x}\n'],
    ['networks and no services', 'networks: {front: {}}\nweb: {image: x}\n'],
    ['an empty mapping', '{}\n'],
    ['x- keys only', 'x-base: {image: x}\n'],
  ])('not format 1 and no services: %s', (_name, text) => {
    expect(refused(text).problems).toEqual(['docker-compose.yml:1:1: no services: mapping, so this is not a compose file; give the path of a docker-compose.yml']);
  });
});

describe("format 1's dockerfile beside build", () => {
  it.each<[string, string, string, string[]]>([
    ['joins a build mapping without one', 'build: {context: ., args: [A=1]}\n  dockerfile: D', 'build:\n      context: .\n      args: ["A=1"]\n      dockerfile: D\n', []],
    [
      'is dropped when build names one',
      'build: {context: ., dockerfile: A}\n  dockerfile: B',
      'build:\n      context: .\n      dockerfile: A\n',
      ['3:3: service "web": dockerfile is dropped: build.dockerfile names the Dockerfile already'],
    ],
  ])('%s', (_name, web, build, warnings) => {
    expect(converted(`web:\n  ${web}\n`)).toEqual({ yaml: `services:\n  web:\n    ${build}`, warnings });
  });

  it('is dropped without a build, and the service has nothing to run', () => {
    expect(refused('web:\n  dockerfile: D\n')).toEqual({
      problems: ['docker-compose.yml:2:3: service "web" needs "image" or "build"'],
      warnings: ['2:3: service "web": dockerfile is dropped: there is no build for it to name the Dockerfile of'],
    });
  });
});
