// compose's variable templates, expanded in one string. Rules follow compose-go's template package:
// ${VAR}, $VAR, ${VAR:-d}, ${VAR-d}, ${VAR:?msg}, ${VAR?msg}, ${VAR:+r}, ${VAR+r}, $$. Separate from
// interpolate.ts, which walks the tree and reports where; this only expands a string or says why not.

export type Lookup = (name: string) => string | undefined;

class TemplateError extends Error {}

// `${A:-${B:-${C}}}` nests; a real default never goes deep, and each level recurses.
const MAX_DEPTH = 16;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const REMEDY = 'use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $';

/** Expands one string; returns the result, or the reason it cannot be expanded. */
export function interpolate(s: string, lookup: Lookup, warn: (m: string) => void): string | { error: string } {
  try {
    return expand(s, lookup, warn, 0);
  } catch (e) {
    if (e instanceof TemplateError) return { error: e.message };
    throw e;
  }
}

function expand(s: string, lookup: Lookup, warn: (m: string) => void, depth: number): string {
  if (depth > MAX_DEPTH) throw new TemplateError(`invalid interpolation: defaults nested more than ${MAX_DEPTH} levels deep`);
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
      if (end < 0) throw new TemplateError(`invalid interpolation in ${JSON.stringify(s)}: "\${" has no closing "}"`);
      out += braced(s.slice(dollar + 2, end), s, lookup, warn, depth);
      i = end + 1;
    } else {
      const name = NAME.exec(s.slice(dollar + 1))?.[0];
      if (!name) throw new TemplateError(`invalid interpolation in ${JSON.stringify(s)}: a lone "$"; ${REMEDY}`);
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

function braced(body: string, whole: string, lookup: Lookup, warn: (m: string) => void, depth: number): string {
  const name = NAME.exec(body)?.[0];
  const op = name ? /^(:?[-?+])/.exec(body.slice(name.length))?.[1] : undefined;
  if (!name || (op === undefined && body !== name)) {
    throw new TemplateError(`invalid interpolation ${JSON.stringify(`${'$'}{${body}}`)} in ${JSON.stringify(whole)}; ${REMEDY}`);
  }
  const arg = body.slice(name.length + (op?.length ?? 0));
  const value = lookup(name);
  const missing = op?.startsWith(':') ? value === undefined || value === '' : value === undefined;
  switch (op) {
    case undefined:
      return valueOf(name, lookup, warn);
    case ':-':
    case '-':
      return missing ? expand(arg, lookup, warn, depth + 1) : (value as string);
    case ':+':
    case '+':
      return missing ? '' : expand(arg, lookup, warn, depth + 1);
    default: // ':?' and '?'
      if (!missing) return value as string;
      throw new TemplateError(`required variable "${name}" is missing a value${arg ? `: ${oneLine(expand(arg, lookup, warn, depth + 1))}` : ''}`);
  }
}

/** A problem is one line of output: the user's own message may not break it. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

function valueOf(name: string, lookup: Lookup, warn: (m: string) => void): string {
  const value = lookup(name);
  if (value !== undefined) return value;
  warn(`The "${name}" variable is not set. Defaulting to a blank string.`); // compose's wording
  return '';
}
