// issue #7.2, last line of defence: images/sandbox/hitch-sandbox validates every argument before it runs
// anything. Run on the host under dash and busybox sh, with fake iptables, iptables-restore and socat
// first on PATH that record each call: a hostile argument must exit 2 having called nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../../images/sandbox/hitch-sandbox', import.meta.url));
const SHELLS: [string, string[]][] = [
  ['dash', ['dash']],
  ['busybox sh', ['busybox', 'sh']],
];

const dir = mkdtempSync(join(tmpdir(), 'hitch-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = join(dir, 'bin');
const LOG = join(dir, 'calls.log');
const MARK = join(dir, 'injected'); // a hostile argument that ran would create this file

// Each fake appends its argv (and, for iptables-restore, its stdin) to LOG and succeeds.
spawnSync('mkdir', ['-p', bin]);
for (const tool of ['iptables', 'iptables-restore', 'socat', 'nc']) {
  const stdin = tool === 'iptables-restore' ? 'sed "s/^/  | /" >>"$HITCH_TEST_LOG"\n' : '';
  writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >>"$HITCH_TEST_LOG"\n${stdin}exit 0\n`);
  chmodSync(join(bin, tool), 0o755);
}

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
  const calls = existsSync(LOG) ? readFileSync(LOG, 'utf8').split('\n').filter((l) => l !== '') : [];
  return { code: r.status, stdout: r.stdout, calls, injected: existsSync(MARK) };
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

// `run` serves probes on its stdin: each line is split and validated exactly as `probe`'s argv, so a
// hostile line gets `invalid` (or no answer, without a numeric id) and runs nothing.
const serveBin = join(dir, 'serve-bin');
spawnSync('mkdir', ['-p', serveBin]);
for (const tool of ['iptables-restore', 'socat']) {
  writeFileSync(join(serveBin, tool), `#!/bin/sh\necho "${tool} $*" >>"$HITCH_TEST_LOG"\ncat >/dev/null\nexit 0\n`);
  chmodSync(join(serveBin, tool), 0o755);
}
// the listing `run` reads back once the rules are applied: the jump, once
writeFileSync(join(serveBin, 'iptables'), '#!/bin/sh\n[ "$*" = -S ] && printf -- "-P INPUT ACCEPT\\n-N HITCH\\n-A INPUT -j HITCH\\n"\nexit 0\n');
chmodSync(join(serveBin, 'iptables'), 0o755);

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
    const calls = existsSync(LOG) ? readFileSync(LOG, 'utf8').split('\n').filter((l) => l.startsWith('socat')).sort() : [];
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
