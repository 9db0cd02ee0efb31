// `--lock-timeout` on every command that takes the project's lock, parsed by the commands as registered.
// Each command's action is replaced before parsing: the real ones open the engine, and only the option
// parsing is under test here.
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDown } from '../../../src/cli/commands/down.js';
import { registerRestart } from '../../../src/cli/commands/restart.js';
import { registerUp } from '../../../src/cli/commands/up.js';

const COMMANDS = [
  ['up', registerUp],
  ['down', registerDown],
  ['restart', registerRestart],
] as const;

/** The options `hitch <args>` gives the command it names, or the usage error commander raises. */
async function parse(register: (program: Command) => void, args: string[]): Promise<Record<string, unknown>> {
  const program = new Command('hitch').exitOverride();
  register(program);
  const command = program.commands[0]!;
  command.action(() => undefined).configureOutput({ writeErr: () => undefined });
  await program.parseAsync(args, { from: 'user' });
  return command.opts();
}

async function usageError(register: (program: Command) => void, args: string[]): Promise<[string, string]> {
  const err = await parse(register, args).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(CommanderError);
  return [(err as CommanderError).code, (err as CommanderError).message];
}

describe.each(COMMANDS)('hitch %s --lock-timeout', (name, register) => {
  it('takes seconds, fractions too, and gives milliseconds', async () => {
    expect((await parse(register, [name, '--lock-timeout', '5'])).lockTimeout).toBe(5000);
    expect((await parse(register, [name, '--lock-timeout', '0.25'])).lockTimeout).toBe(250);
  });

  it('is absent unless given: the lock keeps its default', async () => {
    expect((await parse(register, [name])).lockTimeout).toBeUndefined();
  });

  it('refuses a value that is not seconds, as a usage error', async () => {
    expect(await usageError(register, [name, '--lock-timeout', '5s'])).toEqual([
      'commander.invalidArgument',
      "error: option '--lock-timeout <seconds>' argument '5s' is invalid. expected a number of seconds, e.g. 10",
    ]);
  });
});

describe('hitch restart', () => {
  it('takes --lock-timeout next to -t and the services', async () => {
    const program = new Command('hitch').exitOverride();
    registerRestart(program);
    const restart = program.commands[0]!;
    let services: unknown;
    restart.action((s: string[]) => void (services = s));
    await program.parseAsync(['restart', '-t', '3', '--lock-timeout', '2', 'web', 'db'], { from: 'user' });
    expect([restart.opts(), services]).toEqual([{ timeout: 3, lockTimeout: 2000 }, ['web', 'db']]);
  });
});
