// The command line a refusal says to run again (the lock's, after --lock-timeout): hitch's arguments as
// given, each written so that a POSIX shell reads it back as that same argument.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, shellWord } from '../../../src/cli/command-line.js';

describe('commandLine', () => {
  it.each<[string, string[], string]>([
    ['a subcommand alone', ['up'], 'hitch up'],
    ['options and service names, in the order given', ['-f', 'shop/hitch.yaml', '-p', 'shop', 'stop', '-t', '1', '--lock-timeout', '5', 'web', 'db'], 'hitch -f shop/hitch.yaml -p shop stop -t 1 --lock-timeout 5 web db'],
    ['a path with a space', ['-f', 'my shop/hitch.yaml', 'down'], "hitch -f 'my shop/hitch.yaml' down"],
    ['a quote', ['restart', "it's"], "hitch restart 'it'\\''s'"],
    ['what a shell would expand', ['-f', '$HOME/*.yaml', 'up', '~', ''], "hitch -f '$HOME/*.yaml' up '~' ''"],
  ])('%s', (_, args, line) => {
    expect(commandLine(args)).toBe(line);
  });

  it('each word reads back, through a shell, as the argument it was', () => {
    const args = ['plain', 'two words', "it's", '$HOME', '`id`', '"', '\\', '*', '', 'a=b', '-f', 'x\ny'];
    const readBack = execFileSync('sh', ['-c', `printf '%s\\0' ${args.map(shellWord).join(' ')}`], { encoding: 'utf8' });
    expect(readBack.split('\0').slice(0, -1)).toEqual(args);
  });
});
