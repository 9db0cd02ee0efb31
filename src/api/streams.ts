// `logs` and `exec`: the commands that stream between a service's container and the user.
import type { Engine, ExecOptions, ExecStreams, LogLine } from '../engine/engine.js';
import { UserError } from '../user-error.js';
import { engineTime } from './log-time.js';
import { pick, runningService } from './lookup.js';

export interface LogsOptions {
  follow?: boolean;
  tail?: number; // the last N lines of each service; default: all
  since?: bigint; // only lines from this moment on (src/api/log-time.ts)
  until?: bigint; // only lines before it
  timestamps?: boolean; // each line with the engine's timestamp (LogLine.time)
  onServices?: (services: string[]) => void; // once, before any line: which services will speak
  onLine: (service: string, line: LogLine) => void;
}

/**
 * The named services' logs (default: all, by name). Without follow, service by service in that order,
 * so the output reads like a file; with follow, all at once, line by line as they come, until all stop.
 */
export async function logs(engine: Engine, project: string, services: string[], opts: LogsOptions): Promise<void> {
  const found = pick(await engine.observe(project, []), project, services);
  // asked for by name, a service without its container (only its sandbox left) is an answer, not silence
  const lost = services.length > 0 ? found.filter((t) => !t.main).map((t) => `"${t.service}"`) : [];
  if (lost.length > 0) throw new UserError(`no container of service ${lost.join(', ')} in project ${project}, so no logs`, 'recreate it with `hitch up`');
  const targets = found.filter((t) => t.main);
  opts.onServices?.(targets.map((t) => t.service));
  const options = { follow: Boolean(opts.follow), tail: opts.tail, since: engineTime(opts.since), until: engineTime(opts.until), timestamps: opts.timestamps };
  const read = (t: (typeof targets)[number]) => engine.logs(t.main!.id, options, (line) => opts.onLine(t.service, line));
  if (opts.follow) await Promise.all(targets.map(read));
  else for (const t of targets) await read(t);
}

/** Runs a command in a service's running container; resolves with its exit code. */
export async function exec(engine: Engine, project: string, service: string, cmd: string[], streams: ExecStreams, opts: ExecOptions = {}): Promise<number> {
  const main = await runningService(engine, project, service);
  return engine.execAttached(main.id, cmd, streams, opts);
}

/** Starts a command in a service's running container and returns at once (`exec -d`). */
export async function execDetached(engine: Engine, project: string, service: string, cmd: string[], opts: ExecOptions = {}): Promise<void> {
  const main = await runningService(engine, project, service);
  await engine.execDetached(main.id, cmd, opts);
}
