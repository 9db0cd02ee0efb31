// Schema errors about a value's type: "ports must be a list, not an integer", said as a YAML user says
// it (compose-go's words: mapping and list, not object and array), and what YAML made of `.inf`.
import type { ErrorObject } from 'ajv';
import { kindOf, pointer, subject, type Path, type Tree } from './tree.js';

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
  const types = (e.params as { type: string | string[] }).type;
  const what = notFinite(e.data, path, tree, types.includes('string')) ?? article(kindOf(e.data));
  return `${subject(path)} must be ${typeList(types)}, not ${what}`;
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

function typeList(type: string | string[]): string {
  const names = (Array.isArray(type) ? type : [type]).map((t) => TYPE_NAMES[t] ?? t);
  return names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function article(kind: string): string {
  return kind === 'null' ? 'empty' : kind === 'integer' ? 'an integer' : `a ${kind}`;
}
