// The start order of a project's services as the engine has them: children before parents, by the links
// each service container was made with (LABEL.links), so it needs no manifest (`restart`, `stop` under -p).
import type { ObservedState } from '../plan/observed.js';
import { topoOrder, type Edge } from '../plan/order.js';
import { servicesOf } from './lookup.js';

/** `services` (default: all on the engine) children first; `stop` takes it backwards, parents first. */
export function startOrderOnEngine(observed: ObservedState, services?: readonly string[]): string[] {
  const edges: Edge[] = observed.containers
    .filter((c) => c.role === 'service')
    .flatMap((c) => (c.links ?? []).map((child): Edge => [child, c.service]));
  const order = topoOrder(servicesOf(observed), edges).order;
  return services ? order.filter((s) => services.includes(s)) : order;
}
