// What a plan made before `up` fetches images cannot know: a missing image's ENV and EXPOSE. `plan` and
// `up --dry-run` fetch nothing (they change nothing), so they say which parts of the plan that leaves out.
import type { Manifest } from '../manifest/model.js';
import { parentsOf } from './family.js';
import type { ObservedState } from './observed.js';

export interface UnknownImage {
  service: string;
  image: string;
  how: 'build' | 'pull'; // what `up` would do first
}

/** Of the services `up` would make (`selected`, default all): those whose image is not on the engine. */
export function unknownImages(manifest: Manifest, observed: ObservedState, selected?: readonly string[]): UnknownImage[] {
  const made = selected && new Set(selected);
  return Object.values(manifest.services)
    .filter((s) => (!made || made.has(s.name)) && !observed.images[s.image])
    .map((s) => ({ service: s.name, image: s.image, how: s.build ? 'build' : 'pull' }));
}

export function unknownImageWarning(u: UnknownImage, manifest: Manifest): string {
  const parents = parentsOf(u.service, manifest);
  const head = `image ${u.image} of ${u.service} is not on the engine (up would ${u.how} it first): its ENV and EXPOSE are unknown`;
  return parents.length > 0 ? `${head}, so this plan leaves out what they give ${parents.join(', ')}: link env and firewall rules` : `${head} to this plan`;
}
