// `exec -e`: KEY=VALUE as given, KEY alone from hitch's environment or unset (docker exec's rule), and a
// name docker would refuse refused as usage.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { envArgument } from '../../../src/cli/commands/exec.js';

const ENV = { HOME: '/home/ada', EMPTY: '' };

describe('envArgument', () => {
  it.each([
    ['A=1', 'A=1'],
    ['A=', 'A='],
    ['A=b=c', 'A=b=c'],
    ['URL=http://x/?a=1 b', 'URL=http://x/?a=1 b'],
    ['HOME', 'HOME=/home/ada'],
    ['EMPTY', 'EMPTY='],
    ['UNSET', 'UNSET'],
  ])('%j → %j', (value, expected) => {
    expect(envArgument(value, ENV)).toBe(expected);
  });

  it.each([
    ['=1', '"=1" names no variable: use KEY=VALUE'],
    ['', '"" names no variable: use KEY=VALUE'],
    ['A B=1', 'the variable name "A B" holds whitespace'],
    ['A\tB', 'the variable name "A\tB" holds whitespace'],
  ])('refuses %j', (value, message) => {
    expect(() => envArgument(value, ENV)).toThrow(new InvalidArgumentError(message));
  });
});
