// Editors learn hitch.yaml from links.schema.json: every field must explain itself and show an
// example, and every example manifest must point the editor at the schema.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCHEMA_FILE = join(ROOT, 'links.schema.json');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;

type Node = Record<string, unknown>;

/** Every field the schema defines, by its path, with its definition. */
function fields(node: Node, path: string, out: Array<[string, Node]> = []): Array<[string, Node]> {
  for (const [name, def] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
    out.push([`${path}${name}`, def]);
    fields(def, `${path}${name}.`, out);
    for (const branch of (def.oneOf ?? def.anyOf ?? []) as Node[]) fields(branch, `${path}${name}.`, out);
    if (def.items) fields(def.items as Node, `${path}${name}[].`, out);
    if (def.items) for (const branch of ((def.items as Node).oneOf ?? []) as Node[]) fields(branch, `${path}${name}[].`, out);
  }
  return out;
}

const all = [...fields(schema, ''), ...fields((schema.$defs as Record<string, Node>).service!, 'services.*.')];

describe('links.schema.json', () => {
  it('defines the fields editors complete', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it('gives every field a description and at least one example', () => {
    const lacking = all.filter(([, def]) => typeof def.description !== 'string' || !Array.isArray(def.examples) || def.examples.length === 0);
    expect(lacking.map(([path]) => path)).toEqual([]);
  });
});

/** Example manifests: the examples folder, the converted compose files, and the README's manifests. */
function exampleFiles(): string[] {
  const examples = readdirSync(join(ROOT, 'examples')).map((d) => join(ROOT, 'examples', d, 'hitch.yaml'));
  const converted = readdirSync(join(ROOT, 'test/fixtures/compose')).map((d) => join(ROOT, 'test/fixtures/compose', d, 'hitch.yaml'));
  return [...examples, ...converted];
}

function readmeManifests(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((block) => /^services:/m.test(block));
}

const COMMENT = /^# yaml-language-server: \$schema=(\S+)\n/;

describe('example manifests', () => {
  it.each(exampleFiles().map((f) => [f.slice(ROOT.length), f]))('%s starts with the schema comment, pointing at the schema', (_name, file) => {
    const ref = COMMENT.exec(readFileSync(file, 'utf8'))?.[1];
    expect(ref && resolve(dirname(file), ref)).toBe(SCHEMA_FILE);
  });

  it("every manifest in the README starts with the schema comment", () => {
    const blocks = readmeManifests();
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((b) => !COMMENT.test(b))).toEqual([]);
  });
});
