import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseLogTime } from '../../api/log-time.js';
import type { LogLine } from '../../engine/engine.js';
import { argumentParser } from '../argument.js';
import { globals, openEngine, scopeFrom } from '../context.js';
import { refuseJson } from '../no-json.js';

// docker compose's order: cyan, yellow, green, magenta, blue, then their bright variants.
const COLOURS = [36, 33, 32, 35, 34, 96, 93, 92, 95, 94];

/** "web  | " for each service, padded to the longest name, coloured on a terminal. */
export function prefixes(services: string[], colour: boolean): Map<string, string> {
  const width = Math.max(0, ...services.map((s) => s.length));
  return new Map(
    services.map((s, i) => {
      const text = `${s.padEnd(width)} | `;
      return [s, colour ? `\x1b[${COLOURS[i % COLOURS.length]}m${text}\x1b[0m` : text];
    }),
  );
}

function tailCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('use a number of lines, like 20');
  return Number(value);
}

/** --since and --until as docker reads them; a malformed one is a usage error before any request. */
const moment = argumentParser((value) => parseLogTime(value, new Date()));

interface LogsFlags {
  follow?: boolean;
  tail?: number;
  since?: bigint;
  until?: bigint;
  timestamps?: boolean;
  logPrefix: boolean;
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description("print services' logs, each line prefixed with its service (all services by default)")
    .argument('[services...]', 'the services to show')
    .option('-f, --follow', 'keep printing new lines, across restarts and recreates, until no followed service runs')
    .option('-n, --tail <lines>', 'only the last N lines of each service', tailCount)
    .option('--since <time>', 'only lines since then: 2024-01-31T09:00:00Z, a Unix timestamp, or a duration back from now (10m)', moment)
    .option('--until <time>', 'only lines before then, in the same forms', moment)
    .option('-t, --timestamps', "show each line's timestamp (RFC 3339, the engine's)")
    .option('--no-log-prefix', 'print lines without the service prefix')
    // program options come before `logs` (its -f is --follow); --json is taken after it too, as by the
    // other commands, to be refused the same way
    .addOption(new Option('--json').hideHelp())
    .action(async (services: string[], opts: LogsFlags, cmd: Command) => {
      const g = globals(cmd);
      refuseJson(g, 'logs', "the services' lines as they wrote them", 'drop --json; `hitch logs --no-log-prefix SERVICE` prints one service\'s lines bare, `--timestamps` adds when each was written');
      const scope = await scopeFrom(g);
      const { logs } = await import('../../api/streams.js');
      let prefix = new Map<string, string>();
      const colour = Boolean(process.stdout.isTTY && process.stdout.hasColors());
      await logs(await openEngine(), scope, services, {
        follow: opts.follow,
        tail: opts.tail,
        since: opts.since,
        until: opts.until,
        timestamps: opts.timestamps,
        onServices: (names) => (prefix = opts.logPrefix ? prefixes(names, colour) : new Map()),
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
        onLine: (service: string, line: LogLine) => {
          const out = line.stream === 'stderr' ? process.stderr : process.stdout;
          // compose's order: the service, then the engine's timestamp, then the line
          const time = opts.timestamps && line.time ? `${line.time} ` : '';
          out.write(`${prefix.get(service) ?? ''}${time}${line.text}\n`);
        },
      });
    });
}
