// The `.env` beside the manifest: defaults for `${VAR}` in the manifest, read by compose v2's rules
// (compose-go's dotenv): an unquoted or double-quoted value is itself interpolated, from the process
// environment first, then from the keys above it in the file; a single-quoted value is literal. The
// process environment still wins over every key (interpolate.ts's lookupIn). Problems are reported at
// their line of `.env` and, like env_file's, a bad line is an error: compose refuses such a file too,
// and a silently dropped line is a variable silently unset.
import { parseEnvFile, templateProblem } from './dotenv.js';
import { lookupIn } from './interpolate.js';
import type { Report } from './problems.js';
import { interpolate } from './template.js';
import { setOwn } from './tree.js';

export interface DotenvFile {
  file: string; // absolute path, for positions
  text: string;
}

export function dotenvDefaults(dotenv: DotenvFile, env: Record<string, string | undefined>, report: Report): Record<string, string> {
  const { file, text } = dotenv;
  const parsed = parseEnvFile(text);
  for (const e of parsed.errors) report.error({ file, line: e.line, col: e.col }, e.message);
  const out: Record<string, string> = {};
  const lookup = lookupIn(env, out); // sees each key once its line is read
  for (const e of parsed.entries) {
    if (e.value === undefined) continue; // a bare KEY is the process env's, which wins anyway
    const at = { file, line: e.line, col: e.col };
    const value = e.template === undefined ? e.value : interpolate(e.template, lookup, (m) => report.warn(at, m));
    if (typeof value === 'string') setOwn(out, e.key, value);
    else report.error(at, templateProblem(value.error));
  }
  return out;
}
