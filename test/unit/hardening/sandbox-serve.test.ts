// issue #7.2: `hitch-sandbox run` serving probes on stdin under dash and busybox sh: hostile lines get `invalid` and run nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fakeTools, loggedCalls, scratch, SCRIPT, SHELLS } from './sandbox-host.js';

const { dir, LOG, MARK } = scratch();

// `run` serves probes on its stdin: each line is split and validated exactly as `probe`'s argv, so a
// hostile line gets `invalid` (or no answer, without a numeric id) and runs nothing.
const serveBin = join(dir, 'serve-bin');
fakeTools(serveBin, ['iptables-restore', 'socat'], (tool) => `#!/bin/sh\necho "${tool} $*" >>"$HITCH_TEST_LOG"\ncat >/dev/null\nexit 0\n`);
// the listing `run` reads back once the rules are applied: the jump, once
fakeTools(serveBin, ['iptables'], () => '#!/bin/sh\n[ "$*" = -S ] && printf -- "-P INPUT ACCEPT\\n-N HITCH\\n-A INPUT -j HITCH\\n"\nexit 0\n');

const REQUESTS = [
  'probe 1 10.213.0.3 5432 1',
  'probe 2 1.2.3.4;touch "$MARK" 80 1',
  'probe 3 1.2.3.4 80;id 1',
  'probe 4 $(touch "$MARK") 80 1',
  'probe 5 1.2.3.4 80 1;touch "$MARK"',
  'probe 6 1.2.3.4 80 `touch "$MARK"`',
  'probe 7 1.2.3.4 80/tcp 1 extra',
  'probe x 1.2.3.4 80 1',
  'probe 1e3 1.2.3.4 80 1',
  'sh -c "touch $MARK"',
  'probe 8 10.213.0.4 80/udp 1',
];

describe.each(SHELLS)('hitch-sandbox run serving requests under %s', (_, shell) => {
  test('answers each valid probe as `probe` would, every other line with `invalid` or not at all, running nothing', () => {
    rmSync(LOG, { force: true });
    rmSync(MARK, { force: true });
    const r = spawnSync(shell[0]!, [...shell.slice(1), SCRIPT, 'run', '--subnet', '10.213.0.0/24'], {
      cwd: dir,
      encoding: 'utf8',
      input: REQUESTS.join('\n') + '\n',
      timeout: 2_500, // `run` serves until stopped: the SIGTERM at the timeout is its stop
      env: { PATH: `${serveBin}:/usr/bin:/bin`, HITCH_TEST_LOG: LOG, HITCH_RULES_FILE: join(dir, 'serve-rules'), MARK },
    });
    const answers = r.stdout.split('\n').filter((l) => l.includes(' probed ')).sort();
    const calls = loggedCalls(LOG).filter((l) => l.startsWith('socat')).sort();
    expect({ answers, calls, injected: existsSync(MARK), inForce: r.stdout.includes('hitch-sandbox: in force\n') }).toEqual({
      answers: [
        'hitch-sandbox: probed 1 open',
        'hitch-sandbox: probed 2 invalid',
        'hitch-sandbox: probed 3 invalid',
        'hitch-sandbox: probed 4 invalid',
        'hitch-sandbox: probed 5 invalid',
        'hitch-sandbox: probed 6 invalid',
        'hitch-sandbox: probed 7 invalid',
        'hitch-sandbox: probed 8 timeout', // the fake socat sends nothing back
      ],
      calls: ['socat -T 1 -u OPEN:/dev/null TCP4:10.213.0.3:5432,connect-timeout=1', 'socat -t 1 -T 1 - UDP4:10.213.0.4:80'],
      injected: false,
      inForce: true,
    });
  });
});
