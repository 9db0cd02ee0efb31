import { InvalidArgumentError, Option, type Command } from 'commander';
import type { ExecStreams } from '../../engine/engine.js';
import type { Lookup } from '../../manifest/template.js';
import { UsageError, UserError } from '../../user-error.js';
import { commandLineEnv, globals, openEngine, scopeFrom } from '../context.js';
import { refuseJson } from '../no-json.js';

/** -t gives the command a terminal of our size; with -i our terminal goes raw so every key (Ctrl-C too) reaches it. */
function streamsFor(opts: { interactive?: boolean; tty?: boolean }): { streams: ExecStreams; restore: () => void } {
  const stdin = opts.interactive ? process.stdin : undefined;
  const streams: ExecStreams = { stdin, stdout: process.stdout, stderr: process.stderr };
  if (!opts.tty) return { streams, restore: () => {} };
  // docker exec's rule: a terminal for the command needs one here when stdin is attached.
  if (stdin && !stdin.isTTY) throw new UserError('the input device is not a TTY', 'drop -t, or run hitch from a terminal');
  streams.tty = {
    size: () => ({ rows: process.stdout.rows || 24, columns: process.stdout.columns || 80 }),
    onResize: (listener) => {
      process.stdout.on('resize', listener);
      return () => process.stdout.off('resize', listener);
    },
  };
  stdin?.setRawMode(true);
  return { streams, restore: () => stdin?.setRawMode(false) };
}

/** One -e value, as given: a name that is empty or holds a space is a usage error. */
export function envArgument(value: string): string {
  const equals = value.indexOf('=');
  const key = equals === -1 ? value : value.slice(0, equals);
  if (key === '') throw new InvalidArgumentError(`"${value}" names no variable: use KEY=VALUE`);
  if (/[ \t]/.test(key)) throw new InvalidArgumentError(`the variable name "${key}" holds whitespace`);
  return value;
}

/**
 * KEY=VALUE as it is; KEY alone takes its value from `lookup` (hitch's environment, then the project's
 * `.env`, as in compose v2), or, unset there, unsets it for the command (docker exec's rule).
 */
export function withValue(value: string, lookup: Lookup): string {
  if (value.includes('=')) return value;
  const found = lookup(value);
  return found === undefined ? value : `${value}=${found}`;
}

interface ExecFlags {
  interactive?: boolean;
  tty?: boolean;
  detach?: boolean;
  user?: string;
  workdir?: string;
  env?: string[];
  privileged?: boolean;
}

export function registerExec(program: Command, passThrough: boolean): void {
  program
    .command('exec')
    .description("run a command in a service's running container; exits with the command's exit code")
    .argument('<service>', 'the service')
    .argument('<command...>', 'the command and its arguments')
    .option('-i, --interactive', 'attach stdin')
    .option('-t, --tty', 'allocate a terminal (use -it for a shell)')
    .option('-T, --no-tty', "no terminal: hitch's default, accepted for compose scripts")
    .option('-d, --detach', 'start the command and return at once, attached to nothing')
    .option('-u, --user <user>', 'run the command as this user (name or uid[:gid])')
    .option('-w, --workdir <dir>', 'run the command in this directory')
    .option('-e, --env <KEY=VALUE>', "set a variable for the command (repeatable); KEY alone passes on hitch's own, else the project .env's", (value: string, all: string[] = []) => [...all, envArgument(value)])
    .option('--privileged', 'give the command extended privileges')
    // program options come before `exec` (what follows SERVICE is the command's); --json is taken
    // between `exec` and SERVICE too, as `logs` takes it, to be refused the same way
    .addOption(new Option('--json').hideHelp())
    // Everything after SERVICE is the command's, options too (`hitch exec web ls -l`), as with `docker exec`.
    .passThroughOptions(passThrough)
    .action(async (service: string, command: string[], opts: ExecFlags, cmd: Command) => {
      if (opts.detach && (opts.interactive || opts.tty)) throw new UsageError('-d attaches nothing to the command', 'drop -i and -t, or -d');
      const g = globals(cmd);
      refuseJson(g, 'exec', "the command's own output", "drop --json: the command's output is passed on as it writes it (`hitch exec web cat state.json`)");
      const scope = await scopeFrom(g);
      const lookup = opts.env?.some((v) => !v.includes('=')) ? await commandLineEnv(g) : undefined;
      const env = lookup ? opts.env?.map((v) => withValue(v, lookup)) : opts.env;
      const { exec, execDetached } = await import('../../api/streams.js');
      const engine = await openEngine();
      const settings = { user: opts.user, workdir: opts.workdir, env, privileged: opts.privileged };
      if (opts.detach) return execDetached(engine, scope, service, command, settings);
      const { streams, restore } = streamsFor(opts);
      try {
        process.exitCode = await exec(engine, scope, service, command, streams, settings);
      } finally {
        restore();
        // stdin was read from: stop reading, or the process would wait for more input
        if (streams.stdin) process.stdin.destroy();
      }
    });
}
