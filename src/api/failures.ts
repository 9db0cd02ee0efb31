// What the commands that change several services (up, start, restart, stop) report of what failed, in one
// shape (summary.ts's Failure, `failed` in each one's --json): each failed service once, with the error,
// its remedy when the error has one, and the last lines of the service's log, which often say why.
import type { Engine } from '../engine/engine.js';
import type { ExecutionResult } from '../engine/executor.js';
import type { Plan } from '../plan/model.js';
import { failuresOf, type Failure } from './summary.js';

const LOG_LINES = 10;

/**
 * The last log lines of each of `services` that has a service container, found by the project's labels:
 * a name taken by someone else's container is not read. Asked after the run: a recreated container has a
 * new id. None when the engine cannot tell (it is gone meanwhile): they only add to what failed.
 */
export async function lastLogLines(engine: Engine, project: string, services: readonly string[]): Promise<Record<string, string[]>> {
  const observed = await engine.observe(project, []).catch(() => undefined);
  const ids = new Map((observed?.containers ?? []).filter((c) => c.role === 'service').map((c) => [c.service, c.id]));
  const found = services.filter((s) => ids.has(s));
  const tails = await Promise.all(found.map((s) => engine.logsTail(ids.get(s)!, LOG_LINES).catch(() => '')));
  return Object.fromEntries(found.map((s, i) => [s, tails[i]!.split('\n').map((l) => l.trimEnd()).filter(Boolean)]));
}

/** The failures of a plan's run (start's, restart's), each with its service's last log lines; none when all went well. */
export async function failuresOfRun(engine: Engine, plan: Plan, execution: ExecutionResult): Promise<Failure[]> {
  const failed = failuresOf(plan, execution, {});
  if (failed.length === 0) return [];
  const logs = await lastLogLines(engine, plan.project, failed.map((f) => f.service));
  return failed.map((f) => ({ ...f, logs: logs[f.service] ?? [] }));
}
