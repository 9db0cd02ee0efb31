// `up SERVICE…` and `plan SERVICE…`: the services whose containers a plan may create, recreate or start.
// As in compose, the services named and, unless --no-deps, every service they link to, transitively: a
// parent starts only once its children run (spec/links.md §1), so bringing it up brings them up.
import type { Manifest } from '../manifest/model.js';
import { quotedWithGuess } from '../manifest/suggest.js';
import { UsageError } from '../user-error.js';
import { sortedStrings } from './compare.js';
import { childrenOf } from './family.js';

/** The services the names select, sorted; undefined for no names: the whole manifest. */
export function selectServices(manifest: Manifest, names: readonly string[], opts: { noDeps?: boolean } = {}): string[] | undefined {
  if (names.length === 0) return undefined;
  // own keys only: "constructor" is not a service
  const unknown = [...new Set(names.filter((n) => !Object.hasOwn(manifest.services, n)))];
  if (unknown.length > 0) throw unknownServices(unknown, Object.keys(manifest.services));
  const selected = new Set<string>();
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (selected.has(name)) continue;
    selected.add(name);
    if (!opts.noDeps) pending.push(...childrenOf(manifest.services[name]!));
  }
  return sortedStrings(selected);
}

function unknownServices(unknown: string[], known: string[]): UsageError {
  const named = unknown.map((n) => quotedWithGuess(n, known));
  const noun = unknown.length === 1 ? 'service' : 'services';
  return new UsageError(`no such ${noun} in the manifest: ${named.join(', ')}`, `name services the manifest has: ${sortedStrings(known).join(', ')}`);
}

/**
 * What a plan for `selected` relies on: the selection and the children its services link, which --no-deps
 * leaves out but whose address, env and exposed ports make their parents' link env and hosts lines.
 */
export function reliedOn(manifest: Manifest, selected: ReadonlySet<string>): Set<string> {
  const names = new Set(selected);
  for (const name of selected) for (const child of childrenOf(manifest.services[name]!)) names.add(child);
  return names;
}
