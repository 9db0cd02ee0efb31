// `ps`: one row per service of the project, joining each service container with its sandbox.
import type { Engine } from '../engine/engine.js';
import type { ObservedContainer } from '../plan/observed.js';
import { containersOf, servicesOf } from './lookup.js';

export interface PsRow {
  service: string;
  container: string;
  state: string;
  ip: string;
  ports: string[];
  links: string[];
}

/**
 * The service container's state in the engine's words, and what is wrong with its sandbox: a service
 * running without it has no network (its namespace went with the sandbox), though the engine says "Up".
 */
function stateOf(main: ObservedContainer, box: ObservedContainer | undefined): string {
  const own = main.status ?? (main.running ? 'running' : 'stopped');
  if (!main.running || box?.running) return own;
  return `${own} (sandbox ${box ? 'stopped' : 'missing'})`;
}

export async function ps(engine: Engine, project: string): Promise<PsRow[]> {
  const observed = await engine.observe(project, []);
  return servicesOf(observed).map((service) => {
    const { sandbox: box, main } = containersOf(observed, service);
    return {
      service,
      container: main?.name ?? '(missing)',
      state: main ? stateOf(main, box) : 'missing',
      ip: box?.ip ?? '',
      ports: box?.published ?? [],
      links: main?.links ?? [],
    };
  });
}
