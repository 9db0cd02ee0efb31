// Two mounts of one service at one path, refused on load as docker 20.10 refuses them at create
// ("Duplicate mount point"): targets compared once cleaned (filepath.Clean), binds and volumes alike.
import { describe, expect, test } from 'vitest';
import { mountPoint } from '../../../src/manifest/mount-targets.js';
import { load, problems, svc } from './helpers.js';

const REFUSED = 'and the engine refuses two mounts at one path ("Duplicate mount point"); mount each target only once per service';
/** The problem of a target written as an earlier one was: said at `at`, naming the first's place. */
const again = (at: string, target: string, first: string) => `${at}: volumes target "${target}" is also the target at ${first}, ${REFUSED}`;
/** The problem of a target spelled otherwise than an earlier one on the same path. */
const cleaned = (at: string, target: string, firstTarget: string, first: string, point: string) =>
  `${at}: volumes target "${target}" and the target "${firstTarget}" at ${first} are one path, "${point}", once cleaned as the engine compares them (no "//", "." or ".." segment, no trailing "/"), ${REFUSED}`;

describe('mount point: the target as the engine compares it (Go path.Clean)', () => {
  test.each<[string, string]>([
    ['/data', '/data'],
    ['/data/', '/data'],
    ['/data//', '/data'],
    ['//data', '/data'],
    ['/data/./', '/data'],
    ['/data/.', '/data'],
    ['/a/../data', '/data'],
    ['/../data', '/data'],
    ['/a/b/../../data/x/..', '/data'],
    ['/data2', '/data2'],
    ['/data/sub', '/data/sub'],
    ['/data.', '/data.'],
    ['/..data', '/..data'],
    ['/', '/'],
    ['/a/..', '/'],
  ])('%s', (target, want) => {
    expect(mountPoint(target)).toEqual(want);
  });
});

describe('two volumes entries of one service on one target are refused at the second', () => {
  test.each<[string, string, string[]]>([
    [
      'long form, then short form with a trailing "/" (the report\'s manifest)',
      'volumes:\n  - { type: volume, source: data, target: /data, read_only: true }\n  - "other:/data/"',
      [cleaned('6:9', '/data/', '/data', '5:47', '/data')],
    ],
    ['short forms, one target', 'volumes: ["a:/data", "b:/data"]', [again('4:26', '/data', '4:15')]],
    ['one entry written twice', 'volumes: ["a:/data", "a:/data"]', [again('4:26', '/data', '4:15')]],
    ['read-only and read-write', 'volumes: ["a:/data:ro", "a:/data:rw"]', [again('4:29', '/data', '4:15')]],
    ['long forms, one target', 'volumes:\n  - {type: volume, source: a, target: /data}\n  - {type: volume, source: b, target: /data}', [again('6:43', '/data', '5:43')]],
    ['a trailing "/"', 'volumes: ["a:/data", "b:/data/"]', [cleaned('4:26', '/data/', '/data', '4:15', '/data')]],
    ['"//"', 'volumes: ["a:/data", "b://data"]', [cleaned('4:26', '//data', '/data', '4:15', '/data')]],
    ['"/data/./"', 'volumes: ["a:/data", "b:/data/./"]', [cleaned('4:26', '/data/./', '/data', '4:15', '/data')]],
    ['"/a/../data"', 'volumes: ["a:/data", "b:/a/../data"]', [cleaned('4:26', '/a/../data', '/data', '4:15', '/data')]],
    ['two spellings, neither clean', 'volumes: ["a:/data/.", "b:/x/../data/"]', [cleaned('4:28', '/x/../data/', '/data/.', '4:15', '/data')]],
    ['the first unclean, the second clean', 'volumes: ["a:/data/", "b:/data"]', [cleaned('4:27', '/data', '/data/', '4:15', '/data')]],
    ['a bind, then a volume', 'volumes: ["./conf:/data", "data:/data"]', [again('4:31', '/data', '4:15')]],
    [
      'a volume, then a long-form bind',
      'volumes:\n  - data:/etc/app\n  - {type: bind, source: ./conf, target: /etc/app/, read_only: true}',
      [cleaned('6:46', '/etc/app/', '/etc/app', '5:9', '/etc/app')],
    ],
    ['three on one target: each later one names the first', 'volumes: ["a:/data", "b:/x", "c:/data", "d:/data/"]', [again('4:34', '/data', '4:15'), cleaned('4:45', '/data/', '/data', '4:15', '/data')]],
    ['two pairs, each said at its second', 'volumes: ["a:/x", "b:/y", "c:/y/", "d:/x"]', [cleaned('4:31', '/y/', '/y', '4:23', '/y'), again('4:40', '/x', '4:15')]],
    ['an entry refused for itself takes no target', 'volumes: ["-bad:/data", "ok:/data"]', ['4:15: volume name "-bad" is not valid; use letters, digits, \'_\', \'.\' or \'-\' (or start a host path with ".", "/" or "~")']],
  ])('%s', (_name, body, want) => {
    expect(problems(svc(body))).toEqual(want);
  });
});

describe('targets that only look alike are each mounted', () => {
  test.each<[string, string, string[]]>([
    ['/data and /data2', 'volumes: ["a:/data", "b:/data2"]', ['/data', '/data2']],
    ['a folder and one inside it', 'volumes: ["a:/data", "./conf:/data/conf"]', ['/data', '/data/conf']],
    ['a name with dots', 'volumes: ["a:/data", "b:/data.", "c:/..data"]', ['/data', '/data.', '/..data']],
    ['letters in another case', 'volumes: ["a:/data", "b:/Data"]', ['/data', '/Data']],
    ['one volume at two targets', 'volumes: ["a:/data", "a:/backup"]', ['/data', '/backup']],
  ])('%s', (_name, body, targets) => {
    expect(load(svc(body)).manifest.services.web!.volumes.map((v) => v.target)).toEqual(targets);
  });

  test('two services that each mount /data', () => {
    const yaml = 'services:\n  a: {image: x, volumes: ["data:/data"]}\n  b: {image: x, volumes: ["./b:/data/"]}\n';
    const services = load(yaml).manifest.services;
    expect([services.a!.volumes, services.b!.volumes]).toEqual([
      [{ type: 'volume', source: 'data', target: '/data', readOnly: false }],
      [{ type: 'bind', source: '/proj/shop/b', target: '/data/', readOnly: false }],
    ]);
  });

  test('a second service that mounts /data twice is refused alone', () => {
    const yaml = 'services:\n  a: {image: x, volumes: ["data:/data"]}\n  b: {image: x, volumes: ["./b:/data/", {type: volume, source: data, target: /data}]}\n';
    expect(problems(yaml)).toEqual([cleaned('3:78', '/data', '/data/', '3:27', '/data')]);
  });
});
