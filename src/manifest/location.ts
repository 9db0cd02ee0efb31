// Where a manifest is, and which folder is its project's (relative paths, `.env`, the default project
// name), as compose finds its file: `-f FILE`; `-f -` for stdin; else the nearest `hitch.yaml` from the
// current folder up to the root (compose v1 and v2 look up the parents the same way for
// docker-compose.yml: compose-go's WithDefaultConfigPath).
import { dirname, join, resolve } from 'node:path';

export const MANIFEST_NAME = 'hitch.yaml';

/** The file name that means stdin; problems in it are reported at `-:line:col`, as compose names it. */
export const STDIN = '-';

/**
 * The first `hitch.yaml` in `dir` (absolute) or the folders above it, or undefined. Like compose, it
 * takes the first path that exists at all: a folder named hitch.yaml then fails to read, rather than
 * hitch acting on the project of some folder further up.
 */
export function findManifest(dir: string, exists: (path: string) => boolean): string | undefined {
  for (let folder = dir; ; folder = dirname(folder)) {
    const candidate = join(folder, MANIFEST_NAME);
    if (exists(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

/** Where problems in the manifest `file` point, and its project folder: the current one for stdin. */
export function manifestPlace(file: string): { file: string; dir: string } {
  if (file === STDIN) return { file: STDIN, dir: resolve() };
  const absolute = resolve(file);
  return { file: absolute, dir: dirname(absolute) };
}
