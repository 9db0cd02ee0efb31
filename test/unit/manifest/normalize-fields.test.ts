// Normalizing single fields and their errors, and the duration and shell-word parsers behind them.
import { describe, expect, test } from 'vitest';
import { parseDuration } from '../../../src/manifest/duration.js';
import type { Service } from '../../../src/manifest/model.js';
import { splitShellWords } from '../../../src/manifest/shell-words.js';
import { load, problems, svc } from './helpers.js';

const web = (body: string, opts: Parameters<typeof load>[1] = {}) => load(svc(body), opts).manifest.services.web!;

// what a healthcheck test without a command is told to write
const NO_COMMAND = 'use ["CMD", "pg_isready"] (a program and its arguments), ["CMD-SHELL", "pg_isready -U postgres"] or a string, which runs in a shell; leave test out to keep the image\'s own';

const LONGEST = 'a duration is at most 2562047h47m16s854ms (Go\'s limit, which compose and the engine read it with); use a shorter one';

describe('fields', () => {
  test.each<[string, Partial<Service>]>([
    ['build: .', { build: { context: '/proj/shop', args: {} }, image: 'nginx' }],
    ['command: ""', { command: [] }],
    ["command: echo 'a b' \"c\\\"d\" e\\ f", { command: ['echo', 'a b', 'c"d', 'e f'] }],
    ['command: [sh, -c, "echo $$HOME"]', { command: ['sh', '-c', 'echo $HOME'] }],
    ['healthcheck: {disable: true}', { healthcheck: { test: ['NONE'] } }],
    ['healthcheck: {test: [CMD, pg_isready]}', { healthcheck: { test: ['CMD', 'pg_isready'] } }],
    ['healthcheck: {interval: 5s}', { healthcheck: { test: [], intervalMs: 5000 } }],
    ['restart: "no"', { restart: { name: 'no' } }],
    ['restart: unless-stopped', { restart: { name: 'unless-stopped' } }],
    ['ready_timeout: "0"', { readyTimeoutMs: 0 }],
  ])('%s', (body, want) => {
    const got = web(body);
    const picked = Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof Service]]));
    expect(picked).toEqual(want);
  });

  test.each<[string, string[]]>([
    ['command: "echo \'hi"', ['4:14: command "echo \'hi" has an unterminated \' quote; close the quote or escape it with a backslash']],
    ['healthcheck: {test: [pg_isready]}', ['4:25: healthcheck test list must start with "CMD", "CMD-SHELL" or "NONE", not "pg_isready"; or give a string, which runs in a shell']],
    // dockerd 20.10 dies of ["CMD"] (a panic in its health probe); ["CMD-SHELL"] runs `sh -c` with nothing, which fails every probe
    ...([['[CMD]', '["CMD"]'], ['[CMD-SHELL]', '["CMD-SHELL"]'], ['[CMD, ""]', '["CMD", ""]'], ['[CMD-SHELL, ""]', '["CMD-SHELL", ""]'], ['""', '""'], ['[]', '[]']] as const).map(([list, shown]): [string, string[]] => [
      `healthcheck: {test: ${list}}`,
      [`4:25: healthcheck test ${shown} has no command; ${NO_COMMAND}`],
    ]),
    // Go's time.Duration is int64 nanoseconds; compose-go says only `time: invalid duration "9999999h"`
    ['stop_grace_period: 9999999h', [`4:24: stop_grace_period "9999999h" is too long: ${LONGEST}`]],
    ['healthcheck: {interval: 2562048h}', [`4:29: healthcheck.interval "2562048h" is too long: ${LONGEST}`]],
    ['healthcheck: {test: x, disable: true}', ['4:37: healthcheck has both "test" and "disable: true"; remove one (compose refuses both too)']],
    ['volumes: ["-bad:/x"]', ['4:15: volume name "-bad" is not valid; use letters, digits, \'_\', \'.\' or \'-\' (or start a host path with ".", "/" or "~")']],
    ['volumes: ["data"]', ['4:15: volumes entry "data" is not a volume; use "name:/path", "./dir:/path" or "/abs:/path", optionally followed by ":ro" or ":rw"']],
    ['volumes: ["data:rel"]', ['4:15: volumes entry "data:rel" is not a volume; use "name:/path", "./dir:/path" or "/abs:/path", optionally followed by ":ro" or ":rw"']],
  ])('%s fails', (body, want) => {
    expect(problems(svc(body))).toEqual(want);
  });
});

describe('helpers', () => {
  test.each<[string, number | undefined]>([
    ['2s', 2000], ['1m30s', 90000], ['500ms', 500], ['1.5h', 5400000], ['1h2m3s4ms', 3723004], ['0', 0], ['100us', 0], ['2', undefined], ['s', undefined], ['1x', undefined], ['', undefined],
    ['2562047h', 9_223_369_200_000], ['2562048h', undefined], // Go's limit: int64 nanoseconds
  ])('duration %s', (s, want) => {
    expect(parseDuration(s)).toEqual(want);
  });

  test.each<[string, string[] | { error: string }]>([
    ['a  b\tc', ['a', 'b', 'c']],
    ['a "" b', ['a', '', 'b']],
    ['"a\\$b" \'c\\d\'', ['a$b', 'c\\d']],
    ['a\\', { error: 'command "a\\\\" ends with a lone backslash' }],
  ])('shell words %s', (s, want) => {
    expect(splitShellWords(s)).toEqual(want);
  });
});
