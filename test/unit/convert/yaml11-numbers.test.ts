// Issue: compose (PyYAML and go-yaml v3 alike) reads `MODE: 0644` as 420 and `U: 1_000` as 1000;
// convert wrote `MODE: 644` and `U: "1_000"`, which hitch (YAML 1.2) reads as they are written.
import { describe, expect, it } from 'vitest';
import { converted } from './helpers.js';

const told = (at: string, text: string, compose: string, why: string, yaml12: string) =>
  `${at}: ${text} is ${compose} to compose (its YAML readers ${why}), and ${yaml12} to hitch, which reads YAML 1.2: written as "${compose}", as compose read it; quote it in the compose file ("${text}") if the text was meant`;

describe('a plain integer compose reads otherwise than YAML 1.2 is written as compose read it, with a warning', () => {
  it.each<[string, string, string, string]>([
    ['an octal 0644', '0644', '420', told('4:25', '0644', '420', 'take a leading 0 for octal', '644')],
    ['digits with _', '1_000', '1000', told('4:25', '1_000', '1000', 'ignore _ between digits', 'the string "1_000"')],
    ['a binary number', '0b101', '5', told('4:25', '0b101', '5', 'read 0b as binary', 'the string "0b101"')],
    ['a signed hexadecimal number', '-0x1F', '-31', told('4:25', '-0x1F', '-31', 'read 0x as hexadecimal, signed or with _ too', 'the string "-0x1F"')],
    ['a negative octal with _', '-0_17', '-15', told('4:25', '-0_17', '-15', 'take a leading 0 for octal', 'the string "-0_17"')],
  ])('%s', (_name, written, value, warning) => {
    expect(converted(`services:\n  web:\n    image: x\n    environment: {MODE: ${written}, KEEP: 1}\n`)).toEqual({
      yaml: `services:\n  web:\n    image: x\n    environment:\n      MODE: "${value}"\n      KEEP: 1\n`,
      warnings: [warning],
    });
  });

  it('as a string, which fields that want a string take, and those that want an integer cast', () => {
    expect(converted('services:\n  web:\n    image: x\n    user: 0_1000\n    healthcheck: {test: "true", retries: 0_3}\n')).toEqual({
      yaml: 'services:\n  web:\n    image: x\n    user: "512"\n    healthcheck:\n      test: "true"\n      retries: "3"\n',
      warnings: [told('4:11', '0_1000', '512', 'take a leading 0 for octal', 'the string "0_1000"'), told('5:42', '0_3', '3', 'take a leading 0 for octal', 'the string "0_3"')],
    });
  });

  it('each place an anchor puts it, told once, where it is written', () => {
    expect(converted('x-env: &env {MODE: 0644}\nservices:\n  web: {image: x, environment: *env, labels: *env}\n')).toEqual({
      yaml: 'services:\n  web:\n    image: x\n    environment:\n      MODE: "420"\n    labels:\n      MODE: "420"\n',
      warnings: [told('1:20', '0644', '420', 'take a leading 0 for octal', '644')],
    });
  });

  it('where a merge key (<<) puts it, told where it is written', () => {
    expect(converted('x-env: &env {MODE: 0644}\nservices:\n  web:\n    image: x\n    environment:\n      <<: *env\n')).toEqual({
      yaml: 'services:\n  web:\n    image: x\n    environment:\n      MODE: "420"\n',
      warnings: [told('1:20', '0644', '420', 'take a leading 0 for octal', '644')],
    });
  });

  it.each<[string, string, string]>([
    ['quoted, it is text to every reader', '"0644"', '"0644"'],
    ['a number every reader reads alike', '0x1F', '31'],
    ['a decimal', '1000', '1000'],
    ['a word with _', 'a_1', 'a_1'],
    ['a time compose v2 reads as text, as hitch does', '"1:20"', '"1:20"'],
    ['a fraction with a leading 0, 10 to every reader, not octal 010', '010.0', '10'],
    ['an unquoted time with a leading 0, text to compose v2 and hitch alike', '01:20', '"01:20"'],
    ['a hexadecimal number with a leading 0 digit', '0x01F', '31'],
  ])('left as it is: %s', (_name, written, out) => {
    expect(converted(`services:\n  web:\n    image: x\n    environment: {MODE: ${written}}\n`)).toEqual({
      yaml: `services:\n  web:\n    image: x\n    environment:\n      MODE: ${out}\n`,
      warnings: [],
    });
  });
});
