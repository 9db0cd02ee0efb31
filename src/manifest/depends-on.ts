// compose's `depends_on`, read in either of its forms: for `hitch validate`, which says what links to
// write instead (compose-keys.ts), and for `hitch convert`, which merges it through `extends` and drops
// what links cover (src/convert). src/manifest, so that both may import it.
import { isMapping } from './tree.js';

/** One service of `depends_on`, with its options and the key or index it is written at below `depends_on`. */
export interface Dependency {
  service: string;
  options: Record<string, unknown>; // condition, restart, required
  at: string | number;
}

/**
 * The entries of `depends_on`'s mapping form, or of its list form, whose every service compose-go's
 * transform (transform/dependson.go) makes `{condition: service_started, required: true}`. A list entry
 * that is not a string is named as JSON.
 */
export function dependencies(value: unknown): Dependency[] {
  if (Array.isArray(value)) {
    return value.map((s, i) => ({ service: typeof s === 'string' ? s : (JSON.stringify(s) ?? String(s)), options: { condition: 'service_started', required: true }, at: i }));
  }
  if (!isMapping(value)) return [];
  return Object.entries(value).map(([service, v]) => ({ service, options: isMapping(v) ? v : {}, at: service }));
}
