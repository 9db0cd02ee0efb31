// `logs --since/--until` read as the docker CLI reads them, and the engine's own timestamps. Local
// times are read in a zone without summer time, half an hour off the hour, so a zone mistake shows.
import { describe, expect, it } from 'vitest';
import { engineTime, parseLogTime, timestampNanos } from '../../../src/api/log-time.js';
import { UserError } from '../../../src/user-error.js';

process.env.TZ = 'Asia/Kolkata'; // +05:30

const NOW = new Date('2024-01-31T12:00:00.500Z'); // 1706702400.5
const read = (value: string) => engineTime(parseLogTime(value, NOW));

describe('parseLogTime', () => {
  it.each([
    // durations count back from now, to the whole second; a sign is Go's
    ['10m', '1706701800.000000000'],
    ['1h30m', '1706697000.000000000'],
    ['1.5h', '1706697000.000000000'],
    ['250ms', '1706702400.000000000'],
    ['-5m', '1706702700.000000000'],
    // "0" is the epoch, not a duration
    ['0', '0.000000000'],
    // Unix timestamps, their fraction as nanoseconds (docker keeps nine digits)
    ['1706691600', '1706691600.000000000'],
    ['1706691600.5', '1706691600.500000000'],
    ['1706691600.1234567891', '1706691600.123456789'],
    ['10', '10.000000000'],
    // RFC 3339 with a zone, down to the hour
    ['2024-01-31T09:00:00Z', '1706691600.000000000'],
    ['2024-01-31T09:00:00.000000001Z', '1706691600.000000001'],
    ['2024-01-31T09:00:00.5+01:00', '1706688000.500000000'],
    ['2024-01-31T09:00:00-05:00', '1706709600.000000000'],
    ['2024-01-31T09:30Z', '1706693400.000000000'],
    ['2024-01-31T09Z', '1706691600.000000000'],
    ['2024-01-31Z', '1706659200.000000000'],
    ['2024-01-31+05:30', '1706639400.000000000'],
    // without a zone: the local one (+05:30)
    ['2024-01-31', '1706639400.000000000'],
    ['2024-01-31T09:00', '1706671800.000000000'],
    ['2024-01-31T09:00:00.25', '1706671800.250000000'],
    ['2024-02-29T00:00:00Z', '1709164800.000000000'],
    ['0099-01-01T00:00:00Z', '-59042995200.000000000'],
  ])('%s → %s', (value, expected) => {
    expect(read(value)).toBe(expected);
  });

  it.each([
    ['', 'nothing'],
    ['bogus', 'a word'],
    ['-5', 'a negative timestamp: with a dash it is read as a date'],
    ['1e5', 'an exponent'],
    ['1706691600.', 'a point with no fraction'],
    ['2023-02-29', 'a day the month does not have'],
    ['2024-13-01', 'a thirteenth month'],
    ['2024-01-31T24:00:00Z', 'hour 24'],
    ['2024-01-31T09:00:60Z', 'second 60'],
    ['2024-01-31T09:00:00z', 'a lower-case zone'],
    ['2024-1-31', 'a month in one digit'],
    ['2024-01-31T09:00:00+0100', 'a zone without its colon'],
    ['2024-01-31 09:00:00', 'a space for the T'],
  ])('refuses %j (%s), saying which forms it takes', (value) => {
    const refusal = (() => {
      try {
        parseLogTime(value, NOW);
      } catch (err) {
        return err instanceof UserError ? { message: err.message, remedy: err.remedy } : err;
      }
    })();
    expect(refusal).toEqual({
      message: `"${value}" is not a time or a duration`,
      remedy: 'use a duration back from now (10m, 1h30m), an RFC 3339 time (2024-01-31, 2024-01-31T09:00:00Z) or a Unix timestamp (1706691600)',
    });
  });
});

describe('engineTime', () => {
  it.each([
    [0n, '0.000000000'],
    [1n, '0.000000001'],
    [1_706_691_600_123_456_789n, '1706691600.123456789'],
    [-1n, '-1.999999999'],
  ])('%s ns → %s, as docker writes a moment', (ns, expected) => {
    expect(engineTime(ns)).toBe(expected);
  });

  it('gives nothing for nothing', () => {
    expect(engineTime(undefined)).toBeUndefined();
  });
});

describe('timestampNanos', () => {
  it("reads the engine's RFC 3339 timestamps of log lines to the nanosecond", () => {
    expect(timestampNanos('2024-01-31T09:00:00.123456789Z')).toBe(1_706_691_600_123_456_789n);
    expect(timestampNanos('2024-01-31T10:00:00.5+01:00')).toBe(1_706_691_600_500_000_000n);
  });

  it('takes no time without a zone, which the engine always writes', () => {
    expect(timestampNanos('2024-01-31T09:00:00.123456789')).toBeUndefined();
  });
});
