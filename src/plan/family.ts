// Who links whom, by the manifest: each service's children (the services it links) and parents (those
// that link it). The firewall, the link env, the labels and the selection all ask the same question.
import type { Manifest, Service } from '../manifest/model.js';
import { compareStrings, sortedStrings } from './compare.js';

/** The services `service` links, each once (two aliases of one child are one link), sorted. */
export function childrenOf(service: Service): string[] {
  return sortedStrings(new Set(service.links.map((l) => l.target)));
}

// Manifests are frozen, so each one's parents index is built once: asking per child would be
// quadratic in the number of services (1000 services: a second).
const parentsIndexes = new WeakMap<Manifest, Map<string, string[]>>();

function parentsIndex(manifest: Manifest): Map<string, string[]> {
  let index = parentsIndexes.get(manifest);
  if (index) return index;
  index = new Map();
  for (const s of Object.values(manifest.services)) {
    for (const target of childrenOf(s)) {
      const parents = index.get(target);
      if (parents) parents.push(s.name);
      else index.set(target, [s.name]);
    }
  }
  for (const parents of index.values()) parents.sort(compareStrings);
  parentsIndexes.set(manifest, index);
  return index;
}

/** Services that link to `child`, by name, sorted. */
export function parentsOf(child: string, manifest: Manifest): string[] {
  return [...(parentsIndex(manifest).get(child) ?? [])];
}
