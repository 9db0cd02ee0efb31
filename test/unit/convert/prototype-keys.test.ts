// Issue: keys were looked up on plain objects (CONVERT[key], WHY[key], TOP_WHY[key]) and the file was
// read with yaml's toJS: `__proto__`, `valueOf`, `constructor`… crashed or were copied as functions,
// and a merge key naming its own anchor overflowed the stack. Each is a key like any other now.
import { describe, expect, it } from 'vitest';
import { converted, REACH, refused } from './helpers.js';

describe('keys named like Object.prototype are data', () => {
  it.each<{ name: string; compose: string; yaml: string; warnings: string[] }>([
    {
      name: 'in a service: dropped as unknown keys',
      compose: 'services:\n  web:\n    image: x\n    valueOf: 1\n    constructor: x\n    toString: x\n    hasOwnProperty: x\n    __proto__: { image: y }\n',
      yaml: 'services:\n  web:\n    image: x\n',
      warnings: [
        '4:5: service "web": valueOf is dropped: not supported by hitch',
        '5:5: service "web": constructor is dropped: not supported by hitch',
        '6:5: service "web": toString is dropped: not supported by hitch',
        '7:5: service "web": hasOwnProperty is dropped: not supported by hitch',
        '8:5: service "web": __proto__ is dropped: not supported by hitch',
      ],
    },
    {
      name: 'at the top level and inside a field',
      compose: 'constructor: 1\nservices:\n  web:\n    build: { context: ., toString: x }\n    healthcheck: { test: "true", valueOf: 1 }\n',
      yaml: 'services:\n  web:\n    build:\n      context: .\n    healthcheck:\n      test: "true"\n',
      warnings: [
        '1:1: constructor is dropped: not supported by hitch',
        '4:26: service "web": build.toString is dropped: hitch builds with context, dockerfile and args only',
        '5:34: service "web": healthcheck.valueOf is dropped: not supported by hitch',
      ],
    },
    {
      name: 'as service names hitch accepts',
      compose: 'services:\n  constructor: { image: x }\n  valueOf: { image: y, links: [constructor] }\n',
      yaml: 'services:\n  constructor:\n    image: x\n  valueOf:\n    image: "y"\n    links: ["constructor"]\n',
      warnings: [REACH],
    },
  ])('$name', ({ compose, yaml, warnings }) => {
    expect(converted(compose)).toEqual({ yaml, warnings });
  });

  it('as a service name hitch refuses: the problem, where it is', () => {
    expect(refused('services:\n  __proto__: { image: x }\n')).toEqual({
      problems: ["docker-compose.yml:2:3: service name \"__proto__\" is not valid; use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters"],
      warnings: [],
    });
  });
});

describe('anchors and merge keys', () => {
  it('a merge key that names its own anchor is a cycle, not a stack overflow', () => {
    expect(refused('x-base: &base {image: nginx, <<: *base}\nservices:\n  web: *base\n')).toEqual({
      problems: ['docker-compose.yml:1:34: YAML: alias *base is inside the node it names, so it would never end; refer to another anchor'],
      warnings: [],
    });
  });

  it('a "billion laughs" document is refused before it expands', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)];
    expect(refused(`${laughs.join('\n')}\nservices:\n  web: { image: x, command: *h }\n`).problems).toEqual([
      'docker-compose.yml:2:8: YAML: aliases expand to too many nodes (a "billion laughs" document?); refusing to expand them',
    ]);
  });
});
