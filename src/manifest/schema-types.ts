// Schema errors about a value's type: "ports must be a list, not an integer", said as a YAML user says
// it (compose-go's words: mapping and list, not object and array), with the schema's example of the
// mapping or list it wants, and what YAML made of `.inf`.
import type { ErrorObject } from 'ajv';
import { manifestSchemaPlace, type SchemaPlace } from './schema-place.js';
import { kindOf, pointer, subject, type Path, type Tree } from './tree.js';
import { retypedByYaml11 } from './yaml11.js';

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

/** `e`, a type error, in a YAML user's words. */
export function typeMessage(e: ErrorObject, path: Path, tree: Tree): string {
  const types = [(e.params as { type: string | string[] }).type].flat();
  const infinite = notFinite(e.data, path, tree, types.includes('string')); // its remedy is to quote it
  return `${subject(path)} must be ${typeList(types)}, not ${infinite ?? article(kindOf(e.data)) + example(types, path)}`;
}

/**
 * "; like [a, b]": an example of each type the place takes, from links.schema.json, where a mapping or a
 * list is among them; a scalar's type needs none.
 */
function example(types: string[], path: Path): string {
  if (!types.includes('object') && !types.includes('array')) return '';
  const examples = path.reduce<SchemaPlace>((place, seg) => place.child(seg), manifestSchemaPlace()).examples();
  const shown = types.flatMap((t) => examples.filter((x) => jsonType(x) === t).slice(0, 1)).map((x) => flow(x, true));
  return shown.length === 0 ? '' : `; like ${shown.join(' or ')}`;
}

function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
}

// A word YAML reads as the same string, in a flow collection too: no `:` or `,`, and none a YAML 1.1
// reader takes for a keyword or a number (`yes`, `.5`, `.inf`)
const PLAIN = /^[A-Za-z_./][A-Za-z0-9_./=-]*$/;

/** `v` as YAML's flow style writes it, on one line: `{test: [CMD, pg_isready]}`; a string alone is quoted. */
function flow(v: unknown, alone = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => flow(x)).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${flow(k)}: ${flow(x)}`).join(', ')}}`;
  if (typeof v !== 'string') return String(v);
  return !alone && PLAIN.test(v) && !retypedByYaml11(v) ? v : JSON.stringify(v);
}

/**
 * ajv's "number" is finite, so YAML's `.inf` or `.nan` is "not a number" to it: a contradiction to the
 * reader. Say what YAML made of the text, and how to keep the text.
 */
function notFinite(data: unknown, path: Path, tree: Tree, textAllowed: boolean): string | undefined {
  if (typeof data !== 'number' || Number.isFinite(data)) return undefined;
  const written = tree.numberSources.get(pointer(path)) ?? (Number.isNaN(data) ? '.nan' : data > 0 ? '.inf' : '-.inf');
  const meaning = Number.isNaN(data) ? 'not-a-number (NaN)' : `${data > 0 ? '' : 'minus '}infinity`;
  const remedy = textAllowed ? `quote it ("${written}") to keep it as text` : 'write a finite number';
  return `${written}, which YAML reads as ${meaning}; ${remedy}`;
}

function typeList(types: string[]): string {
  const names = types.map((t) => TYPE_NAMES[t] ?? t);
  return names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function article(kind: string): string {
  return kind === 'null' ? 'empty' : kind === 'integer' ? 'an integer' : `a ${kind}`;
}
