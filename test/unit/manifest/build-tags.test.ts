// Two services that would build one image tag: one build would replace the other's image.
import { describe, expect, test } from 'vitest';
import { load, problems } from './helpers.js';

const DEFAULT_TAG = '(a service that builds without image: gets the tag <project>-<service>, in lower case)';

describe('services that would build the same tag', () => {
  test.each<[string, string, string[]]>([
    [
      'web and Web: one default tag, reported at the second in the file',
      'name: shop\nservices:\n  web: {build: ./a}\n  Web: {build: ./b}\n',
      [`4:3: services "web" and "Web" would both build the image "shop-web" ${DEFAULT_TAG}, and one build would replace the other; set a different image: on "Web"`],
    ],
    [
      'an image: that is another service\'s default tag',
      'name: shop\nservices:\n  web: {build: ./a}\n  api: {build: ./b, image: shop-web}\n',
      [`4:28: services "web" and "api" would both build the image "shop-web" ${DEFAULT_TAG}, and one build would replace the other; set a different image: on "api"`],
    ],
    [
      'three: each after the first',
      'name: shop\nservices:\n  WEB: {build: .}\n  web: {build: .}\n  Web: {build: .}\n',
      [
        `4:3: services "WEB" and "web" would both build the image "shop-web" ${DEFAULT_TAG}, and one build would replace the other; set a different image: on "web"`,
        `5:3: services "WEB" and "Web" would both build the image "shop-web" ${DEFAULT_TAG}, and one build would replace the other; set a different image: on "Web"`,
      ],
    ],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });

  test.each<[string, string]>([
    ['an image: set on one of them', 'name: shop\nservices:\n  web: {build: ./a}\n  Web: {build: ./b, image: shop-web2}\n'],
    ['one image: named by two builds on purpose (one context, two commands)', 'services:\n  api: {build: ., image: app}\n  worker: {build: ., image: app, command: work}\n'],
    ['a service that runs another\'s built image', 'name: shop\nservices:\n  web: {build: .}\n  Web: {image: shop-web}\n'],
  ])('%s is valid', (_, yaml) => {
    expect(Object.keys(load(yaml).manifest.services).length).toBe(2);
  });
});

describe('a default tag that is not an image reference', () => {
  const refused = (name: string, tag: string) =>
    `service "${name}" builds without image:, and its default tag "${tag}" (<project>-<service>, in lower case) is no image reference; give it an image: to tag the build with, like "shop-web:1", or name it with letters and digits and, between them, one '.', one or two '_', or any number of '-'`;

  test.each<[string, string, string]>([
    ['dots in a row', 'w...eb', 'shop-w...eb'],
    ['a trailing dash', 'web-', 'shop-web-'],
    ['a trailing dot', 'Web.', 'shop-web.'],
    ['three underscores', 'w___x', 'shop-w___x'],
    ['a dot then a dash', 'w.-x', 'shop-w.-x'],
  ])('%s: said at the service, before any build', (_, name, tag) => {
    expect(problems(`name: shop\nservices:\n  ${name}: {build: .}\n  ok: {build: .}\n`)).toEqual([`3:3: ${refused(name, tag)}`]);
  });

  const byProject = (project: string, from: string, names: string) =>
    `project name "${project}" (from ${from}) makes no image tag for the services that build without image: (${names}), as "${project}-<service>" is no image reference; end it with a letter or digit and use no "_-", "-_" or "___" in it, or give each of them an image:`;

  test.each<[string, string, { project?: string; file?: string }, string]>([
    ['name: ending in "_"', 'name: shop_\nservices:\n  web: {build: .}\n  api: {build: .}\n  db: {image: redis}\n', {}, `1:7: ${byProject('shop_', 'name:', '"api", "web"')}`],
    ['-p with "-_"', 'services:\n  web: {build: .}\n', { project: 'my-_app' }, `1:1: ${byProject('my-_app', '-p', '"web"')}`],
    ['the folder\'s name', 'services:\n  web: {build: .}\n', { file: '/proj/My_/hitch.yaml' }, `/proj/My_/hitch.yaml:1:1: ${byProject('my_', 'the folder\'s name, "My_"', '"web"')}`],
  ])('a project name that makes none, from %s: said once, at the project name', (_, yaml, opts, want) => {
    expect(problems(yaml, opts)).toEqual([want]);
  });

  test('a project name refused already: that problem alone', () => {
    expect(problems('services:\n  web: {build: .}\n', { project: 'Bad Name' })).toEqual([
      `1:1: project name "Bad Name" (from -p) is not valid; use lower-case letters, digits, '_' or '-', starting with a letter or digit`,
    ]);
  });

  test.each<[string, string]>([
    ['an image: given', 'name: shop\nservices:\n  w...eb: {build: ., image: shop-web}\n'],
    ['no build', 'name: shop\nservices:\n  web-: {image: redis}\n'],
    ['names an image reference allows', 'name: shop\nservices:\n  w__x.1--y: {build: .}\n'],
    ['a project name ending in "_" with every build tagged', 'name: shop_\nservices:\n  web: {build: ., image: web}\n'],
  ])('%s is valid', (_, yaml) => {
    expect(Object.keys(load(yaml).manifest.services)).toHaveLength(1);
  });

  test('an image: the schema refuses is said once, as the schema says it', () => {
    const said = problems('name: shop\nservices:\n  w...eb: {build: ., image: "Bad Image"}\n');
    expect([said.length, said[0]]).toEqual([1, expect.stringMatching(/^3:\d+: image "Bad Image" is not an image reference;/)]);
  });
});
