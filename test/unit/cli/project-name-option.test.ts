// -p as every command reads it: a project name by compose's rule, or a usage error that says what is
// wrong once (commander has already said the argument is invalid, and quoted it).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

  it('is the rule hitch itself applies: the built CLI says it once, exit 2, before any engine', () => {
    const bin = fileURLToPath(new URL('../../../bin/hitch.js', import.meta.url));
    const res = spawnSync(process.execPath, [bin, '-p', 'Bad Name', 'ps'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/hitch-test.sock' } });
    expect({ code: res.status, stdout: res.stdout, stderr: res.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: "error: option '-p, --project-name <name>' argument 'Bad Name' is invalid. use lower-case letters, digits, '_' or '-', starting with a letter or digit\n(add --help for usage)\n",
    });
  });
});
