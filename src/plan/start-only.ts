// `hitch start` runs `up`'s plan only when starting existing containers is all it holds, as compose's
// `start` creates nothing: what else the plan would do is `up`'s work, and is named in the refusal.
import { UserError } from '../user-error.js';
import type { Action, Plan } from './model.js';

/**
 * What starting is: a stopped container started, the rules a stopped sandbox will apply recorded first
 * (its firewall is in force as it starts), and the probes that hold each parent until its children answer.
 */
function isStarting(a: Action): boolean {
  return a.kind === 'start-container' || a.kind === 'await-ready' || (a.kind === 'update-firewall' && a.stopped === true);
}

function resourceOf(a: Action): string {
  switch (a.kind) {
    case 'create-container':
    case 'recreate-container':
      return a.container.name;
    case 'create-network':
      return a.network.name;
    case 'create-volume':
      return a.volume.name;
    case 'update-firewall':
      return `the rules of ${a.sandbox}`;
    case 'connect-external':
    case 'disconnect-external':
      return a.container;
    default:
      return 'name' in a ? a.name : a.id;
  }
}

/** `recreate-container shop-web (config changed: image)`: the action, what it acts on, and why. */
function said(a: Action): string {
  return `${a.kind} ${resourceOf(a)} (${a.cause})`;
}

/**
 * The refusal of a plan that does more than start what exists, undefined when it only starts. `named`:
 * the services given to `start`, repeated in the `up` the remedy proposes; `hitchUp`: that `up` as the
 * user names the project (`hitch -f dev.yaml up`), so that it works when pasted.
 */
export function beyondStarting(plan: Plan, named: readonly string[], hitchUp = 'hitch up'): UserError | undefined {
  const more = plan.actions.filter((a) => !isStarting(a));
  if (more.length === 0) return undefined;
  const up = [hitchUp, ...named].join(' ');
  return new UserError(
    `start only starts existing containers, and ${plan.project} needs more: ${more.map(said).join(', ')}; nothing was started`,
    `run \`${up}\`, which does that and starts the rest`,
  );
}

/** The services a plan of starts brings back, in the plan's (start) order. */
export function servicesStarted(plan: Plan): string[] {
  return [...new Set(plan.actions.flatMap((a) => (a.kind === 'start-container' ? [a.service] : [])))];
}
