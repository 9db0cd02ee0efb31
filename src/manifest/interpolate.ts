// Phase 2: compose's variable interpolation, applied to every string value (never to keys) before
// validation, so `${PORT:-80}` is validated as what it becomes. Each string is expanded by template.ts.
import type { Report } from './problems.js';
import { interpolate, type Lookup } from './template.js';
import { keyPos, pointer, valuePos, type Tree } from './tree.js';

/** The process env wins over the .env file, as in compose. Own keys only: `${constructor}` is unset. */
export function lookupIn(env: Record<string, string | undefined>, dotenv: Record<string, string>): Lookup {
  const own = (o: Record<string, string | undefined>, name: string) => (Object.hasOwn(o, name) ? o[name] : undefined);
  return (name) => own(env, name) ?? own(dotenv, name);
}

/**
 * Interpolates in place; returns the pointers of values that could not be expanded. Also refuses NUL
 * in keys and values, from the file or from a variable: no container setting can hold one.
 */
export function interpolateTree(tree: Tree, lookup: Lookup, report: Report): Set<string> {
  const failed = new Set<string>();
  const path: (string | number)[] = []; // of the value being walked: one array, not one per value
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      // found only for a problem: a large manifest has thousands of strings and no problem
      const result = interpolate(value, lookup, (m) => report.warn(valuePos(tree, path), m));
      const error = typeof result === 'string' ? nulError('value', result) : result.error;
      if (error === undefined) return result;
      report.error(valuePos(tree, path), error);
      failed.add(pointer(path));
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => within(i, v));
    if (typeof value === 'object' && value !== null) {
      const obj = value as Record<string, unknown>;
      for (const k of Object.keys(obj)) {
        const keyError = nulError('key', k);
        if (keyError !== undefined) {
          report.error(keyPos(tree, [...path, k]), keyError);
          failed.add(pointer([...path, k]));
        }
        obj[k] = within(k, obj[k]);
      }
    }
    return value;
  };
  const within = (segment: string | number, value: unknown): unknown => {
    path.push(segment);
    const result = walk(value);
    path.pop();
    return result;
  };
  tree.root = walk(tree.root);
  return failed;
}

function nulError(what: string, s: string): string | undefined {
  return s.includes('\0') ? `${what} ${JSON.stringify(s)} contains a NUL character, which no container setting can hold; remove it` : undefined;
}
