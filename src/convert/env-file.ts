// compose's `env_file` → hitch's: the long form `{path, required, format}` becomes its path. hitch reads
// every env_file it is given, and refuses one that is not there; compose skips a missing one marked
// `required: false` (compose-go: a file that does not exist is an error only when required), so
// convert leaves such an entry out, as compose runs without it, and says so.
import { dirname, resolve } from 'node:path';
import { readBytes } from '../manifest/disk.js';
import { printable } from '../manifest/problems.js';
import type { Lookup } from '../manifest/template.js';
import type { Path } from '../manifest/tree.js';
import { allDropped, isObj, shown, type Drop, type Value } from './fields.js';
import { DROP } from './place.js';
import { expanded } from './variables.js';

/** Where an env_file (as written, variables unexpanded) was looked for when it is not there; else undefined. */
export type Missing = (path: string) => string | undefined;

/** Looks for env_files as `hitch validate` will beside the compose file `file`: the same variables, the same reader. */
export function missingBeside(file: string, lookup: Lookup, readFile: (absPath: string) => unknown = readBytes): Missing {
  const dir = dirname(resolve(file));
  return (path) => {
    const rel = expanded(path, lookup);
    if (rel === undefined) return undefined; // a required variable is unset: the output's check names it
    const abs = resolve(dir, rel);
    return readFile(abs) === undefined ? abs : undefined;
  };
}

export function envFile(value: Value, drop: Drop, missing: Missing): Value {
  if (!Array.isArray(value)) return envFilePath(value, drop, missing, []);
  const paths = value.map((item, i) => envFilePath(item, drop, missing, [i]));
  return allDropped(paths) ? DROP : paths; // each one dropped was named
}

function envFilePath(item: Value, drop: Drop, missing: Missing, at: Path): Value {
  const path = isObj(item) ? item.path : item;
  if (typeof path !== 'string') {
    drop(`env_file entry ${shown(item)}`, 'it names no file; give a path, or { path: … }', at);
    return DROP;
  }
  if (isObj(item) && item.required === false) {
    const lookedFor = missing(path);
    if (lookedFor !== undefined) {
      const why = `it is not there (looked for ${printable(lookedFor)}), and compose skips a missing env_file with required: false; hitch reads every env_file it names: add it back once the file exists`;
      drop(`env_file ${printable(path)}`, why, at);
      return DROP;
    }
    drop('env_file.required', `hitch needs ${printable(path)} to exist`, [...at, 'required']);
  }
  if (isObj(item) && item.format !== undefined) drop('env_file.format', 'hitch reads KEY=VALUE lines', [...at, 'format']);
  return path;
}
