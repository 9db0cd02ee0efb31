// The escapes of a double-quoted `.env` or env_file value, as compose-go's dotenv reads them: the
// sequences its pattern `\\(?:[abcfnrtv$"\\]|0\d{0,3})` finds, each unquoted as Go unquotes it; any
// other backslash stays as written (`"C:\dir"` is C:\dir).

const ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const SINGLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };

/**
 * The value, and the same in `${VAR}` syntax: compose turns `\$` into `$$` before it interpolates, so
 * the `$` stays a `$` (`"\${HOME}"` is ${HOME}).
 */
export function unescapeDoubleQuoted(written: string): { value: string; template: string } {
  return { value: unescape(written, '$'), template: unescape(written, '$$') };
}

function unescape(written: string, dollar: string): string {
  return written.replace(ESCAPE, (seq) => {
    const c = seq[1]!;
    if (c === '$') return dollar;
    if (c !== '0') return SINGLE[c] ?? seq; // `\c` is in compose's pattern, but no Go escape: kept
    // compose rewrites `\0NNN` as Go's octal `\NNN`: exactly three octal digits up to 377 make one
    // character; anything else keeps the rewritten text (`\0` alone is `\`, `\012` is `\12`)
    const digits = seq.slice(2);
    return /^[0-3][0-7]{2}$/.test(digits) ? String.fromCharCode(parseInt(digits, 8)) : `\\${digits}`;
  });
}
