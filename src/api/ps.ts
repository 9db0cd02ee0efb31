// `ps`: one row per service of the project, joining each service container with its sandbox.
import type { Engine } from '../engine/engine.js';

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
  const services = [...new Set(observed.containers.map((c) => c.service))].sort();
  return services.map((service) => {
    const box = observed.containers.find((c) => c.service === service && c.role === 'sandbox');
    const main = observed.containers.find((c) => c.service === service && c.role === 'service');
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
