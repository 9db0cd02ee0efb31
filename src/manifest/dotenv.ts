// `.env` and `env_file:` files, read the way compose v2 reads them (compose-go's dotenv parser): a
// stream of KEY=VALUE statements, `#` comments, an optional `export `. A quoted value may span lines and
// ends at its first unescaped closing quote; what follows that quote on its line is the next statement
// (so `A="1" B="2"` sets both, as in a shell), an unquoted value runs to the end of its line, less an
// inline comment starting " #". What the values mean is up to each reader (dotenv-defaults.ts for
// `.env`, environment.ts for env_file).
import { unescapeDoubleQuoted } from './dotenv-escapes.js';

export interface EnvEntry {
  line: number; // 1-based, where the value starts (the key's, for a bare KEY)
  col: number; // 1-based, likewise: a quoted value starts at its opening quote
  key: string;
  value?: string; // undefined: a bare KEY (its value comes from the environment)
  /**
   * The value in `${VAR}` syntax, for the readers to interpolate (`.env` and env_file both do): a double-quoted `\$`
   * is `$$` here and `$` in value. Undefined for a single-quoted value, which compose never interpolates.
   */
  template?: string;
}

/** Why a value cannot be interpolated, with the way out that only these files have. */
export function templateProblem(error: string): string {
  return error.startsWith('invalid') ? `${error}; in an env file, a single-quoted value is taken as written` : error;
}

export interface EnvFileProblem {
  line: number;
  col: number;
  message: string;
}

export interface EnvFileResult {
  entries: EnvEntry[];
  errors: EnvFileProblem[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const EXPORT = /^export[ \t]+(?=\S)/;
const BLANKS = /^[ \t\v\f\r\u0085\u00a0]*/; // compose-go's isSpace: the blanks that do not end a line
const QUOTE_NAMES: Record<string, string> = { '"': 'double quote (")', "'": "single quote (')" };

/** The closing quote a statement follows on the same line, for a clearer message when it is not KEY=VALUE. */
interface Closed {
  key: string;
  quote: string;
}

class Scan {
  readonly result: EnvFileResult = { entries: [], errors: [] };
  private readonly lineStarts = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  pos(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  error(offset: number, message: string): void {
    this.result.errors.push({ ...this.pos(offset), message });
  }

  lineEnd(offset: number): number {
    const end = this.text.indexOf('\n', offset);
    return end < 0 ? this.text.length : end;
  }
}

export function parseEnvFile(text: string): EnvFileResult {
  const scan = new Scan(text);
  let at = 0;
  let closed: Closed | undefined;
  for (let start = nextStatement(text, at); start < text.length; start = nextStatement(text, at)) {
    const sameLine = closed !== undefined && !text.slice(at, start).includes('\n');
    ({ end: at, closed } = statement(scan, start, sameLine ? closed : undefined));
  }
  return scan.result;
}

/** Where the next statement starts: past blank lines, spaces and `#` comments. */
function nextStatement(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] !== '#') return i;
    const eol = text.indexOf('\n', i);
    if (eol < 0) return text.length;
    i = eol;
  }
}

/** One KEY=VALUE or bare KEY at `start`; returns where the next one may start. */
function statement(scan: Scan, start: number, follows: Closed | undefined): { end: number; closed?: Closed } {
  const { text } = scan;
  const lineEnd = scan.lineEnd(start);
  const keyAt = start + (EXPORT.exec(text.slice(start, lineEnd))?.[0].length ?? 0);
  const eqInLine = text.slice(keyAt, lineEnd).indexOf('=');
  const bare = eqInLine < 0;
  const eq = keyAt + eqInLine;
  const key = text.slice(keyAt, bare ? lineEnd : eq).trimEnd();
  const keyProblem = KEY.test(key) ? undefined : notAKey(key, follows);
  if (keyProblem) scan.error(keyAt, keyProblem);
  if (bare) {
    if (!keyProblem) scan.result.entries.push({ ...scan.pos(keyAt), key });
    return { end: lineEnd };
  }
  const valueAt = eq + 1 + BLANKS.exec(text.slice(eq + 1, lineEnd))![0].length;
  const value = text[valueAt] === '"' || text[valueAt] === "'" ? quoted(scan, valueAt, key) : unquoted(scan, valueAt);
  if (value.entry && !keyProblem) scan.result.entries.push({ ...scan.pos(valueAt), key, ...value.entry });
  return { end: value.end, closed: value.closed ? { key, quote: text[valueAt]! } : undefined };
}

interface Value {
  entry?: { value: string; template?: string };
  end: number;
  closed?: boolean;
}

/** To the end of the line, less an inline comment: compose's is " #", so `a#b` keeps its `#`. */
function unquoted(scan: Scan, at: number): Value {
  const end = scan.lineEnd(at);
  const written = scan.text.slice(at, end);
  const comment = written.indexOf(' #');
  const value = (comment < 0 ? written : written.slice(0, comment)).trimEnd();
  return { entry: { value, template: value }, end };
}

/**
 * To the first closing quote not escaped by a backslash, across lines. A backslash escapes the quote in
 * both kinds; every other backslash is kept, and only double quotes then read escapes (dotenv-escapes.ts).
 */
function quoted(scan: Scan, open: number, key: string): Value {
  const { text } = scan;
  const quote = text[open]!;
  let written = '';
  let escaped = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (escaped) written += c === quote ? c : `\\${c}`;
    else if (c === quote) return { entry: quote === "'" ? { value: written } : unescapeDoubleQuoted(written), end: i + 1, closed: true };
    else if (c !== '\\') written += c;
    escaped = !escaped && c === '\\';
  }
  const name = QUOTE_NAMES[quote]!;
  scan.error(open, `the value of ${key} opens a ${name} here and the file ends before it closes; end the value with ${quote}, writing \\${quote} for a ${quote} inside it`);
  return { end: text.length };
}

function notAKey(key: string, follows: Closed | undefined): string {
  const what = `${JSON.stringify(key)} is not a variable name`;
  if (!follows) return `${what}; use KEY=VALUE lines`;
  const q = follows.quote;
  return `${what}; it follows the ${QUOTE_NAMES[q]} that closes the value of ${follows.key}: to put a ${q} inside the value, write \\${q}`;
}
