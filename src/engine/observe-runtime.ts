// What observing a project learns only from a request per container: when each running one started, and
// the rules each sandbox enforces, or a stopped one applies when it next starts. Planning and `check`
// need it all; `ps` and `ls` only the start times; the other commands skip it (observe.ts).
import type Docker from 'dockerode';
import type { ObservedContainer } from '../plan/observed.js';
import { unlessNotFound } from './engine-errors.js';
import { recordedRules } from './sandbox-rules.js';

/**
 * What only an inspect tells about a running container: when it started, and how its last run ended when
 * its restart policy has it between two starts; and for a sandbox, running or not, the rules its `run`
 * applies (those it recorded, else its arguments), unknown when it says those it recorded may not be in force.
 */
async function addDetails(docker: Docker, c: ObservedContainer): Promise<void> {
  if (!c.running && c.role !== 'sandbox') return;
  const [info, rules] = await Promise.all([
    docker.getContainer(c.id).inspect(),
    c.role === 'sandbox' ? recordedRules(docker, c.id) : undefined,
  ]);
  if (c.running) c.startedAt = info.State.StartedAt;
  // restarting still: a start of its policy between the list and this inspect ran it afresh
  if (c.restarting && info.State.Restarting) c.exitCode = info.State.ExitCode;
  if (c.role !== 'sandbox') return;
  const cmd = info.Config.Cmd ?? [];
  if (rules !== 'not confirmed') c.firewallArgs = rules ?? cmd.slice(cmd.indexOf('run') + 1);
}

/** Inspect and rules requests at once: enough to hide latency, few enough not to flood the engine. */
const DETAIL_REQUESTS_AT_ONCE = 16;

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Adds the runtime details to each container of `observed` that has some, in place. */
export function addRuntimeDetails(docker: Docker, observed: ObservedContainer[]): Promise<void> {
  return eachLimited(observed, DETAIL_REQUESTS_AT_ONCE, (c) => addDetails(docker, c));
}

/**
 * Adds the start time, in place, to both containers of each service whose sandbox and service container
 * run: only there can one have restarted under the other (src/plan/restarted-under.ts). No rules are
 * read, and a stopped stack costs no request. A container removed meanwhile is left without one.
 */
export function addStartTimes(docker: Docker, observed: ObservedContainer[]): Promise<void> {
  const running = new Map<string, Set<string>>();
  for (const c of observed) if (c.running) running.set(c.service, (running.get(c.service) ?? new Set()).add(c.role));
  const paired = observed.filter((c) => c.running && running.get(c.service)!.size === 2);
  return eachLimited(paired, DETAIL_REQUESTS_AT_ONCE, async (c) => {
    const info = await unlessNotFound(docker.getContainer(c.id).inspect());
    if (info) c.startedAt = info.State.StartedAt;
  });
}
