// `ls`: every name of the project and every link path (`web/db`), each with the container it points
// to, as in links' first proposal (`docker ls`: NAME CONTAINER IMAGE). Aliases come from the manifest;
// containers and their state from the engine. An external link's path points at a container hitch
// does not manage, found by its name as `up` finds it (src/plan/externals.ts); `ls` only reads.
import type { Engine } from '../engine/engine.js';
import type { Manifest, Service } from '../manifest/model.js';
import { compareStrings } from '../plan/compare.js';
import { externalNames, observedExternal } from '../plan/externals.js';
import type { ObservedContainer, ObservedState } from '../plan/observed.js';
import { containersOf } from './lookup.js';
import { containerState, serviceState, type ServiceState } from './service-state.js';

interface Target {
  container: string; // the container's name
  id: string | null; // its short id; null when missing (as `ps --json` has a missing id)
  image: string | null; // null for a missing external (nothing says what it would run)
  // a running service container whose sandbox is not running, or restarted under it, has no network: it
  // says so; a paused container, or a paused sandbox alone, says so too
  state: ServiceState;
}

/** A service ("db"), a link path ("web/db": web's link with alias db) or an external link's path. */
export type LsRow = { name: string } & ({ service: string } | { external: true }) & Target;

function target(container: string, image: string | null, found?: Pick<ObservedContainer, 'id' | 'running' | 'paused' | 'restarting'>): Target {
  return { container, id: found?.id.slice(0, 12) ?? null, image, state: containerState(found) };
}

function serviceRow(manifest: Manifest, observed: ObservedState, name: string, service: string): LsRow {
  const found = containersOf(observed, service);
  const spec = manifest.services[service]!;
  // the image the container runs; the manifest's only for one not made yet (what `up` would run)
  const image = found.main?.image ?? spec.image;
  return { name, service, ...target(found.main?.name ?? spec.containerName, image, found.main), state: serviceState(found) };
}

function externalRow(observed: ObservedState, name: string, container: string): LsRow {
  const found = observedExternal(observed, container);
  return { name, external: true, ...target(container, found?.image ?? null, found) };
}

/** A service's link paths, links and external links together, by alias. */
function linkRows(manifest: Manifest, observed: ObservedState, s: Service): LsRow[] {
  return [
    ...s.links.map((l) => serviceRow(manifest, observed, `${s.name}/${l.alias}`, l.target)),
    ...s.externalLinks.map((l) => externalRow(observed, `${s.name}/${l.alias}`, l.container)),
  ].sort((x, y) => compareStrings(x.name, y.name));
}

/** Services by name, each followed by its link paths by alias. */
export async function ls(engine: Engine, manifest: Manifest): Promise<LsRow[]> {
  // start times tell a sandbox restarted under its running service (lookup.ts: sandboxProblem)
  const observed = await engine.observe(manifest.project, [], { externals: externalNames(manifest), startTimes: true });
  return Object.values(manifest.services).flatMap((s) => [serviceRow(manifest, observed, s.name, s.name), ...linkRows(manifest, observed, s)]);
}
