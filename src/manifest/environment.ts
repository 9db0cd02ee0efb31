// `environment`, `env_file`, `labels` and build `args`: a mapping or a KEY=VALUE list → Record.
import { resolve } from 'node:path';
import { entries, fail, failAtKey, get, usable, type Ctx } from './context.js';
import { pathProblem } from './disk.js';
import { parseEnvFile, templateProblem } from './dotenv.js';
import { printable } from './problems.js';
import { interpolate, type Lookup } from './template.js';
import { decodeUtf8 } from './utf8.js';
import { isMapping, scalarText, setOwn, type Path } from './tree.js';

type Bare = 'lookup' | 'empty'; // what a KEY without a value means: environment's value, or ""

const CONTROL_OR_SPACE = /[\s\x00-\x1f\x7f]/;

/** A list entry `KEY=VALUE` split at its first '=' (compose-go: strings.Cut); `KEY` alone has no value. */
export function keyValue(entry: string): [key: string, value: string | undefined] {
  const eq = entry.indexOf('=');
  return eq < 0 ? [entry, undefined] : [entry.slice(0, eq), entry.slice(eq + 1)];
}

/** Mapping or list of KEY=VALUE; numbers and booleans become strings, as compose does. */
export function keyValues(ctx: Ctx, path: Path, what: string, bare: Bare): Record<string, string> {
  const v = get(ctx, path);
  const out: Record<string, string> = {};
  const put = (key: string, value: string | undefined, p: Path) => {
    const report = typeof p[p.length - 1] === 'number' ? fail : failAtKey;
    if (key === '') return report(ctx, p, `${what} has an empty key; use KEY=VALUE`);
    if (key.includes('=')) return report(ctx, p, `${what} key ${JSON.stringify(key)} must not contain "="; use KEY=VALUE`);
    // A newline in a key would forge a second variable wherever env is written one per line.
    if (CONTROL_OR_SPACE.test(key)) return report(ctx, p, `${what} key ${JSON.stringify(key)} must not contain whitespace or control characters`);
    const resolved = value ?? (bare === 'lookup' ? ctx.lookup(key) : '');
    if (resolved !== undefined) setOwn(out, key, resolved); // compose drops a bare key that is unset
  };
  if (isMapping(v)) {
    for (const [key, value] of Object.entries(v)) {
      // a number as written: 12345678901234567890 stays those digits, as compose keeps them
      if (usable(ctx, [...path, key])) put(key, value === null ? undefined : scalarText(ctx.tree, [...path, key], value), [...path, key]);
    }
  } else if (Array.isArray(v)) {
    for (const e of entries(ctx, path)) put(...keyValue(e.value as string), e.path);
  }
  return out;
}

/** env_file entries first (in order), then `environment`, which wins. */
export function environment(ctx: Ctx, svc: Path): Record<string, string> {
  const own = keyValues(ctx, [...svc, 'environment'], 'environment', 'lookup');
  let files: Record<string, string> = {};
  // spread, not Object.assign: a `__proto__` key must stay a key
  for (const e of entries(ctx, [...svc, 'env_file'])) files = { ...files, ...envFile(ctx, e.value as string, e.path, files, own) };
  return { ...files, ...own };
}

const ownValue = (o: Record<string, string>, name: string) => (Object.hasOwn(o, name) ? o[name] : undefined);

/** One env_file's variables; `before` holds those of the service's env_files above it, `own` its `environment`. */
function envFile(ctx: Ctx, rel: string, path: Path, before: Record<string, string>, own: Record<string, string>): Record<string, string> {
  const file = resolve(ctx.dir, rel);
  const content = ctx.readFile(file);
  if (content === undefined) {
    fail(ctx, path, envFileProblem(ctx, rel, file));
    return {};
  }
  // Strict, as the manifest and .env are: a Latin-1 "é" must not become U+FFFD in the container's env.
  const text = typeof content === 'string' ? content : decodeUtf8(file, content);
  if (typeof text !== 'string') {
    ctx.report.error(text, text.message);
    return {};
  }
  const parsed = parseEnvFile(text);
  for (const e of parsed.errors) ctx.report.error({ file, line: e.line, col: e.col }, e.message);
  const out: Record<string, string> = {};
  // As compose v2 resolves them (compose-go's WithServicesEnvironmentResolved): a variable is looked up
  // in the project's environment (the process's, then .env), then the service's `environment`, then the
  // keys above it in this file, then the env_files above. A bare KEY takes only the first two.
  const outside: Lookup = (name) => ctx.lookup(name) ?? ownValue(own, name);
  const lookup: Lookup = (name) => outside(name) ?? ownValue(out, name) ?? ownValue(before, name);
  for (const e of parsed.entries) {
    const at = { file, line: e.line, col: e.col };
    const value = e.value === undefined ? outside(e.key) : e.template === undefined ? e.value : interpolate(e.template, lookup, (m) => ctx.report.warn(at, m));
    if (typeof value === 'object') ctx.report.error(at, templateProblem(value.error));
    else if (value?.includes('\0')) ctx.report.error(at, `the value of ${e.key} contains a NUL character, which no container setting can hold; remove it`);
    else if (value !== undefined) setOwn(out, e.key, value);
  }
  return out;
}

/** Why the env_file at `file` (written `rel`) gave nothing: not there, or a folder (`env_file: .`), say. */
function envFileProblem(ctx: Ctx, rel: string, file: string): string {
  const what = `env_file ${JSON.stringify(rel)}`;
  const kind = ctx.pathKind(file);
  // a file that gave nothing all the same: gone or unreadable between the two looks
  if (kind === 'file') return `${what} cannot be read (looked for ${printable(file)})`;
  return pathProblem(what, file, kind, 'file', { missing: "create it, or give its path relative to the manifest's folder", otherKind: 'name the file of KEY=VALUE lines in it' })!;
}

/** Labels; `io.hitch.*` is hitch's own bookkeeping (project, role, config hash), so users can't set it. */
export function labels(ctx: Ctx, svc: Path): Record<string, string> {
  const out = keyValues(ctx, [...svc, 'labels'], 'labels', 'empty');
  for (const key of Object.keys(out)) {
    if (!key.startsWith('io.hitch.')) continue;
    const p = labelPath(ctx, [...svc, 'labels'], key);
    (typeof p[p.length - 1] === 'number' ? fail : failAtKey)(ctx, p, `label ${JSON.stringify(key)} is reserved: keys starting with "io.hitch." are hitch's own; choose another prefix`);
    delete out[key];
  }
  return out;
}

function labelPath(ctx: Ctx, path: Path, key: string): Path {
  const v = get(ctx, path);
  if (!Array.isArray(v)) return [...path, key];
  const i = v.findIndex((s) => typeof s === 'string' && (s === key || s.startsWith(key + '=')));
  return i < 0 ? path : [...path, i];
}
