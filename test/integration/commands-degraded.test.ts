// The operational commands on a stack that is not whole, or read by a pipe that closes early: a long
// log, a reader like `head`, a stopped or lost sandbox or container, an image not on the engine yet.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, hitch, hitchOk, requireEngine, ROOT } from './helpers.js';
import { writeManifest, type ServiceYaml } from './convergence-helpers.js';
import { documentOf } from './json-schemas.js';

const P = 'it-degraded';
const LOG_LINES = 20_000; // each a frame of its own in the engine's log stream, read in one piece
const busybox = (extra: ServiceYaml): ServiceYaml => ({ image: 'hitch-test/busybox:1', stop_signal: 'SIGKILL', ...extra });
const SERVICES: Record<string, ServiceYaml> = {
  a: busybox({ command: ['sh', '-c', `seq 1 ${LOG_LINES}; exec httpd -f -p 8000`], expose: ['8000'], ports: ['8000'], volumes: ['data:/data'] }),
  b: busybox({ command: ['sleep', '100000'], link: 'a' }),
  c: busybox({ command: ['sleep', '100000'] }),
};
let file: string;

/** `hitch ARGS | head -1` in bash: hitch's exit code, its stderr, and the line head kept. */
function intoHead(args: string[]): { code: number; stderr: string; first: string } {
  const script = `node ${ROOT}/bin/hitch.js -f ${file} ${args.join(' ')} 2>"$ERR" | head -1; echo "\${PIPESTATUS[0]}"; cat "$ERR" >&2`;
  const res = spawnSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, ERR: `${file}.stderr` } });
  const [first = '', code = ''] = res.stdout.split('\n');
  return { code: Number(code), stderr: res.stderr, first };
}

beforeAll(async () => {
  await requireEngine();
  file = await writeManifest(P, SERVICES);
  await hitch(['-f', file, 'down', '-v']);
  await hitchOk(['-f', file, 'up']);
  await hitchOk(['-f', file, 'logs', 'a']); // the log is whole once the service runs httpd
});

afterAll(async () => {
  await hitch(['-f', file, 'down', '-v']);
});

describe('long output and early readers', () => {
  it('logs reads a log of 20,000 lines in one piece', async () => {
    const res = await hitchOk(['-f', file, 'logs', '--no-log-prefix', 'a']);
    expect(res.stdout).toBe(Array.from({ length: LOG_LINES }, (_, i) => `${i + 1}\n`).join(''));
  });

  it.each([
    ['logs', ['logs', 'a'], 'a | 1'],
    ['logs -f', ['logs', '-f', 'a'], 'a | 1'],
    ['exec', ['exec', 'b', 'seq', '1', '100000'], '1'],
  ])('%s into a reader that stops early ends quietly, with the broken pipe\'s 141, as docker does', (_, args, first) => {
    expect(intoHead(args)).toEqual({ code: 141, stderr: '', first });
  });
});

describe('port', () => {
  it('lists the IPv4 binding first, as docker port does, so the first line is an address curl takes', async () => {
    const out = (await hitchOk(['-f', file, 'port', 'a', '8000'])).stdout.trim().split('\n');
    expect(out[0]).toMatch(/^0\.0\.0\.0:\d+$/);
    expect(out.slice(1).every((line) => line.startsWith('['))).toBe(true);
  });
});

describe('a sandbox stopped under its running service', () => {
  beforeAll(async () => {
    await docker.getContainer(`${P}-a-sandbox`).stop({ t: 0 });
  });

  it('ps and ls say so: the service has no network, whatever the engine says of its container', async () => {
    const ps = documentOf('ps', (await hitchOk(['-f', file, '--json', 'ps'])).stdout) as Array<{ service: string; state: string; status: string }>;
    expect(ps.map((r) => [r.service, r.state, /^Up /.test(r.status)])).toEqual([['a', 'sandbox stopped', true], ['b', 'running', true], ['c', 'running', true]]);
    const table = (await hitchOk(['-f', file, 'ps'])).stdout.split('\n');
    expect(table[1]).toMatch(/^a +it-degraded-a +Up .* \(sandbox stopped\) /);
    const ls = documentOf('ls', (await hitchOk(['-f', file, '--json', 'ls'])).stdout) as Array<{ name: string; state: string }>;
    expect(ls.map((r) => [r.name, r.state])).toEqual([['a', 'sandbox stopped'], ['b', 'running'], ['b/a', 'sandbox stopped'], ['c', 'running']]);
  });

  it('port names the sandbox as what is not running', async () => {
    expect(await hitch(['-f', file, 'port', 'a', '8000'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hitch: the sandbox of service "a" (${P}-a-sandbox) is stopped, so no port of it is published\n  to fix: restart it with \`hitch -f ${file} restart a\`\n`,
    });
  });
});

describe('a service container lost', () => {
  beforeAll(async () => {
    await docker.getContainer(`${P}-c`).remove({ force: true });
  });

  it('restart restarts nothing, and says which service to recreate', async () => {
    const before = (await docker.getContainer(`${P}-b`).inspect()).State.StartedAt;
    expect(await hitch(['-f', file, 'restart'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hitch: service "c" is missing a container; nothing was restarted\n  to fix: recreate with \`hitch -f ${file} up\`\n`,
    });
    expect((await docker.getContainer(`${P}-b`).inspect()).State.StartedAt).toBe(before);
  });

  it('logs of it by name is an error, not silence', async () => {
    expect(await hitch(['-f', file, 'logs', 'c'])).toEqual({
      code: 1,
      stdout: '',
      stderr: `hitch: no container of service "c" in project ${P}, so no logs\n  to fix: recreate it with \`hitch -f ${file} up\`\n`,
    });
  });

  it('up -d (compose\'s flag, accepted) brings both back; a, whose sandbox was stopped, is restarted to join it, not recreated', async () => {
    const res = await hitchOk(['-f', file, '--json', 'up', '-d']);
    expect(documentOf('up', res.stdout).summary).toMatchObject({ created: ['c'], recreated: [], restarted: ['a'], unchanged: ['b'] });
  });
});

describe('plan with an image not on the engine yet', () => {
  it('warns that what the image gives its parents is not in the plan', async () => {
    const other = await writeManifest(P, { ...SERVICES, a: { ...SERVICES.a, image: 'it-degraded/not-here:1' } });
    const res = await hitchOk(['-f', other, 'plan']);
    expect(res.stderr).toBe(
      'warning: image it-degraded/not-here:1 of a is not on the engine (up would pull it first): its ENV and EXPOSE are unknown, so this plan leaves out what they give b: link env and firewall rules\n',
    );
  });
});

describe('down', () => {
  it('--remove-orphans (compose\'s flag, accepted) and -v: the summary names the network and volumes removed', async () => {
    const res = await hitchOk(['-f', file, 'down', '-v', '--remove-orphans']);
    expect(res.stderr.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^down ${P} in \\d+\\.\\ds: removed 3 \\(a, b, c\\), network removed 1 \\(${P}-hitch\\), volumes removed 1 \\(${P}_data\\)$`),
    );
  });
});
