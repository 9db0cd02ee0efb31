// compose durations are Go's time.ParseDuration strings: "2s", "1m30s", "500ms", "1.5h". Read here,
// and written back (for `hitch config`) in whole units, largest first, which parse to the same ms.
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
const PART = /([0-9]+(?:\.[0-9]+)?)(h|ms|m|s|us|µs|ns)/gy;
const MAX_MS = 9_223_372_036_854; // Go's time.Duration is int64 nanoseconds: about 2562047h, no more

/** Milliseconds (rounded), or undefined if `s` is not a duration. */
export function parseDuration(s: string): number | undefined {
  const total = writtenMs(s);
  return total !== undefined && total <= MAX_MS ? Math.round(total) : undefined;
}

/** Whether `s` is written as a duration but is longer than Go's time.Duration holds. */
export function tooLong(s: string): boolean {
  return (writtenMs(s) ?? 0) > MAX_MS;
}

/** The milliseconds `s` writes, however many; undefined if it is not written as a duration. */
function writtenMs(s: string): number | undefined {
  if (s === '0') return 0;
  PART.lastIndex = 0;
  let total = 0;
  let matched = 0;
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    matched = PART.lastIndex;
  }
  return matched === s.length && s.length > 0 ? total : undefined;
}

export const DURATION_FORM = 'use a duration like "2s", "1m30s" or "500ms"';

const WRITTEN_UNITS: readonly [string, number][] = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];

/**
 * Whole milliseconds as a duration, largest unit first: 90000 → "1m30s", 1500 → "1s500ms", 0 → "0s" (as
 * Go's Duration.String() and `docker compose config` write it: "0" alone is a number to a YAML reader).
 */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of WRITTEN_UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

// compose-go says only `time: invalid duration "9999999h"`, Go's words
export const LONGEST_DURATION = `a duration is at most ${formatDuration(MAX_MS)} (Go's limit, which compose and the engine read it with)`;
