// A local build context as `docker build` sends it: the folder's files less what its .dockerignore
// excludes (Docker's own matching, by @balena/dockerignore: globs, `**`, `!` exceptions), always with
// the .dockerignore and the Dockerfile (the CLI sends both even when excluded: the engine reads them,
// and itself keeps them out of COPY when excluded), and a Dockerfile from outside the folder added under
// a hidden name, as `docker build -f ../Dockerfile.dev app` does. An uncompressed tar, as the CLI sends.
import dockerignore from '@balena/dockerignore';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pack, type Pack } from 'tar-fs';

// A CommonJS module typed with `export default`: under NodeNext its function is the namespace's `default`.
const ignore = dockerignore.default;

/** Whether a path of the context (relative, `/`-separated) stays out of it; folders are asked first. */
export type Excluded = (path: string, isFolder: boolean) => boolean;

/**
 * The .dockerignore's rules, `alwaysSent` files exempt. An excluded folder is skipped whole unless it
 * holds a file always sent, or an exception's pattern starts with the folder's path (`!vendor/keep`
 * under `vendor`): the docker CLI's own test, so the same files are sent.
 */
export function dockerignoreRules(text: string | undefined, alwaysSent: string[]): Excluded {
  if (text === undefined) return () => false;
  const rules = ignore().add(text);
  const exceptions = text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).trim().replace(/^\/+/, ''));
  const reachesInto = (folder: string) => (f: string) => `${f}/`.startsWith(`${folder}/`);
  return (path, isFolder) => {
    if (alwaysSent.includes(path)) return false;
    if (isFolder && (exceptions.some(reachesInto(path)) || alwaysSent.some(reachesInto(path)))) return false;
    return rules.ignores(path);
  };
}

/**
 * The context's paths that are sent, relative and sorted: its files, its folders (empty ones too) and
 * every folder above a sent file, as `docker build` sends them; what `excluded` keeps out is not.
 */
export async function contextPaths(context: string, excluded: Excluded): Promise<string[]> {
  const sent = new Set<string>();
  const folders = [''];
  while (folders.length > 0) {
    const folder = folders.pop()!;
    for (const entry of await readdir(join(context, folder), { withFileTypes: true })) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (excluded(path, true)) continue;
        folders.push(path);
        if (!excluded(path, false)) sent.add(path); // else walked only for what an exception brings back
      } else if (!excluded(path, false)) {
        const parts = path.split('/');
        for (let depth = 1; depth <= parts.length; depth++) sent.add(parts.slice(0, depth).join('/'));
      }
    }
  }
  return [...sent].sort();
}

/** tar-fs packs what `entries` names, and walks its folders: the sent paths at the top, a filter below. */
function packPaths(context: string, paths: string[], more?: (pack: Pack) => void): Readable {
  const sent = new Set(paths);
  return pack(context, {
    entries: paths.filter((p) => !p.includes('/')),
    ignore: (name) => !sent.has(relative(context, name).split(sep).join('/')),
    ...(more ? { finalize: false, finish: more } : {}),
  });
}

/** The Dockerfile's path inside the context, or undefined when `build.dockerfile` points outside it. */
export function dockerfileInside(context: string, dockerfile: string): string | undefined {
  const path = relative(context, resolve(context, dockerfile));
  if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

async function dockerignoreText(context: string): Promise<string | undefined> {
  try {
    return await readFile(join(context, '.dockerignore'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export interface PackedContext {
  tar: Readable;
  /** The name to pass as the build's `dockerfile`: undefined for the engine's default. */
  dockerfile: string | undefined;
}

/** `dockerfile` is build.dockerfile as written, relative to the context. */
export async function packContext(context: string, dockerfile: string | undefined): Promise<PackedContext> {
  const inside = dockerfile === undefined ? undefined : dockerfileInside(context, dockerfile);
  const sent = ['.dockerignore', ...(inside ? [inside] : []), ...(dockerfile ? [] : ['Dockerfile', 'dockerfile'])];
  const ignoreText = await dockerignoreText(context);
  const paths = await contextPaths(context, dockerignoreRules(ignoreText, sent));
  if (dockerfile === undefined || inside !== undefined) return { tar: packPaths(context, paths), dockerfile: inside };
  // Outside the context: the docker CLI's way. The Dockerfile goes in under a hidden random name, and
  // that name into the .dockerignore sent, since the engine keeps out of COPY only what it excludes.
  const content = await readFile(resolve(context, dockerfile));
  const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
  const sentIgnore = `${ignoreText ?? '.dockerignore'}\n${name}\n`;
  const tar = packPaths(context, paths.filter((p) => p !== '.dockerignore'), (p) => {
    p.entry({ name, mode: 0o600 }, content);
    p.entry({ name: '.dockerignore', mode: 0o600 }, sentIgnore);
    p.finalize();
  });
  return { tar, dockerfile: name };
}
