// `ps`: one row per service of the project, joining each service container with its sandbox.
import type { Engine } from '../engine/engine.js';
import { containersOf, knownServices, unknownServices, type ProjectScope } from './lookup.js';
import { serviceState, type ServiceState } from './service-state.js';
import { publishedPorts, type PortMapping } from './port.js';

export interface PsRow {
  service: string;
  container: string | null; // null: the service container is missing (its sandbox is left, or the manifest's service has none)
  id: string | null; // the container's full id, as `ps -q` prints it
  state: ServiceState; // in fixed words, as `ls` gives them
  status: string | null; // the engine's words for the container: "Up 2 minutes", "Exited (0) 3 seconds ago"
  ip: string | null; // null: no sandbox, so no address
  ports: PortMapping[]; // published on the sandbox, as `port --json` gives them
  links: string[];
}

/**
 * The rows of the named services (default: all), by name; a name the project does not know is a usage
 * error. A service the manifest declares that has no container is a row too, `missing`, as `ls` has it
 * (compose's ps, listing containers, shows nothing for it).
 */
export async function ps(engine: Engine, scope: ProjectScope, services: string[] = []): Promise<PsRow[]> {
  // start times tell a sandbox restarted under its running service (lookup.ts: sandboxProblem)
  const observed = await engine.observe(scope.name, [], { startTimes: true });
  const unknown = unknownServices(observed, scope, services);
  if (unknown) throw unknown;
  return knownServices(observed, scope)
    .filter((s) => services.length === 0 || services.includes(s))
    .map((service) => {
      const found = containersOf(observed, service);
      const { sandbox, main } = found;
      const state = serviceState(found);
      return {
        service,
        container: main?.name ?? null,
        id: main?.id ?? null,
        state,
        status: main ? (main.status ?? state) : null,
        ip: sandbox?.ip ?? null,
        ports: sandbox ? publishedPorts(sandbox) : [],
        links: main?.links ?? [],
      };
    });
}
