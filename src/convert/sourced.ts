// A value with where each node below it was written, as merge.ts and merge-ports.ts build one from the
// parts of a base and of the service that extends it, in whichever files those were.
import type { Value } from './fields.js';
import type { Source } from './place.js';

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

/** The entries of lists, in order, each with where it was written. */
export function entriesOf(...lists: Sourced[]): Sourced[] {
  return lists.flatMap((s) => (s.value as Value[]).map((_, i) => child(s, i)));
}

/** `items` with one per key (compose-go's uncity.go): one whose key an earlier one has takes its place; one without a key stays. */
export function onePerKey<T>(items: T[], key: (item: T) => string | undefined): T[] {
  const out: T[] = [];
  const at = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    const earlier = k === undefined ? undefined : at.get(k);
    if (earlier !== undefined) out[earlier] = item;
    else {
      if (k !== undefined) at.set(k, out.length);
      out.push(item);
    }
  }
  return out;
}

/** A list of `entries`, each where it was written; the list itself is where `whole` is. */
export function listOf(entries: Sourced[], whole: Source): Sourced {
  return { value: entries.map((e) => e.value), from: madeOf(whole, (i) => entries[Number(i)]?.from) };
}
