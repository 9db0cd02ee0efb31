// Removing what hitch created: `down`, and orphans on `up --remove-orphans`. Works from the engine's
// labels alone, so it needs no manifest (LABEL.links gives the parent → child edges).
import { sortedStrings } from './compare.js';
import { externalDetachments } from './externals.js';
import type { Action, Plan, Role } from './model.js';
import type { ObservedContainer, ObservedState } from './observed.js';
import { topoOrder, type Edge } from './order.js';

/** `network`: the one a sandbox leaves before it is removed (service containers have no endpoint of their own). */
function removal(c: ObservedContainer, cause: string, waitsFor: string[], network?: string): Action {
  return { id: `remove:${c.role}:${c.service}`, kind: 'remove-container', cause, waitsFor, name: c.name, containerId: c.id, service: c.service, ...(network ? { network } : {}) };
}

function byRole(containers: ObservedContainer[], role: Role): Map<string, ObservedContainer> {
  return new Map(containers.filter((c) => c.role === role).map((c) => [c.service, c]));
}

/** Each service container, then its sandbox once the service container is gone. */
function removeServices(observed: ObservedState, services: string[], cause: string, after: (svc: string) => string[]): Action[] {
  const svc = byRole(observed.containers, 'service');
  const box = byRole(observed.containers, 'sandbox');
  const first = services.flatMap((s) => { const c = svc.get(s); return c ? [removal(c, cause, after(s))] : []; });
  const then = services.flatMap((s) => {
    const c = box.get(s);
    return c ? [removal(c, cause, svc.has(s) ? [`remove:service:${s}`] : [], observed.network?.name)] : [];
  });
  return [...first, ...then];
}

export function orphanRemovals(observed: ObservedState, orphans: string[]): Action[] {
  return removeServices(observed, orphans, 'orphan', () => []);
}

/**
 * `down`: service containers parents first (a child outlives every parent that uses it), then
 * sandboxes, and external containers detached (never removed), then the network, then the volumes
 * only when asked (`down -v`).
 */
export function planDown(project: string, observed: ObservedState, opts: { volumes: boolean }): Plan {
  const services = byRole(observed.containers, 'service');
  const all = sortedStrings(new Set(observed.containers.map((c) => c.service)));
  const edges: Edge[] = [...services.values()].flatMap((c) => (c.links ?? []).map((child): Edge => [c.service, child]));
  // a cycle cannot come from a valid manifest; if labels ever hold one, fall back to name order there
  const { order } = topoOrder(all, edges);
  const earlier = (p: string, c: string) => order.indexOf(p) < order.indexOf(c); // never wait in a circle
  const parentsOf = (child: string) =>
    sortedStrings(edges.filter(([p, c]) => c === child && services.has(p) && earlier(p, child)).map(([p]) => `remove:service:${p}`));
  const containers = removeServices(observed, order, 'down', parentsOf);
  const detached = externalDetachments(observed);
  const everyContainer = containers.map((a) => a.id);
  const actions: Action[] = [...containers, ...detached];
  if (observed.network) {
    const { name, id } = observed.network;
    const waitsFor = [...everyContainer, ...detached.map((a) => a.id)];
    actions.push({ id: 'network', kind: 'remove-network', cause: 'down', waitsFor, name, networkId: id });
  }
  if (opts.volumes) {
    for (const name of sortedStrings(observed.volumes)) {
      const short = name.startsWith(`${project}_`) ? name.slice(project.length + 1) : name;
      actions.push({ id: `volume:${short}`, kind: 'remove-volume', cause: 'down', waitsFor: everyContainer, name });
    }
  }
  return { project, actions, unchanged: [], orphans: [] };
}
