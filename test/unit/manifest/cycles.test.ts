import { describe, expect, test } from 'vitest';
import { problems } from './helpers.js';

/** A manifest from "service: link, link" lines, in the order given. */
function graph(...lines: string[]): string {
  const services = lines.map((l) => {
    const colon = l.indexOf(':');
    const [name, links] = [l.slice(0, colon), l.slice(colon + 1)];
    const list = links.trim() === "" ? "" : `\n    links: [${links.trim()}]`;
    return `  ${name}:\n    image: x${list}`;
  });
  return `services:\n${services.join('\n')}\n`;
}

describe('link cycles', () => {
  test.each<[string, string[], string[]]>([
    ['web -> api -> web', ['web: api', 'api: web'], ['7:13: link cycle: api -> web -> api; links must not form a cycle, since a child starts before the services that link to it']],
    ['the same cycle, declared in the other order', ['api: web', 'web: api'], ['4:13: link cycle: api -> web -> api; links must not form a cycle, since a child starts before the services that link to it']],
    ['a 3-cycle', ['web: api', 'api: db', 'db: web'], ['7:13: link cycle: api -> db -> web -> api; links must not form a cycle, since a child starts before the services that link to it']],
    ['a 3-cycle the other way round', ['web: db', 'db: api', 'api: web'], ['10:13: link cycle: api -> web -> db -> api; links must not form a cycle, since a child starts before the services that link to it']],
    ['two separate cycles, each once', ['a: b', 'b: a', 'c: d', 'd: c'], [
      '4:13: link cycle: a -> b -> a; links must not form a cycle, since a child starts before the services that link to it',
      '10:13: link cycle: c -> d -> c; links must not form a cycle, since a child starts before the services that link to it',
    ]],
    ['one component with two cycles: the shortest through the smallest name', ['a: b', 'b: c, a', 'c: a'], ['4:13: link cycle: a -> b -> a; links must not form a cycle, since a child starts before the services that link to it']],
    ['aliases do not matter', ['web: "api:x"', 'api: "web:y"'], ['7:13: link cycle: api -> web -> api; links must not form a cycle, since a child starts before the services that link to it']],
    ['a diamond is not a cycle', ['web: api, db', 'api: db', 'db: '], []],
    ['a chain is not a cycle', ['a: b', 'b: c', 'c: '], []],
  ])('%s', (_, lines, want) => {
    expect(problems(graph(...lines))).toEqual(want);
  });

  test('identical on every run', () => {
    const yaml = graph('z: y', 'y: x', 'x: z, w', 'w: x');
    const runs = Array.from({ length: 5 }, () => problems(yaml));
    expect(runs).toEqual(Array(5).fill(['13:13: link cycle: w -> x -> w; links must not form a cycle, since a child starts before the services that link to it']));
  });
});
