// `ls`: every name of the project and every link path (`web/db`), each with the container it points
// to, as in links' first proposal (`docker ls`: NAME CONTAINER IMAGE). Aliases come from the manifest;
// containers and their state from the engine.
import type { Engine } from '../engine/engine.js';
import type { Manifest } from '../manifest/model.js';
import type { ObservedState } from '../plan/observed.js';
import { containersOf } from './lookup.js';

export interface LsRow {
  name: string; // a service ("db") or a link path ("web/db": web's link with alias db)
  service: string; // the service the name points to
  container: string; // its container's name
  id: string; // its container's short id; '' when missing
  image: string;
  state: 'running' | 'stopped' | 'missing';
}

function row(manifest: Manifest, observed: ObservedState, name: string, service: string): LsRow {
  const { main } = containersOf(observed, service);
  const spec = manifest.services[service]!;
  return {
    name,
    service,
    container: main?.name ?? spec.containerName,
    id: main?.id.slice(0, 12) ?? '',
    image: spec.image,
    state: main ? (main.running ? 'running' : 'stopped') : 'missing',
  };
}

/** Services by name, each followed by its link paths by alias. */
export async function ls(engine: Engine, manifest: Manifest): Promise<LsRow[]> {
  const observed = await engine.observe(manifest.project, []);
  return Object.values(manifest.services).flatMap((s) => [
    row(manifest, observed, s.name, s.name),
    ...s.links.map((l) => row(manifest, observed, `${s.name}/${l.alias}`, l.target)),
  ]);
}
