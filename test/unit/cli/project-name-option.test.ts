// -p as every command reads it: a project name by compose's rule, or a usage error that says what is
// wrong once (commander has already said the argument is invalid, and quoted it).
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { projectNameArgument } from '../../../src/cli/argument.js';

function parse(args: string[]): Record<string, unknown> | CommanderError {
  const program = new Command('hitch').exitOverride().configureOutput({ writeErr: () => undefined });
  program.option('-p, --project-name <name>', "the project's name", projectNameArgument);
  try {
    program.parse(args, { from: 'user' });
    return program.opts();
  } catch (e) {
    if (e instanceof CommanderError) return e;
    throw e;
  }
}

describe('-p', () => {
  it('takes a project name', () => {
    expect(parse(['-p', 'shop_2-b'])).toEqual({ projectName: 'shop_2-b' });
  });

  it.each(['Bad Name', '-shop', 'Shop', ''])('refuses %j, saying the rule once', (name) => {
    const err = parse(['-p', name]) as CommanderError;
    expect([err.code, err.message]).toEqual([
      'commander.invalidArgument',
      `error: option '-p, --project-name <name>' argument '${name}' is invalid. use lower-case letters, digits, '_' or '-', starting with a letter or digit`,
    ]);
  });
});
