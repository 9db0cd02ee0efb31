// The valid manifests in examples/ and test/fixtures (the seeds), and fast-check structural mutations of them.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml, stringify } from 'yaml';
import { key, mapping, hostileValue as value } from './hostile-data.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The valid manifests the project ships: the mutations start from these. */
export function seedManifests(): { name: string; text: string }[] {
  const files = [
    ...readdirSync(`${ROOT}examples`).map((d) => `examples/${d}/hitch.yaml`),
    ...readdirSync(`${ROOT}test/fixtures/stacks`).map((d) => `test/fixtures/stacks/${d}/hitch.yaml`),
    ...readdirSync(`${ROOT}test/fixtures/manifests`).map((d) => `test/fixtures/manifests/${d}/hitch.yaml`),
  ];
  return files.filter((f) => existsSync(ROOT + f)).map((f) => ({ name: f, text: readFileSync(ROOT + f, 'utf8') }));
}

/** Every path to a node of `data`, the root included. */
function paths(data: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(data)) data.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (typeof data === 'object' && data !== null) for (const [k, v] of Object.entries(data)) out.push(...paths(v, [...at, k]));
  return out;
}

type Op =
  | { op: 'delete' }
  | { op: 'replace'; value: unknown }
  | { op: 'rename'; key: string }
  | { op: 'add'; key: string; value: unknown }
  | { op: 'wrap' }
  | { op: 'duplicate' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ op: 'delete' as const }),
  value.map((v) => ({ op: 'replace' as const, value: v })),
  key.map((k) => ({ op: 'rename' as const, key: k })),
  fc.tuple(key, value).map(([k, v]) => ({ op: 'add' as const, key: k, value: v })),
  fc.constant({ op: 'wrap' as const }),
  fc.constant({ op: 'duplicate' as const }),
);

/** Applies one structural mutation at the `pick`-th node (modulo the node count). */
function mutate(data: unknown, pick: number, m: Op): unknown {
  const all = paths(data);
  const path = all[pick % all.length]!;
  const edit = (node: unknown, rest: (string | number)[]): unknown => {
    if (rest.length === 0) {
      if (m.op === 'replace') return m.value;
      if (m.op === 'wrap') return [node];
      if (m.op === 'add' && typeof node === 'object' && node !== null && !Array.isArray(node)) return mapping([...Object.entries(node), [m.key, m.value]]);
      if (m.op === 'add' && Array.isArray(node)) return [...node, m.value];
      return node;
    }
    const [head, ...tail] = rest;
    if (Array.isArray(node)) {
      const i = head as number;
      if (tail.length === 0 && m.op === 'delete') return node.filter((_, j) => j !== i);
      if (tail.length === 0 && m.op === 'duplicate') return [...node.slice(0, i + 1), ...node.slice(i)];
      return node.map((v, j) => (j === i ? edit(v, tail) : v));
    }
    const entries = Object.entries(node as Record<string, unknown>);
    if (tail.length === 0 && m.op === 'delete') return mapping(entries.filter(([k]) => k !== head));
    if (tail.length === 0 && m.op === 'rename') return mapping(entries.map(([k, v]) => [k === head ? m.key : k, v]));
    return mapping(entries.map(([k, v]) => [k, k === head ? edit(v, tail) : v]));
  };
  return edit(data, path);
}

/** A seed manifest with 1–3 structural mutations, as YAML text. */
export function mutatedSeed(seeds: { text: string }[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(seeds.length - 1), fc.array(fc.tuple(fc.nat(), op), { minLength: 1, maxLength: 3 }))
    .map(([s, ops]) => ops.reduce<unknown>((d, [pick, m]) => mutate(d, pick, m), parseYaml(seeds[s]!.text)))
    .map((d) => stringify(d));
}
