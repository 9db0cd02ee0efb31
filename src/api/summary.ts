// What `up` and `down` report at the end: which services were created, recreated, restarted, started,
// had their rules updated in place, were left alone or removed, and for `down` the network and volumes
// removed; for a failure: each failed service with its cause and last log lines, and who was not started
// for it.
import type { ExecutionResult } from '../engine/executor.js';
import type { Action, Plan } from '../plan/model.js';
import { UserError } from '../user-error.js';

/** One failed service, as up, start, restart and stop report it (failures.ts). */
export interface Failure {
  service: string;
  action: string; // the id of the plan's action that failed; stop's: `stop CONTAINER`
  error: string;
  remedy?: string; // what to do about it, when the error says (a UserError's)
  logs: string[]; // the last lines of the service's log, when it has a container
}

export interface Summary {
  created: string[];
  recreated: string[];
  restarted: string[]; // stopped and started again, the same container: to rejoin a sandbox restarted under it
  started: string[];
  rulesUpdated: string[]; // only the firewall's rules changed, in place: both containers kept
  unchanged: string[];
  removed: string[];
  networksRemoved: string[]; // by name: `down`, once the project's containers are gone
  volumesRemoved: string[]; // by name: `down -v`
  failed: Failure[];
  notStarted: Array<{ service: string; waitsFor: string }>; // waitsFor: the failed service it needs
  orphans: string[]; // found and left on the engine (not those `up --remove-orphans` removed)
  elapsedMs: number;
}

function serviceOf(a: Action): string | undefined {
  switch (a.kind) {
    case 'create-container':
    case 'recreate-container':
      return a.container.service;
    case 'start-container':
    case 'restart-container':
    case 'remove-container':
    case 'update-firewall':
    case 'await-ready':
      return a.service;
    default:
      return undefined;
  }
}

type Bucket = keyof Pick<Summary, 'created' | 'recreated' | 'restarted' | 'started' | 'rulesUpdated' | 'removed'>;
const RANK: Bucket[] = ['removed', 'recreated', 'created', 'restarted', 'started', 'rulesUpdated'];

const BUCKET: Partial<Record<Action['kind'], Bucket>> = {
  'create-container': 'created',
  'recreate-container': 'recreated',
  'restart-container': 'restarted',
  'start-container': 'started',
  'update-firewall': 'rulesUpdated',
  'remove-container': 'removed',
};

/** The failed action at the root of a chain of skips. */
function rootFailure(id: string, exec: ExecutionResult): string {
  let at = id;
  while (exec.blockers[at]) at = exec.blockers[at]!;
  return at;
}

/**
 * A failure is the service's once, however many parents waited for it: the first action in plan order,
 * but the service container's when it failed of the same error (an image that cannot be had fails the
 * sandbox's action too, which comes first).
 */
export function failuresOf(plan: Plan, exec: ExecutionResult, logs: Record<string, string[]>): Failure[] {
  const out = new Map<string, Failure>();
  for (const a of plan.actions) {
    const error = exec.errors[a.id];
    const service = serviceOf(a) ?? a.id;
    const first = out.get(service);
    const sameAsSandbox = first !== undefined && a.id === `service:${service}` && exec.errors[first.action] === error;
    if (!error || (first && !sameAsSandbox)) continue;
    const remedy = error instanceof UserError ? error.remedy : undefined;
    out.set(service, { service, action: a.id, error: error.message, ...(remedy ? { remedy } : {}), logs: logs[service] ?? [] });
  }
  return [...out.values()].sort((x, y) => (x.service < y.service ? -1 : 1));
}

function notStarted(plan: Plan, exec: ExecutionResult): Summary['notStarted'] {
  const byId = new Map(plan.actions.map((a) => [a.id, a]));
  const out = new Map<string, string>();
  for (const a of plan.actions) {
    const service = serviceOf(a);
    // a skipped rules update leaves its service running as it was: unchanged, not "not started"
    if (!service || !BUCKET[a.kind] || a.kind === 'update-firewall' || exec.outcomes[a.id] !== 'skipped') continue;
    const root = byId.get(rootFailure(a.id, exec))!;
    if (!out.has(service)) out.set(service, serviceOf(root) ?? root.id);
  }
  return [...out].sort(([x], [y]) => (x < y ? -1 : 1)).map(([service, waitsFor]) => ({ service, waitsFor }));
}

/** The services whose service container the plan makes where none was (`create-container`, not a recreate). */
function newServiceContainers(plan: Plan): Set<string> {
  return new Set(plan.actions.flatMap((a) => (a.kind === 'create-container' && a.container.role === 'service' ? [a.container.service] : [])));
}

export function summarize(plan: Plan, exec: ExecutionResult | undefined, startedAt: number, logs: Record<string, string[]> = {}): Summary {
  const s: Summary = {
    created: [], recreated: [], restarted: [], started: [], rulesUpdated: [], unchanged: [], removed: [], networksRemoved: [], volumesRemoved: [],
    failed: exec ? failuresOf(plan, exec, logs) : [],
    notStarted: exec ? notStarted(plan, exec) : [],
    orphans: [], elapsedMs: 0,
  };
  const ran = (a: Action) => !exec || exec.outcomes[a.id] === 'done'; // a dry run: all that would run
  // a service that failed or was not started is only that, even if its sandbox was created
  const unwell = new Set([...s.failed.map((f) => f.service), ...s.notStarted.map((n) => n.service)]);
  // and a service is listed once, by the most its two containers went through; but one whose service
  // container is new did not exist before, whatever its sandbox went through: beside a new service
  // container, a sandbox started again or recreated (left created, or off the network, by an interrupted
  // `up`) makes a created service
  const listed = new Map<string, Bucket>();
  const fresh = newServiceContainers(plan);
  for (const a of plan.actions) {
    const service = serviceOf(a);
    const went = BUCKET[a.kind];
    if (!service || !went || unwell.has(service) || !ran(a)) continue;
    const bucket = went === 'recreated' && fresh.has(service) ? 'created' : went;
    const before = listed.get(service);
    if (!before || RANK.indexOf(bucket) < RANK.indexOf(before)) listed.set(service, bucket);
  }
  for (const [service, bucket] of listed) s[bucket].push(service);
  for (const key of RANK) s[key].sort();
  // the plan's unchanged keep both containers, but their rules may have been updated, or failed to be
  s.unchanged = plan.unchanged.filter((service) => !listed.has(service) && !unwell.has(service));
  s.orphans = plan.orphans.filter((service) => !s.removed.includes(service));
  for (const a of plan.actions) {
    if (a.kind === 'remove-network' && ran(a)) s.networksRemoved.push(a.name);
    if (a.kind === 'remove-volume' && ran(a)) s.volumesRemoved.push(a.name);
  }
  s.elapsedMs = Date.now() - startedAt;
  return s;
}
