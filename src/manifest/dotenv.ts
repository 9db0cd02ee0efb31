// `.env` and `env_file:` files: KEY=VALUE lines, `#` comments, optional `export `, quoted values.
// Follows compose's dotenv where it matters: double quotes unescape \n \t \" \\, single quotes are
// literal, an unquoted value ends at " #".
import { setOwn } from './tree.js';

export interface EnvLine {
  line: number; // 1-based
  key: string;
  value?: string; // undefined: a bare KEY (its value comes from the environment)
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
    result.entries.push(eq < 0 ? { line: i + 1, key } : { line: i + 1, key, value: unquote(line.slice(eq + 1).trim()) });
  });
  return result;
}

function unquote(v: string): string {
  const q = v[0];
  if ((q === '"' || q === "'") && v.length > 1) {
    const end = v.lastIndexOf(q);
    if (end > 0) {
      const inner = v.slice(1, end);
      return q === "'" ? inner : inner.replace(/\\([nt"\\])/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
    }
  }
  const comment = v.search(/\s#/);
  return (comment < 0 ? v : v.slice(0, comment)).trim();
}

/** The `.env` beside the manifest as defaults for interpolation (bare keys mean nothing there). */
export function dotenvDefaults(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of parseEnvFile(text).entries) if (e.value !== undefined) setOwn(out, e.key, e.value);
  return out;
}
