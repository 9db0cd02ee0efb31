// The cause a recreation gives, from the config parts (config-parts.ts) of the container it replaces and of
// the one it makes: what changed in the user's words, not only that something did.
import { compareStrings } from './compare.js';
import type { Parts } from './config-parts.js';

/** What changed of a child (or, after `external-`, of an external container), by part. */
const CHILD_CHANGES: Record<string, string> = {
  address: 'address changed',
  env: 'shared env changed',
  external: 'env or exposed ports changed',
  link_env: 'link env changed (link_env)', // its ports' variables, their ports the same: the manifest's link_env changed
  ports: 'exposed ports changed',
};

/** Which part's change tells a change of the ports' variables: they follow the ports (or an external's env and ports). */
const PORTS_OF: Record<string, string> = { link_env: 'ports', 'external-link_env': 'external' };

/**
 * The cause of a recreation in the user's words: "config changed: image, command", "links changed",
 * "child db's shared env changed", "child db's address changed", "child db's link env changed (link_env)",
 * "external container legacy-db's env or exposed ports changed". A child's parts are compared only when
 * the link exists on both sides (a link added or removed is "links changed"). Nothing nameable changed (or
 * the container's label predates the part that did): "config changed".
 */
export function changeCause(before: Parts | undefined, now: Parts): string {
  if (!before) return 'config changed';
  const differs = (k: string) => k in before && before[k] !== now[k];
  const own = Object.keys(now).filter((k) => !k.includes('@') && k !== 'links' && differs(k));
  const causes = own.length ? [`config changed: ${own.sort(compareStrings).join(', ')}`] : [];
  if (differs('links')) causes.push('links changed');
  const byChild = Object.keys(now).filter((k) => k.includes('@') && differs(k)).map((k) => k.split('@').reverse());
  for (const [child, what] of byChild.sort(([a, x], [b, y]) => compareStrings(a!, b!) || compareStrings(x!, y!))) {
    const ports = PORTS_OF[what!];
    if (ports && differs(`${ports}@${child}`)) continue;
    causes.push(childCause(child!, what!));
  }
  return causes.length ? causes.join('; ') : 'config changed';
}

function childCause(child: string, what: string): string {
  const external = what === 'external' || what.startsWith('external-');
  return `${external ? 'external container' : 'child'} ${child}'s ${CHILD_CHANGES[what.replace(/^external-/, '')]}`;
}
