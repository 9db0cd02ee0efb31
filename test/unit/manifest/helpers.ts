// Shared by the manifest tests: parse inline YAML and get either the result or every problem.
import { basename } from 'node:path';
import { ManifestError, parseManifest, type Loaded, type ParseOptions, type PathKind, type Problem } from '../../../src/manifest/index.js';

export const DIR = '/proj/shop';
export const FILE = `${DIR}/hitch.yaml`;

type Opts = Partial<ParseOptions>;

/**
 * A disk where every build context is a folder and every path named like a Dockerfile (Dockerfile,
 * Dockerfile.dev) is a file: what a test that is not about build paths needs.
 */
export function buildPathsExist(path: string): PathKind {
  return /dockerfile/i.test(basename(path)) ? 'file' : 'directory';
}

export function load(yaml: string, opts: Opts = {}): Loaded {
  return parseManifest(yaml, { file: FILE, env: {}, readFile: () => undefined, pathKind: buildPathsExist, ...opts });
}

/** Every problem as "line:col: message" ("file:line:col: message" for another file), or [] when the manifest is valid. */
export function problems(yaml: string, opts: Opts = {}): string[] {
  try {
    load(yaml, opts);
    return [];
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return e.problems.map(short);
  }
}

/** Every warning of a valid manifest, as problems() gives problems. */
export function warnings(yaml: string, opts: Opts = {}): string[] {
  return load(yaml, opts).warnings.map(short);
}

function short(p: Problem): string {
  return `${p.file === FILE ? '' : `${p.file}:`}${p.line}:${p.col}: ${p.message}`;
}

/** A one-service manifest whose service body is `body` (indented by the caller's YAML). */
export function svc(body: string): string {
  return `services:\n  web:\n    image: nginx\n${body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
}
