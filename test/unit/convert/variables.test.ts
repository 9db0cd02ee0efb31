// Issue: volumes and links holding `${VAR:-default}` were split at ':' before interpolation, so
// `${DATA_DIR:-./data}:/data` lost its target (with a bogus warning) and `:ro` went silently.
import { describe, expect, it } from 'vitest';
import { splitOutsideVariables } from '../../../src/convert/variables.js';
import { converted, REACH } from './helpers.js';

describe('splitOutsideVariables', () => {
  it.each<[string, string[]]>([
    ['a:b:c', ['a', 'b', 'c']],
    ['${DATA_DIR:-./data}:/var/lib/postgresql/data', ['${DATA_DIR:-./data}', '/var/lib/postgresql/data']],
    ['${A:-${B:-x:y}}:/t:ro', ['${A:-${B:-x:y}}', '/t', 'ro']],
    ['${A:?needs a:b}', ['${A:?needs a:b}']],
    ['$${A:b}', ['$${A', 'b}']], // `$$` is a literal "$": no variable, and compose splits there too
    ['a$$:b', ['a$$', 'b']],
    ['${A:b', ['${A:b']], // unclosed: hitch's interpolation names it, nothing to split
    ['', ['']],
  ])('%s', (s, parts) => {
    expect(splitOutsideVariables(s, ':')).toEqual(parts);
  });
});

describe('volumes with variables stay as they are, for hitch to interpolate', () => {
  it.each<[string, string, string, string[]]>([
    [
      "a default holding ':' is not split, and :ro is kept",
      '["${DATA_DIR:-./data}:/var/lib/postgresql/data", "${CONF:-./conf}:/etc/conf:ro"]',
      '["${DATA_DIR:-./data}:/var/lib/postgresql/data", "${CONF:-./conf}:/etc/conf:ro"]',
      [],
    ],
    ['a mode from a variable stays: only hitch knows its value', '["./d:/d:${MODE:-ro}"]', '["./d:/d:${MODE:-ro}"]', []],
    ['a whole mount from a variable stays, though it looks like an anonymous volume', '["${CACHE:-cache:/cache}"]', '["${CACHE:-cache:/cache}"]', []],
    ['a mount option beside a variable is still dropped', '["${D:-./d}:/d:ro,z"]', '["${D:-./d}:/d:ro"]', ['4:15: service "db": mount option z of ${D:-./d}:/d:ro,z is dropped: hitch knows ro and rw']],
  ])('%s', (_name, volumes, yaml, warnings) => {
    const compose = `services:\n  db:\n    image: postgres\n    volumes: ${volumes}\n`;
    expect(converted(compose)).toEqual({ yaml: `services:\n  db:\n    image: postgres\n    volumes: ${yaml}\n`, warnings });
  });
});

describe("links are compared with depends_on by what they become, as hitch reads them", () => {
  const compose = (link: string, dependsOn: string) =>
    `services:\n  db: { image: pg }\n  postgres: { image: pg }\n  web:\n    image: app\n    links: ["${link}"]\n    depends_on: [${dependsOn}]\n`;
  const out = (link: string) => `services:\n  db:\n    image: pg\n  postgres:\n    image: pg\n  web:\n    image: app\n    links: ["${link}"]\n`;

  it.each<[string, string, string, Record<string, string>, string[]]>([
    ['a default names the linked service', '${DB:-db}:database', 'db', {}, []],
    ['the variable names it', '${DB:-db}:database', 'postgres', { DB: 'postgres' }, []],
    ['a whole link from a variable', '${LINK:-db:database}', 'db', {}, []],
    ['depends_on from a variable', 'db', '"${DEP:-db}"', {}, []],
    [
      'a service the variable does not name',
      '${DB:-db}:database',
      'db',
      { DB: 'postgres' },
      ['7:18: service "web": depends_on: db is dropped: hitch starts a service after the services it links to, and only a link lets it reach them: add "db" to links if web connects to it'],
    ],
  ])('%s', (_name, link, dependsOn, env, warnings) => {
    expect(converted(compose(link, dependsOn), { env })).toEqual({ yaml: out(link), warnings: [REACH, ...warnings] });
  });
});
