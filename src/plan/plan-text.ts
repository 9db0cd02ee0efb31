// The one text form of a Plan (`hitch plan`, `up --dry-run`, golden tests) and its JSON form.
// One line per action: id, kind, resource and key details, cause, and the ids it waits for; under a
// container to be created, its env, hosts lines and rules (plan-details.ts).
import type { Action, Outdated, Plan } from './model.js';
import { actionDetails, maskAction, type ShowOptions } from './plan-details.js';

export function planText(plan: Plan, opts: ShowOptions = {}): string {
  const n = plan.actions.length;
  const lines = [`plan for ${plan.project}: ${n === 0 ? 'no changes' : `${n} action${n === 1 ? '' : 's'}`}`];
  for (const a of plan.actions) {
    lines.push(actionLine(a));
    actionDetails(a, opts, lines);
  }
  lines.push(`unchanged: ${list(plan.unchanged)}`, `orphans: ${list(plan.orphans)}`);
  if (plan.selected) lines.push(...selectionLines(plan.selected, plan.outdated ?? []));
  return lines.join('\n');
}

/** `up SERVICE…`: what the plan considered, and the parents it leaves out of date, one line each. */
function selectionLines(selected: string[], outdated: Outdated[]): string[] {
  const stale = outdated.map((o) => {
    const how = [...(o.links.length ? [`links ${o.links.join(', ')}`] : []), ...(o.linked ? [`linked ${o.linked.join(', ')} when made`] : [])];
    return `outdated, not selected: ${o.service} (${how.join('; ')}): ${o.cause}`;
  });
  return [`selected: ${list(selected)}`, ...(stale.length ? stale : ['outdated, not selected: none'])];
}

/** Docker's short form of a full 64-hex id; anything else as it is. */
function shortId(id: string): string {
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : id;
}

function list(names: string[]): string {
  return names.length ? names.join(', ') : 'none';
}

export function actionLine(a: Action): string {
  const after = a.waitsFor.length ? `  after: ${a.waitsFor.join(', ')}` : '';
  return `${a.id}  ${a.kind} ${describe(a)}  cause: ${a.cause}${after}`;
}

function describe(a: Action): string {
  switch (a.kind) {
    case 'create-network':
      return `${a.network.name} subnet=${a.network.subnet} gateway=${a.network.gateway}`;
    case 'create-volume':
      return a.volume.name;
    case 'create-container':
    case 'recreate-container': {
      const c = a.container;
      const ip = c.network ? ` ip=${c.network.ip}` : '';
      const replaces = a.replaces ? ` replaces=${shortId(a.replaces)}` : '';
      return `${c.name}${ip} image=${c.image}${replaces}`;
    }
    case 'start-container':
    case 'restart-container':
      return a.name;
    case 'update-firewall':
      return a.sandbox;
    case 'await-ready': {
      const ports = a.target.tcpPorts.length ? ` tcp=${a.target.tcpPorts.join(',')}` : '';
      const health = a.healthcheck ? ' healthcheck' : '';
      return `${a.container} from=${a.from} ip=${a.target.ip}${ports}${health} timeout=${a.timeoutMs / 1000}s`;
    }
    case 'connect-external':
      return `${a.container} network=${a.network} ip=${a.ip}`;
    case 'disconnect-external':
      return `${a.container} network=${a.network}`;
    case 'remove-container':
    case 'remove-network':
    case 'remove-volume':
      return a.name;
  }
}

/**
 * A plain JSON value (schemas/plan.schema.json): the Plan itself, secret-looking env values masked,
 * undefined members dropped, detached from the planner's objects.
 */
export function planJson(plan: Plan, opts: ShowOptions = {}): Plan {
  return JSON.parse(JSON.stringify({ ...plan, actions: plan.actions.map((a) => maskAction(a, opts)) })) as Plan;
}
