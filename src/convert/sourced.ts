// A value with where each node below it was written, as merge.ts and merge-ports.ts build one from the
// parts of a base and of the service that extends it, in whichever files those were.
import type { Source } from './place.js';
import type { Value } from './fields.js';

/** A value and where each node below it was written. */
export interface Sourced {
  value: Value;
  from: Source;
}

/** What is below `key` (or index) of `s`, with where it was written. */
export function child(s: Sourced, key: string | number): Sourced {
  return { value: (s.value as Record<string | number, Value>)[key], from: (below) => s.from([key, ...below]) };
}

/** The Source of a value made of parts: `part(key)` for what is below a key or index, else `whole`. */
export function madeOf(whole: Source, part: (key: string | number) => Source | undefined): Source {
  return (below) => (below.length === 0 ? whole([]) : (part(below[0]!)?.(below.slice(1)) ?? whole(below)));
}
