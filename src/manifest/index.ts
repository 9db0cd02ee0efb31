// The manifest stage: hitch.yaml → frozen Manifest, or a ManifestError carrying every problem.
// read → parse → interpolate (and cast) → validate → semantic checks → normalize (one entry file per phase).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { castTree } from './casts.js';
import type { Ctx } from './context.js';
import { pathKindOnDisk, readBytes, type PathKind } from './disk.js';
import { dotenvDefaults, type DotenvFile } from './dotenv-defaults.js';
import { interpolateTree, lookupIn } from './interpolate.js';
import { manifestPlace, STDIN } from './location.js';
import type { Manifest } from './model.js';
import { normalize } from './normalize.js';
import { parseYaml } from './parse.js';
import { ManifestError, Report, sortProblems, type Problem } from './problems.js';
import type { Tree } from './tree.js';
import { validateTree } from './schema-errors.js';
import type { Lookup } from './template.js';
import { utf8 } from './utf8.js';

export { ManifestError, formatProblem, type Problem } from './problems.js';
export type * from './model.js';
export type { PathKind } from './disk.js';

export interface LoadOptions {
  file: string; // `-` reads the manifest from stdin; its project folder is then the current one
  project?: string;
  env?: Record<string, string | undefined>; // default: process.env
}

export interface Loaded {
  manifest: Manifest;
  warnings: Problem[];
}

export interface ParseOptions {
  file: string; // `-` for stdin (location.ts)
  project?: string;
  env: Record<string, string | undefined>;
  dotenv?: DotenvFile; // the `.env` beside the manifest, if there is one
  /**
   * How env_file files are read; default: their bytes from disk, which must be UTF-8. Return undefined
   * when unreadable; a test may return text.
   */
  readFile?: (absPath: string) => Uint8Array | string | undefined;
  /** What is at a build context or Dockerfile path; default: a look on disk. */
  pathKind?: (absPath: string) => PathKind;
}

/** Reads the manifest and the `.env` in its project folder, then parses. */
export async function loadManifest(opts: LoadOptions): Promise<Loaded> {
  const { file } = manifestPlace(opts.file);
  let bytes: Uint8Array;
  try {
    bytes = file === STDIN ? await readAll(process.stdin) : await readFile(file);
  } catch (e) {
    throw new ManifestError([{ file, line: 1, col: 1, message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }]);
  }
  const text = utf8(file, bytes);
  const dotenv = await dotenvBeside(file);
  return parseManifest(text, { file, project: opts.project, env: opts.env ?? process.env, dotenv });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The `.env` in the project folder of `file`, as compose reads it for interpolation, if there is one. */
export async function dotenvBeside(file: string): Promise<DotenvFile | undefined> {
  const envFile = join(manifestPlace(file).dir, '.env');
  const bytes = await readFile(envFile).catch(() => undefined);
  return bytes === undefined ? undefined : { file: envFile, text: utf8(envFile, bytes) };
}

/**
 * Where a bare variable on the command line (`exec -e KEY`) takes its value, as in compose v2's `exec`:
 * the process environment, then the `.env` of `file`'s project folder (no file: the process environment
 * alone). A `.env` with problems is refused as on load; its warnings are given back.
 */
export async function commandLineLookup(file: string | undefined, env: Record<string, string | undefined>): Promise<{ lookup: Lookup; warnings: Problem[] }> {
  const dotenv = file === undefined ? undefined : await dotenvBeside(file);
  if (!dotenv) return { lookup: lookupIn(env, {}), warnings: [] };
  const report = new Report();
  const values = dotenvDefaults(dotenv, env, report);
  if (report.problems.length > 0) throw new ManifestError(report.problems, report.warnings);
  return { lookup: lookupIn(env, values), warnings: report.warnings };
}

/** Its values, problems in it reported (compose's rules: dotenv-defaults.ts). */
function dotenvOf(opts: ParseOptions, report: Report): Record<string, string> {
  return opts.dotenv ? dotenvDefaults(opts.dotenv, opts.env, report) : {};
}

/** Pure and synchronous apart from reading env_file files and looking at build paths (see ParseOptions). */
export function parseManifest(text: string, opts: ParseOptions): Loaded {
  const report = new Report();
  // before the YAML: a manifest that does not parse still shows what is wrong in its .env
  const dotenv = dotenvOf(opts, report);
  const tree = parseYaml(text, manifestPlace(opts.file).file, report);
  if (!tree) throw new ManifestError(report.problems, report.warnings);
  return manifestFromTree(tree, report, opts, dotenv);
}

/**
 * Phases 2–5 on a tree phase 1 read (with what it reported so far). Problems point where the tree's
 * positions do: `hitch convert` checks its output with positions in the compose file it came from.
 */
export function manifestFromTree(tree: Tree, report: Report, opts: ParseOptions, dotenv = dotenvOf(opts, report)): Loaded {
  const { file, dir } = manifestPlace(opts.file);
  const lookup = lookupIn(opts.env, dotenv);
  const unexpanded = interpolateTree(tree, lookup, report);
  const explained = new Set([...unexpanded, ...castTree(tree, report, unexpanded)]);
  const rejected = validateTree(tree, report, explained);
  const ctx: Ctx = {
    tree,
    report,
    failed: new Set([...explained, ...rejected]),
    dir,
    home: opts.env.HOME ?? homedir(),
    lookup,
    readFile: opts.readFile ?? readBytes,
    pathKind: opts.pathKind ?? pathKindOnDisk,
  };
  const manifest = normalize(ctx, file, opts.project);
  if (report.problems.length > 0) throw new ManifestError(report.problems, report.warnings);
  return { manifest, warnings: sortProblems(report.warnings) };
}

