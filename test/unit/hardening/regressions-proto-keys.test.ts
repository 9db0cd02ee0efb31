// Regressions from the hostile-input work: __proto__, constructor and friends are plain keys and variables.
import { describe, expect, test } from 'vitest';
import { dotenvDefaults } from '../../../src/manifest/dotenv-defaults.js';
import { Report } from '../../../src/manifest/problems.js';
import { load, problems } from '../manifest/helpers.js';
import { NAME_RULE } from './messages.js';

describe('__proto__ and friends are plain keys', () => {
  test.each<[string, string, string[]]>([
    // was: 'service "image" must be a mapping' and 'services must have at least one entry'
    ['a service named __proto__', 'services:\n  __proto__: {image: x}\n', [`2:3: service name "__proto__" is not valid; ${NAME_RULE}`]],
    // was accepted, the service inheriting `image: x` through its prototype
    [
      '__proto__ inside a service',
      'services:\n  web:\n    __proto__: {image: x}\n',
      [
        '3:5: service "web" needs "image" or "build"',
        '3:5: unknown key "__proto__" in service "web"; allowed: image, build, container_name, command, entrypoint, environment, env_file, expose, ports, publish_all, link, links, external_links, share_env, healthcheck, volumes, hostname, user, working_dir, labels, restart, stop_signal, stop_grace_period, tty, ready_timeout',
      ],
    ],
    // was "function Object() { [native code] }", read from the env object's prototype
    ['${constructor} is an unset variable', 'services:\n  web:\n    image: "${constructor}"\n', ['3:12: image must not be empty']],
  ])('%s', (_, yaml, want) => {
    expect(problems(yaml)).toEqual(want);
  });

  test('env keys named __proto__, constructor and toString are kept (were dropped, or a function)', () => {
    const yaml = 'services:\n  web:\n    image: x\n    environment:\n      __proto__: a\n      <<: {constructor: b}\n    labels: [toString]\n    env_file: e.env\n';
    const web = load(yaml, { readFile: () => 'hasOwnProperty=d\nvalueOf\n' }).manifest.services.web!;
    const want: Record<string, string>[] = [{ ['__proto__']: 'a', constructor: 'b', hasOwnProperty: 'd' }, { toString: '' }];
    expect([web.environment, web.labels]).toEqual(want);
  });

  test('a .env key named __proto__ is a variable like any other', () => {
    expect(dotenvDefaults({ file: '/p/.env', text: '__proto__=x\nconstructor=${__proto__}-y\n' }, {}, new Report())).toEqual({ ['__proto__']: 'x', constructor: 'x-y' });
  });
});
