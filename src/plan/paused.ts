// A paused container (`docker pause`) counts as up, and `up` leaves it paused, as compose does. But
// nothing runs in it: a paused sandbox can neither take new rules nor probe a child, and a paused child
// never answers the parent that waits for it (its kernel still completes a TCP handshake, so a probe
// alone would take it for ready). A plan that needs one of them is refused before anything runs.
import { UserError } from '../user-error.js';
import type { Action } from './model.js';
import type { ObservedState } from './observed.js';

/** The containers the plan makes anew: under an observed name, they are not the paused one observed. */
function madeAnew(actions: Action[]): Set<string> {
  return new Set(actions.flatMap((a) => (a.kind === 'create-container' || a.kind === 'recreate-container' ? [a.container.name] : [])));
}

/** Each paused container the plan needs, with what it needs of it, in plan order. */
function pausedNeeds(actions: Action[], observed: ObservedState): Map<string, string[]> {
  const fresh = madeAnew(actions);
  const paused = new Set(observed.containers.filter((c) => c.paused && !fresh.has(c.name)).map((c) => c.name));
  const needs = new Map<string, string[]>();
  const need = (name: string, what: string) => {
    if (paused.has(name)) needs.set(name, [...(needs.get(name) ?? []), what]);
  };
  for (const a of actions) {
    if (a.kind === 'update-firewall') need(a.sandbox, 'its rules change');
    if (a.kind !== 'await-ready') continue;
    const parent = a.id.slice(a.id.indexOf('@') + 1); // ready:<child>@<parent> (reconcile.ts)
    need(a.container, `${parent} waits for it to be ready`);
    need(a.from, `it probes ${a.service} for ${parent}`);
  }
  return needs;
}

export function pausedInTheWay(actions: Action[], observed: ObservedState): UserError | undefined {
  const needs = pausedNeeds(actions, observed);
  if (needs.size === 0) return undefined;
  const names = [...needs.keys()];
  const listed = names.map((n) => `${n} (${needs.get(n)!.join(', ')})`).join('; ');
  return new UserError(
    `nothing runs in a paused container, and this plan needs ${names.length === 1 ? 'one' : names.length}: ${listed}`,
    `unpause ${names.length === 1 ? 'it' : 'them'} (\`docker unpause ${names.join(' ')}\`), then run \`hitch up\` again`,
  );
}
