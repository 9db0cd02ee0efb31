import { describe, expect, it } from 'vitest';
import { changeCause } from '../../../src/plan/change-cause.js';
import { decodeParts, encodeParts, type Parts } from '../../../src/plan/config-parts.js';

const before: Parts = { image: 'a', command: 'b', environment: 'c', links: 'd', volumes: 'e', 'env@db': 'f', 'ports@db': 'g', 'env@cache': 'h', 'ports@cache': 'i' };
// with the parts for what a link injects beside the child's env and ports (an external's too)
const withInjected: Parts = {
  ...before, 'address@db': 'j', 'link_env@db': 'k', 'address@cache': 'l', 'link_env@cache': 'm',
  'external@legacy': 'n', 'external-address@legacy': 'o', 'external-link_env@legacy': 'p',
};

describe('changeCause', () => {
  it.each([
    ['no parts label (made before parts existed)', undefined, before, 'config changed'],
    ['nothing nameable changed', before, before, 'config changed'],
    ['own parts, in name order', before, { ...before, image: 'x', command: 'x' }, 'config changed: command, image'],
    ["a child's shared env", before, { ...before, 'env@db': 'x' }, "child db's shared env changed"],
    ["children's parts, by child then part", before, { ...before, 'ports@db': 'x', 'env@db': 'x', 'ports@cache': 'x' }, "child cache's exposed ports changed; child db's shared env changed; child db's exposed ports changed"],
    ['a link added: its new child is not "changed"', before, { ...before, links: 'x', 'env@new': 'n', 'ports@new': 'n' }, 'links changed'],
    ['everything at once', before, { ...before, volumes: 'x', links: 'x', 'ports@db': 'x' }, "config changed: volumes; links changed; child db's exposed ports changed"],
    ["a child's address", withInjected, { ...withInjected, 'address@db': 'x' }, "child db's address changed"],
    ["a child's ports' variables alone: the manifest's link_env", withInjected, { ...withInjected, 'link_env@cache': 'x' }, "child cache's link env changed (link_env)"],
    ["a child's ports' variables with its ports: told as its ports", withInjected, { ...withInjected, 'link_env@db': 'x', 'ports@db': 'x' }, "child db's exposed ports changed"],
    ["an external's env", withInjected, { ...withInjected, 'external@legacy': 'x' }, "external container legacy's env or exposed ports changed"],
    ["an external's address", withInjected, { ...withInjected, 'external-address@legacy': 'x' }, "external container legacy's address changed"],
    ["an external's ports' variables alone: the manifest's link_env", withInjected, { ...withInjected, 'external-link_env@legacy': 'x' }, "external container legacy's link env changed (link_env)"],
    ["an external's ports' variables with its ports: told as those", withInjected, { ...withInjected, 'external-link_env@legacy': 'x', 'external@legacy': 'x' }, "external container legacy's env or exposed ports changed"],
    ['a part the older label lacks changed: unnamed, as before it existed', before, { ...before, 'address@db': 'x' }, 'config changed'],
  ])('%s', (_what, was, now, cause) => {
    expect(changeCause(was, now)).toBe(cause);
  });
});

describe('the label form', () => {
  it('round-trips, in name order', () => {
    expect(encodeParts({ links: '1', 'env@db': '2', image: '3' })).toBe('env@db=2,image=3,links=1');
    expect(decodeParts('env@db=2,image=3,links=1')).toEqual({ 'env@db': '2', image: '3', links: '1' });
    expect(decodeParts(undefined)).toBe(undefined);
  });
});
