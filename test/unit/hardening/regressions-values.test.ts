// Regressions from the hostile-input work: values that slipped through, and user text that split a message in two.
import { describe, expect, test } from 'vitest';
import { problems } from '../manifest/helpers.js';
import { NAME_RULE, NUL } from './messages.js';

const HOSTNAME = "is not valid; use letters, digits, '-' or '_' in parts separated by '.', at most 63 characters";

describe('values that slipped through', () => {
  test.each<[string, string, string[]]>([
    // yaml compares key nodes, not the strings they become: the second silently replaced the first
    ['keys 1 and "1"', 'services:\n  web:\n    image: x\n    environment:\n      1: a\n      "1": b\n', ['6:7: key "1" appears twice in this mapping, first at 5:7; keep one']],
    ['NUL in a value and in a key', 'services:\n  web:\n    image: "x\\0y"\n    environment: {"A\\0": b}\n', [`3:12: value "x\\u0000y" ${NUL}`, `4:19: key "A\\u0000" ${NUL}`]],
    ['NUL from a variable', 'services:\n  web:\n    image: "${V}"\n', [`3:12: value "a\\u0000b" ${NUL}`]],
    [
      'env and label keys with newlines, spaces, tabs',
      'services:\n  web:\n    image: x\n    environment:\n      "A\\nB": c\n      "A B": c\n      "A\\tB": c\n    labels: ["x\\ny=1"]\n',
      [
        '5:7: environment key "A\\nB" must not contain whitespace or control characters',
        '6:7: environment key "A B" must not contain whitespace or control characters',
        '7:7: environment key "A\\tB" must not contain whitespace or control characters',
        '8:14: labels key "x\\ny" must not contain whitespace or control characters',
      ],
    ],
    // parents' /etc/hosts lists a child's hostname: spaces added names to it, a newline added a line
    [
      'hostnames that would forge /etc/hosts entries',
      `services:\n  web:\n    image: x\n    hostname: "db 1.2.3.4 bank.example"\n  a: {image: x, hostname: "a\\nb"}\n  b: {image: x, hostname: "b.example.com"}\n  c: {image: x, hostname: "${'h'.repeat(64)}"}\n`,
      [`4:15: hostname "db 1.2.3.4 bank.example" ${HOSTNAME}`, `5:27: hostname "a\\nb" ${HOSTNAME}`, `7:27: hostname "${'h'.repeat(64)}" ${HOSTNAME}`],
    ],
    // reached the schema as objects: "image must be a string, not a mapping"
    [
      '!!binary and !!timestamp',
      'services:\n  web:\n    image: !!binary aGVsbG8=\n    hostname: !!timestamp 2001-12-14\n',
      ['3:21: YAML: a !!binary value is not supported here; quote it to make it a string', '4:27: YAML: a !!timestamp value is not supported here; quote it to make it a string'],
    ],
    [
      'a !!binary service, list or mapping: the YAML problem and the type, never a crash',
      'services:\n  web: !!binary aGVsbG8=\n  db:\n    image: x\n    ports: !!binary aGVsbG8=\n    environment: !!binary aGVsbG8=\n',
      [
        '2:17: YAML: a !!binary value is not supported here; quote it to make it a string',
        '2:17: service "web" must be a mapping, not a string',
        '5:21: YAML: a !!binary value is not supported here; quote it to make it a string',
        '5:21: ports must be a list, not a string; like ["127.0.0.1::5000", "8080:80", "5353:53/udp"]',
        '6:27: YAML: a !!binary value is not supported here; quote it to make it a string',
        '6:27: environment must be a mapping or a list, not a string; like {POSTGRES_PASSWORD: secret} or [DEBUG=1, HOME_URL]',
      ],
    ],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml, { env: { V: 'a\0b' } })).toEqual(want);
  });

  test('an env_file value with NUL', () => {
    const got = problems('services:\n  web:\n    image: x\n    env_file: e.env\n', { readFile: () => 'A=1\nB=x\0y\n' });
    expect(got).toEqual(['/proj/shop/e.env:2:3: the value of B contains a NUL character, which no container setting can hold; remove it']);
  });
});

// `file:line:col: message` is one line of output; user text with a line break used to split it in two
describe('messages stay on one line', () => {
  const ALLOWED = 'allowed: image, build, container_name, command, entrypoint, environment, env_file, expose, ports, publish_all, link, links, external_links, share_env, healthcheck, volumes, hostname, user, working_dir, labels, restart, stop_signal, stop_grace_period, tty, ready_timeout';
  test.each<[string, string, string[]]>([
    ['a did-you-mean naming a key with a carriage return', 'services:\n  "\\rdb": {image: x}\n  web: {image: x, link: db}\n', [`2:3: service name "\\rdb" is not valid; ${NAME_RULE}`, '3:25: service "web" links to "db", which the manifest does not have; did you mean "\\rdb"?']],
    ['an env_file path with a newline', 'services:\n  web:\n    image: x\n    env_file: "${NL}"\n', ['4:15: env_file "a\\nb" does not exist (looked for "/proj/shop/a\\nb"); create it, or give its path relative to the manifest\'s folder']],
    ['a carriage return yaml quotes back', '>\r', ['1:2: YAML: Not a YAML token: \\r']],
    ['a lone $ in a multi-line command', 'services:\n  web:\n    image: x\n    command: |\n      echo $\n      done\n', ['4:14: invalid interpolation in "echo $\\ndone\\n": a lone "$"; use ${VAR}, ${VAR:-default} or ${VAR:?message}, and write $$ for a literal $']],
    ['a required variable\'s message with a newline', 'services:\n  web:\n    image: "${X:?first\\nsecond}"\n', ['3:12: required variable "X" is missing a value: first second']],
    ['an unknown key with a newline', 'services:\n  web:\n    image: x\n    "a\\nb": 1\n', [`4:5: unknown key "a\\nb" in service "web"; ${ALLOWED}`]],
    ['a link alias with a newline', 'services:\n  db: {image: x}\n  web: {image: x, link: "db:a\\nb"}\n', [`3:25: link alias "a\\nb" in "db:a\\nb" is not valid; ${NAME_RULE}`]],
    ['a place under an odd key', 'services:\n  web:\n    image: x\n    environment: {"A B": [1]}\n', ['4:26: environment["A B"] must be a string, a number, true or false or empty, not a list']],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml, { env: { NL: 'a\nb' }, pathKind: () => undefined })).toEqual(want);
  });
});
