// `external_links:` (compose's key): forms, docker's parse rule, and aliases unique across both link lists.
import { describe, expect, test } from 'vitest';
import type { ExternalLinkSpec } from '../../../src/manifest/model.js';
import { FILE, load, problems } from './helpers.js';

const manifest = (webBody: string) => `services:\n  db:\n    image: postgres\n  web:\n    image: nginx\n    ${webBody}\n`;
const ext = (container: string, alias: string, line: number, col: number): ExternalLinkSpec => ({ container, alias, pos: { file: FILE, line, col } });

describe('external link forms', () => {
  test.each<[string, ExternalLinkSpec[]]>([
    ['external_links: legacy-db', [ext('legacy-db', 'legacy-db', 6, 21)]],
    ['external_links: legacy-db:db', [ext('legacy-db', 'db', 6, 21)]],
    ['external_links: ["legacy-db:db"]', [ext('legacy-db', 'db', 6, 22)]],
    ['external_links: ["b_1:zz", "a.2:aa", c]', [ext('a.2', 'aa', 6, 32), ext('c', 'c', 6, 42), ext('b_1', 'zz', 6, 22)]],
    ['external_links: [legacy, "legacy:db2"]', [ext('legacy', 'db2', 6, 30), ext('legacy', 'legacy', 6, 22)]],
    ['external_links: []', []],
  ])('%s', (yaml, want) => {
    expect(load(manifest(yaml)).manifest.services.web!.externalLinks).toEqual(want);
  });

  test('a service without the key has none', () => {
    expect(load(manifest('expose: [80]')).manifest.services.web!.externalLinks).toEqual([]);
  });
});

describe('external link problems', () => {
  test.each<[string, string[]]>([
    ['external_links: a:b:c', ['6:21: external link "a:b:c" has 2 ":", where one separates the container from its alias; use "container" or "container:alias"']],
    ['external_links: "legacy:"', ['6:21: external link "legacy:" has no alias after ":"; use "legacy", or "legacy:alias"']],
    ['external_links: ":db"', ['6:21: external link ":db" has no container name before ":"; use "container" or "container:alias"']],
    ['external_links: "-x:db"', [`6:21: external link "-x:db": "-x" is not a valid container name; use letters, digits, '_', '.' or '-', starting with a letter or digit`]],
    ['external_links: "/legacy:db"', [`6:21: external link "/legacy:db": "/legacy" is not a valid container name; use letters, digits, '_', '.' or '-', starting with a letter or digit`]],
    ['external_links: "legacy:my db"', [`6:21: external link alias "my db" in "legacy:my db" is not valid; use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters`]],
    ['external_links: 5', ['6:21: external_links must be a string or a list, not an integer; like "legacy-db:db" or ["legacy-db:db", shared-redis]']],
    ['external_links: [legacy, 5]', ['6:30: external_links entry must be a string, not an integer']],
    ['external_links: {legacy: db}', ['6:21: external_links must be a string or a list, not a mapping; like "legacy-db:db" or ["legacy-db:db", shared-redis]']],
  ])('%s', (yaml, want) => {
    expect(problems(manifest(yaml))).toEqual(want);
  });

  test('an alias taken by a link to a service', () => {
    expect(problems(manifest('links: [db]\n    external_links: ["legacy:db"]'))).toEqual([
      '7:22: service "web" links service "db" and container "legacy" both as "db"; give each link its own alias',
    ]);
  });

  test('an alias taken by another external link', () => {
    expect(problems(manifest('external_links: ["a:x", "b:x"]'))).toEqual([
      '6:29: service "web" links container "a" and container "b" both as "x"; give each link its own alias',
    ]);
  });

  test("a container of the project's own services is linked with links, which also opens its firewall", () => {
    expect(problems(manifest('external_links: ["shop-db:database"]'))).toEqual([
      '6:22: external link "shop-db" is the container of service "db"; link the service instead: links: ["db:database"]',
    ]);
  });
});
