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
