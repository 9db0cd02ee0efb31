// Moments for `logs --since/--until`, read as the docker CLI reads them (its GetTimestamp): a duration
// back from now ("10m", "1h30m"), an RFC 3339 date or time, in the local zone when it names none
// ("2024-01-31", "2024-01-31T09:00", "2024-01-31T09:00:00.5+01:00"), or a Unix timestamp
// ("1706691600", "1706691600.5"). The engine's own timestamps (`logs -t`, events) are read here too.
// A moment is nanoseconds since the epoch; the engine takes it as "seconds.nanoseconds".
import { parseDuration } from '../manifest/duration.js';
import { UserError } from '../user-error.js';

const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MS = 1_000_000n;

// date, then optionally T and the hour, minutes, seconds and a fraction (each only after the one before),
// then optionally a zone: docker's layouts, from "2006-01-02" to "2006-01-02T15:04:05.999999999Z07:00"
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(?:(Z)|([+-])(\d{2}):(\d{2}))?$/;
const UNIX = /^\+?(\d+)(?:\.(\d+))?$/;

/** "1706691600.000000001": the engine's form of a moment (docker: "%d.%09d"); none for none. */
export function engineTime(ns: bigint | undefined): string | undefined {
  if (ns === undefined) return undefined;
  const seconds = ns >= 0n ? ns / NS_PER_SECOND : -((-ns + NS_PER_SECOND - 1n) / NS_PER_SECOND); // floor
  return `${seconds}.${(ns - seconds * NS_PER_SECOND).toString().padStart(9, '0')}`;
}

/** A Date at a UTC calendar day; not Date.UTC, which reads years 0–99 as 1900–1999. */
function utcDay(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/** An RFC 3339 moment in docker's layouts; one without a zone is that many minutes east of UTC, or undefined. */
function rfc3339(value: string, unzonedEast: number | undefined): bigint | undefined {
  const m = RFC3339.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const [zoneHours, zoneMinutes] = [Number(m[10] ?? 0), Number(m[11] ?? 0)];
  // day 0 of the next month is the last of this one
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= utcDay(year, month + 1, 0).getUTCDate() && hour < 24 && minute < 60 && second < 60 && zoneHours < 24 && zoneMinutes < 60;
  const zoned = m[8] !== undefined || m[9] !== undefined;
  const eastMinutes = zoned ? (m[9] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes) : unzonedEast;
  if (!valid || eastMinutes === undefined) return undefined;
  const utc = utcDay(year, month, day);
  utc.setUTCHours(hour, minute - eastMinutes, second);
  return BigInt(utc.getTime()) * NS_PER_MS + BigInt((m[7] ?? '').padEnd(9, '0'));
}

/** Go's duration, signed ("-5m" is five minutes ahead), or undefined. */
function duration(value: string): number | undefined {
  const sign = value.startsWith('-') ? -1 : 1;
  const ms = parseDuration(value.replace(/^[+-]/, ''));
  return ms === undefined ? undefined : sign * ms;
}

/**
 * A `--since`/`--until` value as a moment, read as docker reads it: a duration counts back from `now`
 * to the whole second, "0" is the epoch, the rest is a time or a Unix timestamp. Anything else is a
 * UserError that shows the forms.
 */
export function parseLogTime(value: string, now: Date): bigint {
  const back = value === '0' ? undefined : duration(value);
  if (back !== undefined) return BigInt(Math.floor((now.getTime() - back) / 1000)) * NS_PER_SECOND;
  const moment = rfc3339(value, -now.getTimezoneOffset()); // docker: the local zone's offset now
  if (moment !== undefined) return moment;
  const unix = value.includes('-') ? undefined : UNIX.exec(value); // with a dash it was meant as a date
  if (unix) return BigInt(unix[1]!) * NS_PER_SECOND + BigInt((unix[2] ?? '').slice(0, 9).padEnd(9, '0'));
  throw new UserError(
    `"${value}" is not a time or a duration`,
    'use a duration back from now (10m, 1h30m), an RFC 3339 time (2024-01-31, 2024-01-31T09:00:00Z) or a Unix timestamp (1706691600)',
  );
}

/** The engine's RFC 3339 timestamp of a log line as a moment; undefined if it is not one. */
export function timestampNanos(text: string): bigint | undefined {
  return rfc3339(text, undefined);
}
