// `build:` → BuildSpec, with its folder and Dockerfile looked at now, as compose v1's `config` did
// ("build path … either does not exist, is not accessible, or is not a valid URL"): a missing folder
// found by `up` fails after the network and other services exist, and says nothing of the manifest.
import { resolve } from 'node:path';
import { fail, get, type Ctx } from './context.js';
import { pathProblem } from './disk.js';
import { keyValues } from './environment.js';
import type { BuildSpec } from './model.js';
import { printable } from './problems.js';
import { isRemoteContext } from './remote-context.js';
import { dropUndefined, type Path } from './tree.js';

// The engine's default name; its builder also takes "dockerfile" when "Dockerfile" is not there.
const DEFAULT_DOCKERFILES = ['Dockerfile', 'dockerfile'];

export function buildSpec(ctx: Ctx, svc: Path): BuildSpec | undefined {
  const b = get(ctx, [...svc, 'build']);
  if (b === undefined || b === null) return undefined;
  if (typeof b === 'string') return { context: contextOf(ctx, b, [...svc, 'build'], undefined), args: {} };
  const { context, dockerfile } = b as { context?: unknown; dockerfile?: unknown };
  // the schema reports a build or a context that is not a string; there is nothing to build from then
  if (typeof context !== 'string') return undefined;
  const args = keyValues(ctx, [...svc, 'build', 'args'], 'build args', 'lookup');
  const named = typeof dockerfile === 'string' ? { value: dockerfile, path: [...svc, 'build', 'dockerfile'] } : undefined;
  return dropUndefined({ context: contextOf(ctx, context, [...svc, 'build', 'context'], named), dockerfile: named?.value, args });
}

/** The context as BuildSpec holds it (absolute, or remote as written), its problems reported. */
function contextOf(ctx: Ctx, written: string, path: Path, dockerfile: { value: string; path: Path } | undefined): string {
  if (isRemoteContext(written)) return written; // the engine fetches it; nothing here to look at
  const dir = resolve(ctx.dir, written);
  const what = `build context ${JSON.stringify(written)}`;
  const problem = pathProblem(what, dir, ctx.pathKind(dir), 'directory', {
    missing: "give a folder relative to the manifest's, or a git or http(s) URL",
    otherKind: 'give the folder that holds the Dockerfile',
  });
  if (problem) fail(ctx, path, problem);
  else if (dockerfile) checkDockerfile(ctx, dockerfile, dir);
  else if (!DEFAULT_DOCKERFILES.some((name) => ctx.pathKind(resolve(dir, name)) === 'file')) {
    fail(ctx, path, `${what} has no Dockerfile (looked for ${printable(resolve(dir, 'Dockerfile'))}); add one, or name yours in build.dockerfile`);
  }
  return dir;
}

/** A Dockerfile named in build.dockerfile, relative to the context (as the engine reads it). */
function checkDockerfile(ctx: Ctx, dockerfile: { value: string; path: Path }, dir: string): void {
  const file = resolve(dir, dockerfile.value);
  const problem = pathProblem(`build.dockerfile ${JSON.stringify(dockerfile.value)}`, file, ctx.pathKind(file), 'file', {
    missing: 'the path is relative to the build context',
    otherKind: 'name the Dockerfile itself',
  });
  if (problem) fail(ctx, dockerfile.path, problem);
}
