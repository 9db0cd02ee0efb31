// issue #7.2: images/sandbox/hitch-sandbox under dash and busybox sh: a hostile argument exits 2 having called nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fakeTools, loggedCalls, scratch, SCRIPT, SHELLS } from './sandbox-host.js';

const { dir, LOG, MARK } = scratch();
const bin = join(dir, 'bin');

// Each fake appends its argv (and, for iptables-restore, its stdin) to LOG and succeeds.
fakeTools(bin, ['iptables', 'iptables-restore', 'socat', 'nc'], (tool) => {
  const stdin = tool === 'iptables-restore' ? 'sed "s/^/  | /" >>"$HITCH_TEST_LOG"\n' : '';
  return `#!/bin/sh\necho "${tool} $*" >>"$HITCH_TEST_LOG"\n${stdin}exit 0\n`;
});

function run(shell: string[], args: string[]): { code: number | null; stdout: string; calls: string[]; injected: boolean } {
  rmSync(LOG, { force: true });
  rmSync(MARK, { force: true });
  const rules = join(dir, 'rules');
  rmSync(rules, { force: true });
  const r = spawnSync(shell[0]!, [...shell.slice(1), SCRIPT, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: `${bin}:/usr/bin:/bin`, HITCH_TEST_LOG: LOG, HITCH_RULES_FILE: rules, MARK },
  });
  return { code: r.status, stdout: r.stdout, calls: loggedCalls(LOG), injected: existsSync(MARK) };
}

const HOSTILE: string[][] = [
  ['apply', '--allow', 'tcp:1.2.3.4;id:80'],
  ['apply', '--allow', 'tcp:1.2.3.4:80;touch "$MARK"'],
  ['apply', '--allow', 'tcp:1.2.3.4:$(touch "$MARK")'],
  ['apply', '--allow', 'tcp:1.2.3.4:`touch "$MARK"`'],
  ['apply', '--allow', 'tcp:1.2.3.4:80\n-A INPUT -j ACCEPT'],
  ['apply', '--allow', 'tcp:1.2.3.4:80 -j ACCEPT'],
  ['apply', '--allow', 'tcp:1.2.3.4:80-90-100'],
  ['apply', '--allow', 'icmp:1.2.3.4:80'],
  ['apply', '--allow', 'TCP:1.2.3.4:80'],
  ['apply', '--allow', 'tcp:1.2.3.4:0x50'],
  ['apply', '--allow', 'tcp:1.2.3.4:1e3'],
  ['apply', '--allow', 'tcp:1.2.3.4: 80'],
  ['apply', '--allow', 'tcp:1.2.3.4:080'],
  ['apply', '--allow', 'tcp:1.2.3.4:0'],
  ['apply', '--allow', 'tcp:1.2.3.4:65536'],
  ['apply', '--allow', 'tcp:1.2.3.4:2-1'],
  ['apply', '--allow', 'tcp:01.2.3.4:80'],
  ['apply', '--allow', 'tcp:256.1.1.1:80'],
  ['apply', '--allow', 'tcp:1.2.3:80'],
  ['apply', '--allow', 'tcp:1.2.3.4.5:80'],
  ['apply', '--allow', 'tcp:1.2.3.4/0:80'],
  ['apply', '--allow', 'tcp:-j:80'],
  ['apply', '--allow', '--flush'],
  ['apply', '--allow'],
  ['apply', '--allow=tcp:1.2.3.4:80;touch "$MARK"'],
  ['apply', '--subnet', '10.0.0.0/24;touch "$MARK"'],
  ['apply', '--subnet', '10.0.0.0/24\nCOMMIT'],
  ['apply', '--subnet', '0.0.0.0/0 -j ACCEPT'],
  ['apply', '--subnet', '10.0.0.0/33'],
  ['apply', '--subnet', '10.0.0.0'],
  ['apply', '--subnet', '10.0.0.0/24', '--subnet', '10.0.1.0/24'],
  ['apply', '--subnet=$(touch "$MARK")/24'],
  ['apply', 'tcp:1.2.3.4:80'],
  ['apply', '-A', 'INPUT', '-j', 'ACCEPT'],
  // nothing is applied when any one argument is bad, even the last
  ['apply', '--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:5432', '--allow', 'tcp:10.213.0.4:80;id'],
  ['run', '--allow', 'tcp:1.2.3.4:$(touch "$MARK")'],
  ['run', '--subnet', '10.0.0.0/24 --allow tcp:0.0.0.0:22'],
  ['probe', '1.2.3.4;touch "$MARK"', '80'],
  ['probe', '1.2.3.4', '80;touch "$MARK"'],
  ['probe', '1.2.3.4', '80/tcp;id'],
  ['probe', '1.2.3.4', '80', '3;id'],
  ['listen', '80,fork EXEC:sh'],
  ['listen', '80/udp', '$(touch "$MARK")'],
  ['unlisten', '../../etc/passwd'],
];

describe.each(SHELLS)('hitch-sandbox under %s', (_, shell) => {
  test('valid rules reach iptables-restore as exactly these lines (the fakes work)', () => {
    const got = run(shell, ['apply', '--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:5432', '--allow=udp:10.213.0.4:53-54']);
    expect(got).toEqual({
      code: 0,
      stdout: '',
      calls: [
        'iptables -C INPUT -j HITCH',
        'iptables-restore --noflush',
        '  | *filter',
        '  | :HITCH - [0:0]',
        '  | -A HITCH -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT',
        '  | -A HITCH -i lo -j ACCEPT',
        '  | -A HITCH -s 10.213.0.3/32 -p tcp -m tcp --dport 5432 -j ACCEPT',
        '  | -A HITCH -s 10.213.0.4/32 -p udp -m udp --dport 53:54 -j ACCEPT',
        '  | -A HITCH -s 10.213.0.0/24 -j DROP',
        '  | COMMIT',
        'iptables -S INPUT',
        'iptables -C INPUT -j HITCH',
        'iptables -S HITCH', // the chain as the kernel lists it, for `up` to report
      ],
      injected: false,
    });
  });

  test.each(HOSTILE.map((args) => [args.map((a) => JSON.stringify(a)).join(' '), args] as const))('%s exits 2, calling nothing', (_, args) => {
    expect(run(shell, args)).toEqual({ code: 2, stdout: '', calls: [], injected: false });
  });
});
