// What a child offers to the services that link to it: ports (for env, firewall and readiness) and env.
import type { PortSpec, Service } from '../manifest/model.js';
import { unionPorts } from './compare.js';
import type { ObservedState } from './observed.js';

/**
 * docker: a link sees the child's exposed ports, i.e. `--expose`, `-p` (which exposes) and the image's
 * EXPOSE. De-duplicated and sorted by (port, proto); link-env applies each dialect's own order.
 */
export function offeredPorts(service: Service, observed: ObservedState): PortSpec[] {
  const image = observed.images[service.image];
  const published = service.ports.map((p) => ({ port: p.containerPort, proto: p.proto }));
  return unionPorts(service.expose, published, image?.exposedPorts ?? []);
}

/** docker: the child's configured env, image ENV first, then its own (which wins in link-env). */
export function offeredEnv(service: Service, observed: ObservedState): string[] {
  const image = observed.images[service.image];
  const own = Object.entries(service.environment).map(([k, v]) => `${k}=${v}`);
  return [...(image?.env ?? []), ...own];
}
