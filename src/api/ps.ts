// `ps`: one row per service of the project, joining each service container with its sandbox.
import type { Engine } from '../engine/engine.js';
import type { ObservedContainer } from '../plan/observed.js';
import { containersOf, sandboxProblem, servicesOf, type ServiceContainers } from './lookup.js';

export interface PsRow {
  service: string;
  container: string;
  state: string;
  ip: string;
  ports: string[];
  links: string[];
}

/** The service container's state in the engine's words, and what is wrong with its sandbox. */
function stateOf(t: ServiceContainers & { main: ObservedContainer }): string {
  const own = t.main.status ?? (t.main.running ? 'running' : 'stopped');
  const problem = sandboxProblem(t);
  return problem ? `${own} (${problem})` : own;
}

export async function ps(engine: Engine, project: string): Promise<PsRow[]> {
  const observed = await engine.observe(project, []);
  return servicesOf(observed).map((service) => {
    const found = containersOf(observed, service);
    const { sandbox: box, main } = found;
    return {
      service,
      container: main?.name ?? '(missing)',
      state: main ? stateOf({ ...found, main }) : 'missing',
      ip: box?.ip ?? '',
      ports: box?.published ?? [],
      links: main?.links ?? [],
    };
  });
}
