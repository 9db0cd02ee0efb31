// The `hitch` command line: commander commands, and the one error boundary.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { createRequire } from 'node:module';
import { UsageError, UserError } from '../user-error.js';
import { projectNameArgument } from './argument.js';
import { registerCheck } from './commands/check.js';
import { registerDown } from './commands/down.js';
import { registerManifestCommands } from './commands/manifest-commands.js';
import { registerPlan } from './commands/plan.js';
import { registerPs } from './commands/ps.js';
import { registerUp } from './commands/up.js';
import { registerConvert } from './commands/convert.js';
import { registerExec } from './commands/exec.js';
import { registerLogs } from './commands/logs.js';
import { registerLs } from './commands/ls.js';
import { registerPort } from './commands/port.js';
import { registerRestart } from './commands/restart.js';
import { registerSchema } from './commands/schema.js';
import { registerStart } from './commands/start.js';
import { registerStop } from './commands/stop.js';

/** compose merges several -f files; hitch reads one manifest, so a second -f is refused, not dropped. */
function fileArgument(value: string, previous: string | undefined): string {
  if (previous !== undefined) {
    throw new InvalidArgumentError(`given twice (${JSON.stringify(previous)}, then ${JSON.stringify(value)}); hitch reads one manifest and merges no override files: write what the second adds into the first, or run \`hitch -f FILE config\` on each to compare`);
  }
  return value;
}

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2; // also an invalid manifest

/** The subcommand that args name: the first word that is neither a program option nor its value. */
function subcommandOf(p: Command, args: string[]): string | undefined {
  const takesValue = new Set(p.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long]));
  for (let i = 0; i < args.length; i++) {
    if (takesValue.has(args[i])) i++;
    else if (!args[i]!.startsWith('-')) return args[i];
  }
  return undefined;
}

function program(argv: string[]): Command {
  const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
  const p = new Command('hitch')
    .description("declarative containers with Docker's links: link env, hosts and link-only connectivity")
    .version(version)
    .option('-f, --file <path>', 'the manifest, - for stdin (default: hitch.yaml here or in the nearest folder above)', fileArgument)
    .option('-p, --project-name <name>', "the project's name (default: the manifest's name, or its folder)", projectNameArgument)
    .option('--json', 'machine-readable output')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerUp(p);
  registerDown(p);
  registerPlan(p);
  registerPs(p);
  registerCheck(p);
  registerManifestCommands(p);
  registerLs(p);
  registerPort(p);
  registerLogs(p);
  registerRestart(p);
  registerStop(p);
  registerStart(p);
  registerConvert(p);
  registerSchema(p);
  // Program options are read anywhere on the line (`hitch ps --json`), except for two commands, as in
  // docker: exec, where what follows SERVICE is the command's (`hitch exec web tail -f log`), and logs,
  // whose -f is --follow. For those, program options come first (`hitch -f FILE logs -f`).
  const subcommand = subcommandOf(p, argv.slice(2));
  p.enablePositionalOptions(subcommand === 'exec' || subcommand === 'logs');
  registerExec(p, subcommand === 'exec');
  return p;
}

/** User mistakes get a message and a remedy; only bugs get a stack trace. */
async function report(err: unknown): Promise<number> {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
  const { ManifestError } = await import('../manifest/index.js');
  if (err instanceof ManifestError) {
    process.stderr.write(err.format() + '\n');
    return EXIT_USAGE;
  }
  if (err instanceof UserError) {
    process.stderr.write(`hitch: ${err.message}\n${err.remedy ? `  to fix: ${err.remedy}\n` : ''}`);
    return err instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
  }
  process.stderr.write(`hitch: internal error (a bug in hitch, please report it):\n${(err as Error)?.stack ?? err}\n`);
  return EXIT_FAILURE;
}

/** What a program killed by SIGPIPE exits with, as seen by a shell: docker's `logs … | head -1`. */
const EXIT_BROKEN_PIPE = 141;

/**
 * A reader that stops early (`hitch logs db | head -1`) closes the pipe: the next write fails with EPIPE,
 * which nothing else handles. Stop quietly then, as docker does (Node itself ignores SIGPIPE).
 */
function stopOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(EXIT_BROKEN_PIPE);
    });
  }
}

export async function main(argv: string[]): Promise<void> {
  stopOnBrokenPipe();
  try {
    await program(argv).parseAsync(argv);
  } catch (err) {
    process.exitCode = await report(err);
  }
}
