// Phase 2: compose's variable interpolation, applied to every string value (never to keys) before
// validation, so `${PORT:-80}` is validated as what it becomes. Rules follow compose-go's template
// package: ${VAR}, $VAR, ${VAR:-d}, ${VAR-d}, ${VAR:?msg}, ${VAR?msg}, ${VAR:+r}, ${VAR+r}, $$.
import type { Report } from './problems.js';
import { pointer, valuePos, type Path, type Tree } from './tree.js';

export type Lookup = (name: string) => string | undefined;

/** The process env wins over the .env file, as in compose. */
export function lookupIn(env: Record<string, string | undefined>, dotenv: Record<string, string>): Lookup {
  return (name) => env[name] ?? (Object.hasOwn(dotenv, name) ? dotenv[name] : undefined);
}

/** Interpolates in place; returns the pointers of values that could not be expanded. */
export function interpolateTree(tree: Tree, lookup: Lookup, report: Report): Set<string> {
  const failed = new Set<string>();
  const walk = (value: unknown, path: Path): unknown => {
    if (typeof value === 'string') {
      const pos = valuePos(tree, path);
      const result = interpolate(value, lookup, (m) => report.warn(pos, m));
      if (typeof result === 'string') return result;
      report.error(pos, result.error);
      failed.add(pointer(path));
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i]));
    if (typeof value === 'object' && value !== null) {
      const obj = value as Record<string, unknown>;
      for (const k of Object.keys(obj)) obj[k] = walk(obj[k], [...path, k]);
    }
    return value;
  };
  tree.root = walk(tree.root, []);
  return failed;
}

class TemplateError extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const REMEDY = 'use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $';

/** Expands one string; returns the result, or the reason it cannot be expanded. */
export function interpolate(s: string, lookup: Lookup, warn: (m: string) => void): string | { error: string } {
  try {
    return expand(s, lookup, warn);
  } catch (e) {
    if (e instanceof TemplateError) return { error: e.message };
    throw e;
  }
}

function expand(s: string, lookup: Lookup, warn: (m: string) => void): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const dollar = s.indexOf('$', i);
    if (dollar < 0) return out + s.slice(i);
    out += s.slice(i, dollar);
    const next = s[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const end = closingBrace(s, dollar + 2);
      if (end < 0) throw new TemplateError(`invalid interpolation in "${s}": "\${" has no closing "}"`);
      out += braced(s.slice(dollar + 2, end), s, lookup, warn);
      i = end + 1;
    } else {
      const name = NAME.exec(s.slice(dollar + 1))?.[0];
      if (!name) throw new TemplateError(`invalid interpolation in "${s}": a lone "$"; ${REMEDY}`);
      out += valueOf(name, lookup, warn);
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

/** Index of the `}` closing a `${` whose body starts at `from`; nested `${…}` in defaults count. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let j = from; j < s.length; j++) {
    if (s[j] === '$' && s[j + 1] === '{') {
      depth++;
      j++;
    } else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function braced(body: string, whole: string, lookup: Lookup, warn: (m: string) => void): string {
  const name = NAME.exec(body)?.[0];
  const op = name ? /^(:?[-?+])/.exec(body.slice(name.length))?.[1] : undefined;
  if (!name || (op === undefined && body !== name)) {
    throw new TemplateError(`invalid interpolation "\${${body}}" in "${whole}"; ${REMEDY}`);
  }
  const arg = body.slice(name.length + (op?.length ?? 0));
  const value = lookup(name);
  const missing = op?.startsWith(':') ? value === undefined || value === '' : value === undefined;
  switch (op) {
    case undefined:
      return valueOf(name, lookup, warn);
    case ':-':
    case '-':
      return missing ? expand(arg, lookup, warn) : (value as string);
    case ':+':
    case '+':
      return missing ? '' : expand(arg, lookup, warn);
    default: // ':?' and '?'
      if (!missing) return value as string;
      throw new TemplateError(`required variable "${name}" is missing a value${arg ? `: ${expand(arg, lookup, warn)}` : ''}`);
  }
}

function valueOf(name: string, lookup: Lookup, warn: (m: string) => void): string {
  const value = lookup(name);
  if (value !== undefined) return value;
  warn(`The "${name}" variable is not set. Defaulting to a blank string.`); // compose's wording
  return '';
}
