// The scalars of plain-yaml.ts's subset, read as yaml reads them (YAML 1.2, core schema): plain ones
// that are strings, nulls, booleans or small decimal integers, and quoted ones on one line without
// escapes. Other numbers (1.5, 0x1F, 1e3, .inf, and integers of 16 digits or more, which may not be
// exact as numbers: yaml-walk.ts keeps how they were written), escapes and indicators leave the subset.

/** Thrown where the text leaves the subset; plainTree then returns undefined. */
export class Outside extends Error {}

// YAML 1.2 core schema (yaml/dist/schema/core): what a plain scalar means when it is not a string.
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const SAFE_INT = /^[0-9]{1,15}$/;
const NOT_A_STRING_START = /[~nNtTfF0-9+.-]/; // the first characters of every pattern here
const OTHER_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;
// Characters that cannot start a plain scalar (`-` can, before a non-space: `-f`).
const INDICATORS = new Set('?:,[]{}#&*!|>\'"%@`');

/** What a plain scalar means; `inFlow`: inside `[...]`, where `:`, `#`, brackets and quotes are left to yaml. */
export function plain(raw: string, inFlow: boolean): string | number | boolean | null {
  const first = raw[0];
  if (first === undefined) throw new Outside(); // an empty item: `- ` or `[a,]`
  if (INDICATORS.has(first) || (first === '-' && (raw.length === 1 || raw[1] === ' '))) throw new Outside();
  if (raw.includes(': ') || raw.endsWith(':') || (inFlow && /[:#{}[\]"']/.test(raw))) throw new Outside();
  if (NOT_A_STRING_START.test(first)) {
    if (NULL.test(raw)) return null;
    if (BOOL.test(raw)) return first === 't' || first === 'T';
    if (SAFE_INT.test(raw)) return Number(raw);
    if (OTHER_NUMBER.test(raw)) throw new Outside();
  }
  return raw;
}

/** A quoted scalar on one line, without escapes; returns it and the index after its closing quote. */
export function quoted(line: string, start: number): [string, number] {
  if (line[start] === '"') {
    const end = line.indexOf('"', start + 1);
    if (end < 0 || line.lastIndexOf('\\', end) > start) throw new Outside();
    return [line.slice(start + 1, end), end + 1];
  }
  let out = '';
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] !== "'") out += line[i];
    else if (line[i + 1] === "'") out += line[++i];
    else return [out, i + 1];
  }
  throw new Outside();
}

/** Without trailing spaces, YAML's white space here (a no-break space is content). */
export function trimSpaces(s: string): string {
  let end = s.length;
  while (s.charCodeAt(end - 1) === 32) end--;
  return s.slice(0, end);
}
