// Issue: `extends` was dropped with a warning, so a service that took its image from the service it
// extends had none, and most files using it failed. It is resolved as compose resolves it now: the
// base first (its own extends too), then the service's fields merged on top by compose's rules.
import { describe, expect, it } from 'vitest';
import { converted, REACH, refused, type Options } from './helpers.js';

/** A disk holding `files` (paths relative to the current folder, where the compose file is); any other file is empty. */
const disk = (files: Record<string, string>): Options => ({ readFile: (p: string) => files[p.slice(process.cwd().length + 1)] ?? '' });

describe('extends in the same file', () => {
  it('takes the base, its own extends first, with the local fields merged as compose merges them', () => {
    const compose = [
      'services:',
      '  root:',
      '    image: pg',
      '    command: run root',
      '    labels: {a: "1"}',
      '  base:',
      '    extends: root',
      '    environment: [X=1, Y=1]',
      '    labels: {b: "2"}',
      '  db:',
      '    extends: {service: base}',
      '    environment: {Y: "2", Z: "3"}',
      '    command: [run, db]',
      '',
    ].join('\n');
    expect(converted(compose)).toEqual({
      yaml: [
        'services:',
        '  root:',
        '    image: pg',
        '    command: run root',
        '    labels:',
        '      a: "1"',
        '  base:',
        '    image: pg',
        '    command: run root',
        '    labels:',
        '      a: "1"',
        '      b: "2"',
        '    environment: ["X=1", "Y=1"]',
        '  db:',
        '    image: pg',
        '    command: ["run", "db"]',
        '    labels:',
        '      a: "1"',
        '      b: "2"',
        '    environment: ["X=1", "Y=2", "Z=3"]',
        '',
      ].join('\n'),
      warnings: [REACH],
    });
  });
});

describe('extends of a service in another file', () => {
  const base = [
    'services:',
    '  app:',
    '    build: {dockerfile: Dockerfile.dev}',
    '    env_file: [base.env]',
    '    volumes: ["./data:/data", "cache:/cache", {type: bind, source: ../shared, target: /shared}]',
    '    ports: ["8080:80", "9090:90"]',
    '    healthcheck: {test: ["CMD", "true"], interval: 5s}',
    '    privileged: true',
    '',
  ].join('\n');

  it("has its relative paths moved beside the compose file, and the local entries replace those of the same target or port", () => {
    const compose = 'services:\n  web:\n    extends: {file: common/base.yml, service: app}\n    volumes: ["./other:/data"]\n    ports: [{target: 80, published: 8080}]\n    healthcheck: {test: ["CMD", "false"]}\n';
    expect(converted(compose, disk({ 'common/base.yml': base }))).toEqual({
      yaml: [
        'services:',
        '  web:',
        '    build:',
        '      context: ./common',
        '      dockerfile: Dockerfile.dev',
        '    env_file: ["./common/base.env"]',
        '    volumes:',
        '      - ./other:/data',
        '      - cache:/cache',
        '      - type: bind',
        '        source: ./shared',
        '        target: /shared',
        '    ports:',
        '      - target: 80',
        '        published: 8080',
        '      - 9090:90',
        '    healthcheck:',
        '      test: ["CMD", "false"]',
        '      interval: 5s',
        '',
      ].join('\n'),
      warnings: ['common/base.yml:8:5: service "web": privileged is dropped: not supported by hitch'],
    });
  });

  it('a path holding a variable stays as written, told where it is', () => {
    const other = 'services:\n  app:\n    image: x\n    volumes: ["${DATA:-./data}:/data"]\n';
    expect(converted('services:\n  web:\n    extends: {file: common/base.yml, service: app}\n', disk({ 'common/base.yml': other }))).toEqual({
      yaml: 'services:\n  web:\n    image: x\n    volumes: ["${DATA:-./data}:/data"]\n',
      warnings: [`common/base.yml:4:15: \${DATA:-./data} holds a variable, so convert leaves it as written: hitch reads it from the compose file's folder, where compose read it from ${process.cwd()}/common`],
    });
  });

  it("a problem in what it takes from there is told in that file", () => {
    expect(refused('services:\n  web:\n    extends: {file: common/base.yml, service: app}\n', disk({ 'common/base.yml': 'services:\n  app:\n    image: x\n    ports: ["99999:80"]\n' })).problems).toEqual([
      'common/base.yml:4:13: port 99999 is out of range 1-65535 in "99999:80"',
    ]);
  });
});

describe('extends that cannot be resolved: refused where it is written', () => {
  it.each<[string, string, Record<string, string>, string[]]>([
    ['a service that is not there', 'services:\n  web:\n    extends: base\n', {}, ['docker-compose.yml:3:14: service "web" extends "base", which is not a service']],
    [
      'a service not in the other file',
      'services:\n  web:\n    extends: {file: other.yml, service: app}\n',
      { 'other.yml': 'services:\n  db: {image: x}\n' },
      ['docker-compose.yml:3:41: service "web" extends "app" of other.yml, which is not a service'],
    ],
    [
      'a file that is not there',
      'services:\n  web:\n    extends: {file: missing.yml, service: app}\n',
      { 'missing.yml': undefined as unknown as string },
      [`docker-compose.yml:3:21: extends.file "missing.yml" cannot be read (looked for ${process.cwd()}/missing.yml)`],
    ],
    ['no service named', 'services:\n  web:\n    image: x\n    extends: {file: other.yml}\n', {}, ['docker-compose.yml:4:5: service "web": extends must name a service, as "extends: base" or "extends: {service: base, file: other.yml}"']],
    [
      'a cycle, named in full once, at the extends that closes it',
      'services:\n  web: {extends: base, image: x}\n  base: {extends: web}\n  solo: {extends: solo, image: y}\n',
      {},
      ['docker-compose.yml:3:10: extends makes a cycle: web → base → web, which compose refuses too; remove one of these extends', 'docker-compose.yml:4:10: extends makes a cycle: solo → solo, which compose refuses too; remove one of these extends'],
    ],
    [
      'a cycle through another file, in that file',
      'services:\n  web:\n    image: x\n    extends: {file: other.yml, service: app}\n',
      { 'other.yml': 'services:\n  app:\n    extends: {file: docker-compose.yml, service: web}\n' },
      ['other.yml:3:5: extends makes a cycle: web → app (other.yml) → web, which compose refuses too; remove one of these extends'],
    ],
  ])('%s', (_name, compose, files, problems) => {
    const readFile = (p: string) => (Object.hasOwn(files, p.slice(process.cwd().length + 1)) ? files[p.slice(process.cwd().length + 1)] : '');
    expect(refused(compose, { readFile }).problems).toEqual(problems);
  });
});
