// Which JSON types links.schema.json accepts at a place of the data, read from the schema itself, so
// the type casts of casts.ts follow the one definition of the format rather than a list beside it.
// A place holds every subschema a value there must satisfy: a schema's own keywords, its $ref and
// its allOf all hold; of a oneOf/anyOf one branch is enough, counting only the branches that take a
// value of the kind the data goes through (a list for an index, a mapping for a key).
import { schema } from './schema.js';

export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';
type Schema = Record<string, unknown>;
type Types = ReadonlySet<JsonType>;

const ALL: Types = new Set<JsonType>(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);
const NOTHING: Schema = { type: [] }; // what `false` allows

export class SchemaPlace {
  private readonly children = new Map<string, SchemaPlace>();
  private cachedTypes: Types | undefined;
  /** Every property name and pattern of the place, its branches' too: what tells keys apart below it. */
  private readonly names: Set<string>;
  private readonly patterns: RegExp[];

  constructor(
    private readonly root: Schema,
    private readonly all: Schema[],
    private readonly choices: SchemaPlace[][],
  ) {
    const inner = choices.flat();
    this.names = new Set([...all.flatMap((s) => Object.keys(s.properties ?? {})), ...inner.flatMap((p) => [...p.names])]);
    const sources = all.flatMap((s) => Object.keys(s.patternProperties ?? {}));
    this.patterns = [...sources.map((p) => new RegExp(p, 'u')), ...inner.flatMap((p) => p.patterns)]; // ajv reads patterns as unicode
  }

  /** The types a value here may have; every type where the schema leaves it open. */
  types(): Types {
    this.cachedTypes ??= [...this.all.map(ownTypes), ...this.choices.map((c) => union(c.map((p) => p.types())))].reduce(intersect, ALL);
    return this.cachedTypes;
  }

  /** The schema's examples of a value here: the place's own first, then its branches'. */
  examples(): unknown[] {
    return [...this.all.flatMap((s) => (Array.isArray(s.examples) ? s.examples : [])), ...this.choices.flat().flatMap((p) => p.examples())];
  }

  /** The place of a list's entry (a number) or a mapping's value (a key). Keys the schema cannot tell apart share one. */
  child(seg: string | number): SchemaPlace {
    const key = typeof seg === 'number' ? '[]' : this.names.has(seg) ? `.${seg}` : `*${this.patterns.map((p) => Number(p.test(seg))).join('')}`;
    let place = this.children.get(key);
    if (!place) this.children.set(key, (place = this.build(seg)));
    return place;
  }

  private build(seg: string | number): SchemaPlace {
    const kind: JsonType = typeof seg === 'number' ? 'array' : 'object';
    const own = placeOf(this.root, this.all.flatMap((s) => childSchemas(s, seg)));
    const branches = this.choices.map((c) => c.filter((p) => p.types().has(kind)).map((p) => p.child(seg)));
    return new SchemaPlace(this.root, own.all, [...own.choices, ...branches]);
  }
}

/** The place of the whole document. */
export function documentPlace(root: Schema): SchemaPlace {
  return placeOf(root, [root]);
}

let manifest: SchemaPlace | undefined;

/** The place of a manifest in links.schema.json, built once: casts and messages read it. */
export function manifestSchemaPlace(): SchemaPlace {
  manifest ??= documentPlace(schema());
  return manifest;
}

/** The place where every one of `schemas` holds: each with its $ref and allOf; its oneOf/anyOf as choices. */
function placeOf(root: Schema, schemas: unknown[]): SchemaPlace {
  const all: Schema[] = [];
  const choices: SchemaPlace[][] = [];
  const add = (s: unknown): void => {
    if (s === undefined || s === true) return;
    if (s === false) return void all.push(NOTHING);
    const o = s as Schema;
    all.push(o);
    if (typeof o.$ref === 'string') add(resolve(root, o.$ref));
    for (const sub of (o.allOf ?? []) as unknown[]) add(sub);
    for (const key of ['oneOf', 'anyOf']) if (Array.isArray(o[key])) choices.push((o[key] as unknown[]).map((b) => placeOf(root, [b])));
  };
  schemas.forEach(add);
  return new SchemaPlace(root, all, choices);
}

/** What `s`'s own keywords say of the value at `seg` (items, properties, patternProperties, additionalProperties). */
function childSchemas(s: Schema, seg: string | number): unknown[] {
  if (typeof seg === 'number') return [s.items];
  const properties = (s.properties ?? {}) as Schema;
  if (Object.hasOwn(properties, seg)) return [properties[seg]];
  const matching = Object.entries((s.patternProperties ?? {}) as Schema).filter(([p]) => new RegExp(p, 'u').test(seg));
  return matching.length > 0 ? matching.map(([, sub]) => sub) : [s.additionalProperties];
}

function ownTypes(s: Schema): Types {
  if (s.type !== undefined) {
    const types = new Set([s.type].flat() as JsonType[]);
    if (types.has('number')) types.add('integer'); // JSON Schema: an integer is a number
    return types;
  }
  if (Array.isArray(s.enum)) return new Set(s.enum.map(typeOf));
  return 'const' in s ? new Set([typeOf(s.const)]) : ALL;
}

function typeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

/** A reference inside the document (`#/$defs/name`), the only kind links.schema.json makes. */
function resolve(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#')) throw new Error(`links.schema.json: only local references are supported, not ${ref}`);
  let node: unknown = root;
  for (const seg of ref.slice(1).split('/').filter(Boolean)) node = (node as Schema | undefined)?.[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

function intersect(a: Types, b: Types): Types {
  return a === ALL ? b : b === ALL ? a : new Set([...a].filter((t) => b.has(t)));
}

function union(sets: Types[]): Types {
  return new Set(sets.flatMap((s) => [...s]));
}
