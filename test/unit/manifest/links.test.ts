import { describe, expect, test } from 'vitest';
import type { LinkSpec } from '../../../src/manifest/model.js';
import { linkTargets } from '../../../src/manifest/links.js';
import { FILE, load, problems } from './helpers.js';

const manifest = (webLinks: string) => `services:\n  db:\n    image: postgres\n  cache:\n    image: redis\n  web:\n    image: nginx\n    ${webLinks}\n`;
const link = (target: string, alias: string, line: number, col: number): LinkSpec => ({ target, alias, pos: { file: FILE, line, col } });

describe('link forms', () => {
  test.each<[string, LinkSpec[]]>([
    ['link: db', [link('db', 'db', 8, 11)]],
    ['link: db:database', [link('db', 'database', 8, 11)]],
    ['links: db', [link('db', 'db', 8, 12)]],
    ['link: [db]', [link('db', 'db', 8, 12)]],
    ['links: [db, "cache:redis"]', [link('db', 'db', 8, 13), link('cache', 'redis', 8, 17)]],
    ['links: ["db:zz", "cache:aa"]', [link('cache', 'aa', 8, 22), link('db', 'zz', 8, 13)]],
    ['links: [db, "db:database"]', [link('db', 'database', 8, 17), link('db', 'db', 8, 13)]],
    ['links: [db, "cache:my-db.x_1"]', [link('db', 'db', 8, 13), link('cache', 'my-db.x_1', 8, 17)]],
    ['links: []', []],
  ])('%s', (yaml, want) => {
    expect(load(manifest(yaml)).manifest.services.web!.links).toEqual(want);
  });
});

describe('link problems', () => {
  test.each<[string, string[]]>([
    ['link: a:b:c', ['8:11: link "a:b:c" has 2 ":", where one separates the service from its alias; use "service" or "service:alias"']],
    ['link: "db:"', ['8:11: link "db:" has no alias after ":"; use "db", or "db:alias"']],
    ['link: ":db"', ['8:11: link ":db" has no service name before ":"; use "service" or "service:alias"']],
    ['link: ":"', ['8:11: link ":" has no service name before ":"; use "service" or "service:alias"']],
    ['link: dbb', ['8:11: service "web" links to "dbb", which the manifest does not have; did you mean "db"?']],
    ['link: postgres', ['8:11: service "web" links to "postgres", which the manifest does not have; link one of its services (cache, db), or a container hitch does not manage with external_links']],
    ['link: [Cache]', ['8:12: service "web" links to "Cache", which the manifest does not have; did you mean "cache"?']],
    ['link: web', ['8:11: service "web" links to itself ("web"); a service can only link to other services']],
    ['link: "web:me"', ['8:11: service "web" links to itself ("web:me"); a service can only link to other services']],
    ['links: [db, "cache:db"]', ['8:17: service "web" links two services as "db": "db" and "cache:db"; give each link its own alias']],
    ['links: [db, db]', ['8:17: service "web" links "db" twice as "db": "db" and "db"; remove one']],
    ['links: [db, "db:db"]', ['8:17: service "web" links "db" twice as "db": "db" and "db:db"; remove one']],
    ['links: ["db:DB", "db:db"]', ['8:22: service "web" links "db" twice as "DB" and "db" (both DB_*): "db:DB" and "db:db"; remove one']],
    ['links: ["db:my-db", "cache:my_db"]', ['8:25: service "web" links two services as "my-db" and "my_db" (both MY_DB_*): "db:my-db" and "cache:my_db"; give each link its own alias']],
    ['links: ["db:DB", "cache:db"]', ['8:22: service "web" links two services as "DB" and "db" (both DB_*): "db:DB" and "cache:db"; give each link its own alias']],
    ['link: "db:my db"', ['8:11: link alias "my db" in "db:my db" is not valid; use letters, digits, \'_\', \'.\' or \'-\', starting with a letter or digit, at most 63 characters']],
    ['link: "db:-x"', ['8:11: link alias "-x" in "db:-x" is not valid; use letters, digits, \'_\', \'.\' or \'-\', starting with a letter or digit, at most 63 characters']],
    ['link: 5', ['8:11: link must be a string or a list, not an integer; like "db:db" or [db, "cache:redis"]']],
    ['link: [db, 5]', ['8:16: link entry must be a string, not an integer']],
    ['link: {db: x}', ['8:11: link must be a string or a list, not a mapping; like "db:db" or [db, "cache:redis"]']],
  ])('%s', (yaml, want) => {
    expect(problems(manifest(yaml))).toEqual(want);
  });

  test('a manifest of many services lists the first ten it could link to', () => {
    const others = Array.from({ length: 12 }, (_, i) => `  s${String(i).padStart(2, '0')}: {image: x}`).join('\n');
    expect(problems(`services:\n${others}\n  web: {image: x, link: postgres}\n`)).toEqual([
      '14:25: service "web" links to "postgres", which the manifest does not have; link one of its services (s00, s01, s02, s03, s04, s05, s06, s07, s08, s09 and 2 more), or a container hitch does not manage with external_links',
    ]);
  });

  test('the only service has none to link', () => {
    expect(problems('services:\n  web: {image: x, link: postgres}\n')).toEqual([
      '2:25: service "web" links to "postgres", which the manifest does not have; add the service "postgres", or a container hitch does not manage with external_links',
    ]);
  });

  test('link and links on one service', () => {
    expect(problems(manifest('link: db\n    links: [cache]'))).toEqual(['9:5: service "web" has both "link" and "links"; they mean the same, use one']);
  });

  test('every bad link of every service is reported', () => {
    const yaml = 'services:\n  a:\n    image: x\n    links: [b, "x:y:z", nope]\n  b:\n    image: x\n    link: "a:b:c"\n';
    expect(problems(yaml)).toEqual([
      '4:16: link "x:y:z" has 2 ":", where one separates the service from its alias; use "service" or "service:alias"',
      '4:25: service "a" links to "nope", which the manifest does not have; link one of its services (b), or a container hitch does not manage with external_links',
      '7:11: link "a:b:c" has 2 ":", where one separates the service from its alias; use "service" or "service:alias"',
    ]);
  });
});

// validate's advice for depends_on and convert's read of compose's links, on whatever a YAML file holds there
describe('linkTargets', () => {
  test.each<[string, unknown, string[]]>([
    ['a list, aliases dropped', ['db', 'cache:redis'], ['db', 'cache']],
    ['one string', 'db:database', ['db']],
    ['a number, as YAML reads a service named 5', [5], ['5']],
    ['nothing', undefined, []],
    ['a mapping names no service, a toString key included', { toString: '' }, []],
    ['entries that are not names are left out', [{ toString: '' }, null, 'db'], ['db']],
  ])('%s', (_, value, targets) => {
    expect(linkTargets(value)).toEqual(targets);
  });

  test('each is read by expand first; one it cannot read is left out', () => {
    expect(linkTargets(['${A}', '${B}:b'], (l) => (l === '${A}' ? 'db' : undefined))).toEqual(['db']);
  });
});
