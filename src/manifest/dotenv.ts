// `.env` and `env_file:` files: KEY=VALUE lines, `#` comments, optional `export `, quoted values.
// Follows compose's dotenv where it matters: double quotes unescape \n \t \" \\, single quotes are
// literal, an unquoted value ends at " #". What a file's values mean is up to its reader
// (dotenv-defaults.ts for `.env`, environment.ts for env_file).

export interface EnvLine {
  line: number; // 1-based
  col: number; // 1-based, where the value starts (or the line, for a bare KEY)
  key: string;
  value?: string; // undefined: a bare KEY (its value comes from the environment)
  literal: boolean; // single-quoted: compose never interpolates it
}

export interface EnvFileResult {
  entries: EnvLine[];
  errors: { line: number; message: string }[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parseEnvFile(text: string): EnvFileResult {
  const result: EnvFileResult = { entries: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = (eq < 0 ? line : line.slice(0, eq)).trim();
    if (!KEY.test(key)) {
      result.errors.push({ line: i + 1, message: `${JSON.stringify(key)} is not a variable name; use KEY=VALUE lines` });
      return;
    }
    if (eq < 0) return void result.entries.push({ line: i + 1, col: raw.search(/\S/) + 1, key, literal: false });
    // the first "=" of the raw line is this one: what precedes it (spaces, "export", a key) holds none
    const afterEq = raw.indexOf('=') + 1;
    const valueAt = afterEq + (raw.slice(afterEq).length - raw.slice(afterEq).trimStart().length);
    const written = line.slice(eq + 1).trim();
    result.entries.push({ line: i + 1, col: valueAt + 1, key, value: unquote(written), literal: isQuoted(written, "'") });
  });
  return result;
}

function isQuoted(v: string, q: string): boolean {
  return v[0] === q && v.length > 1 && v.lastIndexOf(q) > 0;
}

function unquote(v: string): string {
  const q = v[0]!;
  if ((q === '"' || q === "'") && isQuoted(v, q)) {
    const inner = v.slice(1, v.lastIndexOf(q));
    return q === "'" ? inner : inner.replace(/\\([nt"\\])/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
  }
  const comment = v.search(/\s#/);
  return (comment < 0 ? v : v.slice(0, comment)).trim();
}
