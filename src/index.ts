// hitch as a library: `import { load, plan, up, down } from 'hitch'`. The same functions the CLI runs,
// on the Docker engine the docker CLI would use, or on any Engine given as `engine`. dockerode loads
// only when a function needs the default engine.
import { down as downOn, type DownOptions, type DownResult } from './api/down.js';
import { planUp, type PlanUpOptions } from './api/plan-up.js';
import { up as upOn, type UpOptions, type UpResult } from './api/up.js';
import type { Engine } from './engine/engine.js';
import { loadManifest, type Problem } from './manifest/index.js';
import type { Manifest } from './manifest/model.js';
import { projectNameProblem } from './manifest/project-name.js';
import type { Plan } from './plan/model.js';
import { UserError } from './user-error.js';

export { ManifestError, formatProblem, type Problem } from './manifest/index.js';
export type * from './manifest/model.js';
export type { Action, Outdated, Plan } from './plan/model.js';
export { planJson, planText } from './plan/plan-text.js';
export type { DownOptions, DownResult } from './api/down.js';
export type { UpOptions, UpResult } from './api/up.js';
export type { PlanUpOptions as PlanOptions } from './api/plan-up.js';
export type { ExecEvent } from './engine/executor.js';
export type { ImageEvent } from './api/images.js';
export type { LinkEnforcement } from './plan/matrix.js';
export type { Summary } from './api/summary.js';
export type { Engine } from './engine/engine.js';
export { UsageError, UserError } from './user-error.js';
export { EngineUnreachableError } from './engine/engine-unreachable.js';

export interface EngineOption {
  /** Default: the Docker engine at DOCKER_HOST, else the default socket. */
  engine?: Engine;
}

export interface LoadOptions {
  project?: string; // overrides the manifest's name (the CLI's -p)
  env?: Record<string, string | undefined>; // for ${VAR} interpolation; default: process.env
  onWarning?: (warning: Problem) => void;
}

async function engineOf(opts: EngineOption): Promise<Engine> {
  if (opts.engine) return opts.engine;
  const { DockerEngine } = await import('./engine/docker-engine.js');
  const engine = new DockerEngine();
  await engine.ping();
  return engine;
}

/** Reads and validates a manifest (`-` reads stdin); throws ManifestError with every problem, each with file:line:col. */
export async function load(file: string, opts: LoadOptions = {}): Promise<Manifest> {
  const { manifest, warnings } = await loadManifest({ file, project: opts.project, env: opts.env });
  for (const w of warnings) opts.onWarning?.(w);
  return manifest;
}

/**
 * What `up` would do, each action with its cause; changes nothing. `services` (and `noDeps`),
 * `removeOrphans`, `forceRecreate` and `onWarning` as for `up`; a name the manifest does not have throws
 * a UsageError.
 */
export async function plan(manifest: Manifest, opts: EngineOption & PlanUpOptions = {}): Promise<Plan> {
  const { engine, ...rest } = opts;
  return planUp(await engineOf({ engine }), manifest, rest);
}

/** Converges the engine to the manifest, like `hitch up`. Failed actions are in the result, not thrown. */
export async function up(manifest: Manifest, opts: EngineOption & UpOptions = {}): Promise<UpResult> {
  const { engine, ...rest } = opts;
  return upOn(await engineOf({ engine }), manifest, rest);
}

/** Removes a project's containers and network (named volumes with `volumes: true`), like `hitch down`. */
export async function down(project: string | Manifest, opts: EngineOption & DownOptions = {}): Promise<DownResult> {
  const { engine, ...rest } = opts;
  const name = typeof project === 'string' ? project : project.project;
  const problem = projectNameProblem(name);
  if (problem) throw new UserError(problem, 'pass the name `hitch up` used (see `docker ps --filter label=io.hitch.project`)');
  return downOn(await engineOf({ engine }), name, rest);
}
