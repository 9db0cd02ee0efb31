// Container names: clashes between services, with sandboxes, and the project name from -p. A clash is
// reported at the container_name's value, or at the service's name when that makes the default.
import { describe, expect, test } from 'vitest';
import { problems, svc } from './helpers.js';

describe('container names', () => {
  test.each([
    ['two explicit', 'services:\n  a: {image: x, container_name: same}\n  b: {image: x, container_name: same}\n', ['3:33: container name "same" is used by services "a" and "b"; set a different container_name']],
    ["one equal to another's default", 'services:\n  a: {image: x}\n  b: {image: x, container_name: shop-a}\n', ['3:33: container name "shop-a" is used by services "a" and "b"; set a different container_name']],
    ["a service named like another's sandbox", 'services:\n  web: {image: x}\n  web-sandbox: {image: x}\n', [
      '3:3: container name "shop-web-sandbox" would be both the sandbox of "web" and the container of "web-sandbox" (a sandbox is named <container>-sandbox); set a different container_name',
    ]],
    ["a container_name equal to another's sandbox", 'services:\n  a: {image: x, container_name: foo}\n  b: {image: x, container_name: foo-sandbox}\n', [
      '3:33: container name "foo-sandbox" would be both the sandbox of "a" and the container of "b" (a sandbox is named <container>-sandbox); set a different container_name',
    ]],
    ['three, reported at each after the first', 'services:\n  a: {image: x, container_name: c}\n  b: {image: x, container_name: c}\n  c: {image: x, container_name: c}\n', [
      '3:33: container name "c" is used by services "a", "b" and "c"; set a different container_name',
      '4:33: container name "c" is used by services "a", "b" and "c"; set a different container_name',
    ]],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });

  test('a project name from -p must be valid', () => {
    expect(problems(svc(''), { project: 'Bad Name' })).toEqual([
      '1:1: project name "Bad Name" (from -p) is not valid; use lower-case letters, digits, \'_\' or \'-\', starting with a letter or digit',
    ]);
  });
});
