// compose's `${VAR}`s stay in hitch's output as they are: hitch interpolates them itself, with compose's
// rules (manifest/template.ts). So convert reads values that may hold them: a split at ':' must not cut
// `${DATA:-./data}` in two, and a link's target is compared with depends_on by what it becomes.
import { interpolate, type Lookup } from '../manifest/template.js';

/**
 * `s` split at every `sep` outside `${…}` (nested defaults too), as compose splits the value it
 * interpolated first. `$$` is a literal `$`, so `$${A:b}` holds no variable and its ':' splits.
 */
export function splitOutsideVariables(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '$' && depth === 0) i++;
    else if (s[i] === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (s[i] === '}' && depth > 0) depth--;
    else if (s[i] === sep && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** True when `s` holds a variable, whose value only hitch will know: `$$` alone is a literal `$`. */
export function hasVariable(s: string): boolean {
  return s.replace(/\$\$/g, '').includes('$');
}

/** What `s` becomes once interpolated, or undefined when it cannot be (a required variable unset). */
export function expanded(s: string, lookup: Lookup): string | undefined {
  const result = interpolate(s, lookup, () => undefined); // an unset variable is reported by the output's check
  return typeof result === 'string' ? result : undefined;
}
