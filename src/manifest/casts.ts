// Phase 2b: compose's type casts. compose-go interpolates with a table of typed paths (loader/
// interpolate.go, interpolateTypeCastMapping): after substitution, a string where the format wants a
// boolean or a number becomes one, so `tty: ${TTY:-true}`, `retries: "${R:-3}"` and a quoted
// `tty: "true"` are all valid. hitch's table is its schema: a string is converted where links.schema.json
// takes a boolean, an integer or a number and no string (schema-place.ts). Where it also takes a string
// (`published: "${P}"`, which may be a range; ports and expose entries) the value stays one, as in compose v2.
import type { Report } from './problems.js';
import { manifestSchemaPlace, type JsonType, type SchemaPlace } from './schema-place.js';
import { pointer, subject, valuePos, type Path, type Tree } from './tree.js';

export type Cast = 'boolean' | 'integer' | 'number';

/**
 * Converts in place the strings the schema wants as another type; returns the pointers of those that do
 * not convert, each reported here with the form it needs (validation must not say "not a string" again).
 * `skip`: values whose interpolation failed, still templates.
 */
export function castTree(tree: Tree, report: Report, skip: ReadonlySet<string>): Set<string> {
  const failed = new Set<string>();
  const path: (string | number)[] = [];
  const walk = (value: unknown, place: SchemaPlace): unknown => {
    if (typeof value === 'string') return castString(value, castsAt(place));
    if (typeof value !== 'object' || value === null) return value;
    const node = value as Record<string | number, unknown>;
    for (const k of Array.isArray(value) ? value.keys() : Object.keys(value)) {
      path.push(k);
      node[k] = walk(node[k], place.child(k));
      path.pop();
    }
    return value;
  };
  const castString = (text: string, casts: Cast[]): unknown => {
    if (casts.length === 0) return text;
    const ptr = pointer(path);
    if (skip.has(ptr)) return text;
    for (const c of casts) {
      const value = CASTS[c](text);
      if (value === undefined) continue;
      if (c === 'boolean' && !/^(true|false)$/i.test(text)) report.warn(valuePos(tree, path), notYaml12(path, text, value as boolean));
      if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) tree.numberSources.set(ptr, text);
      return value;
    }
    report.error(valuePos(tree, path), notConvertible(path, text, casts));
    failed.add(ptr);
    return text;
  };
  tree.root = walk(tree.root, manifestSchemaPlace());
  return failed;
}

const placeCasts = new WeakMap<SchemaPlace, Cast[]>();

function castsAt(place: SchemaPlace): Cast[] {
  let casts = placeCasts.get(place);
  if (!casts) placeCasts.set(place, (casts = castsFor(place.types())));
  return casts;
}

/** The conversions a string takes where the schema accepts `types`: none where a string is valid as it is. */
export function castsFor(types: ReadonlySet<JsonType>): Cast[] {
  if (types.has('string')) return [];
  return (['boolean', 'integer', 'number'] as const).filter((c) => types.has(c) && !(c === 'integer' && types.has('number')));
}

// compose-go's toBoolean (YAML 1.1's words, in any case), strconv.Atoi and ParseFloat, in decimal:
// what does not convert is undefined.
const CASTS: Record<Cast, (text: string) => unknown> = {
  boolean: (text) => BOOLEANS.get(text.toLowerCase()),
  integer: (text) => (/^[-+]?[0-9]+$/.test(text) ? finite(text) : undefined),
  number: (text) => (/^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(text) ? finite(text) : undefined),
};

/** The schema's numbers are finite (ajv's too); `|| 0`: "-0" is 0. */
function finite(text: string): number | undefined {
  const n = Number(text);
  return Number.isFinite(n) ? n || 0 : undefined;
}

const BOOLEANS = new Map([
  ['true', true], ['y', true], ['yes', true], ['on', true],
  ['false', false], ['n', false], ['no', false], ['off', false],
]);

const FORMS: Record<Cast, { is: string; use: string }> = {
  boolean: { is: 'true or false', use: 'true or false (yes/no, on/off and y/n are read too, as compose reads them)' },
  integer: { is: 'an integer', use: 'a whole number in digits, like 3' },
  number: { is: 'a number', use: 'a decimal number, like 1.5' },
};

function notConvertible(path: Path, text: string, casts: Cast[]): string {
  return `${subject(path)} ${JSON.stringify(text)} is not ${casts.map((c) => FORMS[c].is).join(' or ')}; use ${casts.map((c) => FORMS[c].use).join(', or ')}`;
}

/** compose v2 warns the same: YAML 1.2 reads `yes` as a string, so only a cast makes it a boolean. */
function notYaml12(path: Path, text: string, value: boolean): string {
  return `${subject(path)} ${JSON.stringify(text)} is read as ${value}, as compose reads it, but YAML 1.2 has no such boolean; write ${value}`;
}
