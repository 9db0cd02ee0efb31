// Schema errors about a mapping's keys, not its values: a key the format does not have (with a
// did-you-mean, Dockerfile's spellings, or what hitch does instead of compose's key) and a key whose
// name is not allowed (a service name with a space, a look-alike letter).
import type { ErrorObject } from 'ajv';
import { composeAdvice } from './compose-keys.js';
import type { Described } from './schema-errors.js';
import { didYouMean } from './suggest.js';
import { keyPos, subject, type Path, type Tree } from './tree.js';

// A service's keys as docker names them elsewhere (Dockerfile's ENV, CMD and WORKDIR), too far from
// hitch's (compose's) spelling for a did-you-mean by distance.
const DOCKER_SPELLINGS = new Map([['env', 'environment'], ['cmd', 'command'], ['workdir', 'working_dir']]);

export function unknownKey(key: string, path: Path, e: ErrorObject, tree: Tree): Described {
  const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
  const where = path.length === 0 ? 'at the top level' : `in ${subject(path)}`;
  const at = keyPos(tree, [...path, key]);
  const advice = composeAdvice(tree, path, key);
  if (advice !== undefined) return { at, message: `unknown key ${JSON.stringify(key)} ${where}${advice}`, composeKey: true };
  const spelling = path.length === 2 && path[0] === 'services' ? DOCKER_SPELLINGS.get(key.toLowerCase()) : undefined;
  const guess = spelling === undefined ? didYouMean(key, allowed) : `; did you mean ${JSON.stringify(spelling)}?`;
  const hint = guess || (key.startsWith('x-') ? '' : `; allowed: ${allowed.join(', ')}`);
  return { at, message: `unknown key ${JSON.stringify(key)} ${where}${hint}` };
}

/** ajv reports a bad key name under `propertyNames`, with the key's own pattern error next to it. */
export function propertyName(name: string, path: Path, tree: Tree): Described {
  const what = path.length === 1 && path[0] === 'services' ? 'service name' : `key in ${subject(path)}`;
  return {
    at: keyPos(tree, [...path, name]),
    message: `${what} ${JSON.stringify(name)} is not valid; use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters${nonAscii(name)}`,
  };
}

/** A look-alike (Cyrillic "е" in "wеb") reads as valid: name the character that is not ASCII. */
function nonAscii(name: string): string {
  const c = /[^\x00-\x7f]/u.exec(name)?.[0];
  return c === undefined ? '' : ` ("${c}" is U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, not an ASCII character)`;
}
