// Lists a build context's files for dockerode's tar packing, honouring a simple .dockerignore.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

async function ignoredNames(context: string): Promise<Set<string>> {
  try {
    const text = await readFile(join(context, '.dockerignore'), 'utf8');
    return new Set(text.split('\n').map((l) => l.trim().replace(/\/$/, '')).filter((l) => l && !l.startsWith('#')));
  } catch {
    return new Set();
  }
}

export async function buildContextFiles(context: string): Promise<string[]> {
  const ignored = await ignoredNames(context);
  const entries = await readdir(context, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    // Dirent.parentPath is Node ≥ 20.12; `path` is its older name (deprecated later, same value)
    .map((e) => relative(context, join(e.parentPath ?? (e as { path?: string }).path ?? context, e.name)))
    .filter((p) => !ignored.has(p) && !ignored.has(p.split('/')[0]))
    .sort();
}
