// `logs` and `exec`: the commands that stream between a service's container and the user.
import type { Engine, ExecStreams, LogLine } from '../engine/engine.js';
import { pick, runningService } from './lookup.js';

export interface LogsOptions {
  follow?: boolean;
  tail?: number; // the last N lines of each service; default: all
  onServices?: (services: string[]) => void; // once, before any line: which services will speak
  onLine: (service: string, line: LogLine) => void;
}

/**
 * The named services' logs (default: all, by name). Without follow, service by service in that order,
 * so the output reads like a file; with follow, all at once, line by line as they come, until all stop.
 */
export async function logs(engine: Engine, project: string, services: string[], opts: LogsOptions): Promise<void> {
  const targets = pick(await engine.observe(project, []), project, services).filter((t) => t.main);
  opts.onServices?.(targets.map((t) => t.service));
  const read = (t: (typeof targets)[number]) =>
    engine.logs(t.main!.id, { follow: Boolean(opts.follow), tail: opts.tail }, (line) => opts.onLine(t.service, line));
  if (opts.follow) await Promise.all(targets.map(read));
  else for (const t of targets) await read(t);
}

/** Runs a command in a service's running container; resolves with its exit code. */
export async function exec(engine: Engine, project: string, service: string, cmd: string[], streams: ExecStreams): Promise<number> {
  const main = await runningService(engine, project, service);
  return engine.execAttached(main.id, cmd, streams);
}
