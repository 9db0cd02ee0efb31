import type { Command } from 'commander';
import type { ExecStreams } from '../../engine/engine.js';
import { UserError } from '../../user-error.js';
import { globals, openEngine, projectFrom } from '../context.js';

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

export function registerExec(program: Command, passThrough: boolean): void {
  program
    .command('exec')
    .description("run a command in a service's running container; exits with the command's exit code")
    .argument('<service>', 'the service')
    .argument('<command...>', 'the command and its arguments')
    .option('-i, --interactive', 'attach stdin')
    .option('-t, --tty', 'allocate a terminal (use -it for a shell)')
    // Everything after SERVICE is the command's, options too (`hitch exec web ls -l`), as with `docker exec`.
    .passThroughOptions(passThrough)
    .action(async (service: string, command: string[], opts: { interactive?: boolean; tty?: boolean }, cmd: Command) => {
      const project = await projectFrom(globals(cmd));
      const { exec } = await import('../../api/streams.js');
      const engine = await openEngine();
      const { streams, restore } = streamsFor(opts);
      try {
        process.exitCode = await exec(engine, project, service, command, streams);
      } finally {
        restore();
        // stdin was read from: stop reading, or the process would wait for more input
        if (streams.stdin) process.stdin.destroy();
      }
    });
}
