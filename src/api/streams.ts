// `logs` and `exec`: the commands that stream between a service's container and the user.
import type { Engine, ExecOptions, ExecStreams, LogLine } from '../engine/engine.js';
import { runsNow, type ObservedState } from '../plan/observed.js';
import { UserError } from '../user-error.js';
import { Follower, type FollowTarget } from './follow.js';
import { engineTime } from './log-time.js';
import { hitchCommand } from '../plan/hitch-command.js';
import { pickOrWarn, runningService, type ProjectScope } from './lookup.js';

export interface LogsOptions {
  follow?: boolean; // follows the services across restarts and recreates (src/api/follow.ts)
  tail?: number; // the last N lines of each service; default: all
  since?: bigint; // only lines from this moment on (src/api/log-time.ts)
  until?: bigint; // only lines before it
  timestamps?: boolean; // each line with the engine's timestamp (LogLine.time); with follow it is always there
  onServices?: (services: string[]) => void; // once, before any line: which services will speak
  onWarning?: (message: string) => void; // services named that have no container, or a project with none: nothing to show
  onLine: (service: string, line: LogLine) => void;
}

/**
 * The named services' containers (default: those of every service that has one). Asked for by name, a
 * service without its container (only its sandbox left) is an answer, not silence; one with no container
 * at all has no logs yet, as in compose, which prints nothing for it: a warning says so, as it does when
 * no name is given and the project has no container at all.
 */
function logTargets(observed: ObservedState, scope: ProjectScope, services: string[], opts: LogsOptions): FollowTarget[] {
  const found = pickOrWarn(observed, scope, services, 'so no logs', opts.onWarning);
  const named = services.length > 0 ? found : [];
  const lost = named.filter((t) => t.sandbox && !t.main).map((t) => `"${t.service}"`);
  if (lost.length > 0) throw new UserError(`no container of service ${lost.join(', ')} in project ${scope.name}, so no logs`, `recreate it with \`${hitchCommand(scope, 'up')}\``);
  // a restarting one runs nothing yet: its next lines are those after its policy starts it again
  return found.flatMap((t) => (t.main ? [{ service: t.service, id: t.main.id, running: runsNow(t.main) }] : []));
}

/**
 * The named services' logs (default: all, by name). Without follow, service by service in that order,
 * so the output reads like a file; with follow, all at once, line by line as they come (src/api/follow.ts).
 */
export async function logs(engine: Engine, scope: ProjectScope, services: string[], opts: LogsOptions): Promise<void> {
  if (opts.follow) return follow(engine, scope, services, opts);
  const targets = logTargets(await engine.observe(scope.name, []), scope, services, opts);
  opts.onServices?.(targets.map((t) => t.service));
  const read = { follow: false, tail: opts.tail, since: engineTime(opts.since), until: engineTime(opts.until), timestamps: opts.timestamps };
  for (const t of targets) await engine.logs(t.id, read, (line) => opts.onLine(t.service, line));
}

async function follow(engine: Engine, scope: ProjectScope, services: string[], opts: LogsOptions): Promise<void> {
  const follower = new Follower(engine, scope.name, opts);
  // events first: a container that starts while the project is looked at is not missed
  const events = await engine.watchContainers(scope.name, follower.onEvent);
  try {
    const targets = logTargets(await engine.observe(scope.name, []), scope, services, opts);
    opts.onServices?.(targets.map((t) => t.service));
    await follower.run(targets, events.ended);
  } finally {
    events.stop();
  }
}

/** Runs a command in a service's running container; resolves with its exit code. */
export async function exec(engine: Engine, scope: ProjectScope, service: string, cmd: string[], streams: ExecStreams, opts: ExecOptions = {}): Promise<number> {
  const main = await runningService(engine, scope, service);
  return engine.execAttached(main.id, cmd, streams, opts);
}

/** Starts a command in a service's running container and returns at once (`exec -d`). */
export async function execDetached(engine: Engine, scope: ProjectScope, service: string, cmd: string[], opts: ExecOptions = {}): Promise<void> {
  const main = await runningService(engine, scope, service);
  await engine.execDetached(main.id, cmd, opts);
}
