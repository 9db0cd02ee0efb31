// What the loader reads from disk besides the manifest and its .env, behind ParseOptions' injections
// (readFile, pathKind) so that unit tests stay pure.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { printable } from './problems.js';

/** What is at a path; undefined when nothing is. */
export type PathKind = 'directory' | 'file' | 'other' | 'unreadable' | undefined;

/** Bytes, not text: environment.ts decodes them strictly, as the manifest and .env are (utf8.ts). */
export function readBytes(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** A folder must be listable and a file readable for the engine to get them: else 'unreadable'. */
export function pathKindOnDisk(path: string): PathKind {
  try {
    const stat = statSync(path);
    if (!stat.isDirectory() && !stat.isFile()) return 'other';
    accessSync(path, stat.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
    return stat.isDirectory() ? 'directory' : 'file';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'unreadable' : undefined;
  }
}

/** What is wrong with what is at `at`, which must be a `wanted`, in the words of a problem; undefined when nothing is. */
export function pathProblem(what: string, at: string, kind: PathKind, wanted: 'directory' | 'file', remedy: { missing: string; otherKind: string }): string | undefined {
  if (kind === wanted) return undefined;
  const where = printable(at);
  if (kind === undefined) return `${what} does not exist (looked for ${where}); ${remedy.missing}`;
  if (kind === 'unreadable') return `${what} cannot be read (${where}: permission denied); make it readable to the user who runs hitch`;
  const found = kind === 'directory' ? 'folder' : kind === 'file' ? 'file' : 'special file';
  return `${what} is not a ${wanted === 'directory' ? 'folder' : 'file'} (${where} is a ${found}); ${remedy.otherKind}`;
}
