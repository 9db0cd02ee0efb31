// `ps`: one row per service of the project, joining each service container with its sandbox.
import type { Engine } from '../engine/engine.js';
import { containersOf, servicesOf } from './lookup.js';

export interface PsRow {
  service: string;
  container: string;
  state: string;
  ip: string;
  ports: string[];
  links: string[];
}

export async function ps(engine: Engine, project: string): Promise<PsRow[]> {
  const observed = await engine.observe(project, []);
  return servicesOf(observed).map((service) => {
    const { sandbox: box, main } = containersOf(observed, service);
    return {
      service,
      container: main?.name ?? '(missing)',
      state: main ? (main.status ?? (main.running ? 'running' : 'stopped')) : 'missing',
      ip: box?.ip ?? '',
      ports: box?.published ?? [],
      links: main?.links ?? [],
    };
  });
}
