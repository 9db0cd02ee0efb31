// The flags compose users' scripts pass to ps, logs and exec, on one small stack: web links to db, and
// writes a numbered line each time it starts (its count lives in the container: a restart goes on
// counting, a recreate starts again), with $GEN from the manifest to tell the containers apart.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeManifest, type ServiceYaml } from './convergence-helpers.js';
import { docker, execIn, hitch, hitchOk, ipOf, requireEngine, ROOT, run, until } from './helpers.js';
import { documentOf } from './json-schemas.js';

const P = 'it-flags';
const RUN_LINE = 'n=$$(( $$(cat /tmp/runs 2>/dev/null || echo 0) + 1 )); echo $$n > /tmp/runs; echo "run $$n of $$GEN"; echo "complaint $$n" >&2; exec httpd -f -p 8000';
const services = (gen: string): Record<string, ServiceYaml> => ({
  db: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], stop_signal: 'SIGKILL' },
  web: {
    image: 'hitch-test/busybox:1',
    environment: { GEN: gen },
    command: ['sh', '-c', RUN_LINE],
    expose: ['8000'],
    ports: ['127.0.0.1::8000'],
    link: 'db',
    stop_signal: 'SIGKILL',
  },
});
let file: string;
const H = () => ['-f', file];
const idOf = async (container: string) => (await docker.getContainer(container).inspect()).Id;

/** `hitch logs -f ARGS` while `during` acts on the stack: its output, and how it ended. */
function following(args: string[], during: (out: () => string) => Promise<void>) {
  return run('node', [`${ROOT}/bin/hitch.js`, ...H(), 'logs', '-f', ...args], undefined, during);
}

/** An engine timestamp moved by some nanoseconds, as a Unix timestamp ("seconds.nanoseconds"). */
function unixPlus(stamp: string, ns: bigint): string {
  const [whole, fraction = ''] = stamp.replace(/Z$/, '').split('.');
  const total = BigInt(Date.parse(`${whole}Z`)) * 1_000_000n + BigInt(fraction.padEnd(9, '0')) + ns;
  return `${total / 1_000_000_000n}.${(total % 1_000_000_000n).toString().padStart(9, '0')}`;
}

const printed = (out: () => string, line: string) => until(`"${line}"`, async () => (out().includes(line) ? true : undefined));

/** The container's log as the engine gives it with timestamps, stdout and stderr apart. */
async function timestamped(container: string): Promise<{ stdout: string; stderr: string }> {
  const raw = (await docker.getContainer(container).logs({ stdout: true, stderr: true, timestamps: true, follow: false })) as Buffer;
  const out = { stdout: '', stderr: '' };
  for (let at = 0; at < raw.length; at += 8 + raw.readUInt32BE(at + 4)) {
    out[raw[at] === 2 ? 'stderr' : 'stdout'] += raw.subarray(at + 8, at + 8 + raw.readUInt32BE(at + 4)).toString();
  }
  return out;
}

/** docker's own answer to an exec, to hold hitch's against (Tty, so one stream, as it is read here). */
async function dockerExec(container: string, cmd: string[], privileged: boolean): Promise<{ code: number; output: string }> {
  const exec = await docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true, Privileged: privileged });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  await new Promise((resolve) => stream.on('end', resolve));
  return { code: (await exec.inspect()).ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n') };
}

beforeAll(async () => {
  await requireEngine();
  file = await writeManifest(P, services('a'));
  await hitch([...H(), 'down']);
  await hitchOk([...H(), 'up']);
});

afterAll(async () => {
  await hitch([...H(), 'down']);
});

describe('ps', () => {
  it('SERVICE… lists only those services', async () => {
    const rows = (await hitchOk([...H(), 'ps', 'web'])).stdout.trim().split('\n');
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['SERVICE', 'web']);
  });

  it('-q prints container ids, one per line, as compose does; -a is accepted', async () => {
    const [db, web] = [await idOf(`${P}-db`), await idOf(`${P}-web`)];
    expect(await hitch([...H(), 'ps', '-q'])).toEqual({ code: 0, stdout: `${db}\n${web}\n`, stderr: '' });
    expect(await hitch([...H(), 'ps', '-aq', 'web'])).toEqual({ code: 0, stdout: `${web}\n`, stderr: '' });
  });

  it('a service it does not have is a usage error that names those it has', async () => {
    expect(await hitch([...H(), 'ps', 'web', 'nope'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `hitch: no such service in project ${P}: "nope"\n  to fix: use one of: db, web\n`,
    });
  });

  it('--json gives state in fixed words, the engine’s status beside it, and ports as port --json does', async () => {
    const sandbox = await docker.getContainer(`${P}-web-sandbox`).inspect();
    const hostPort = Number(sandbox.NetworkSettings.Ports['8000/tcp']![0]!.HostPort);
    expect(documentOf('ps', (await hitchOk([...H(), '--json', 'ps', 'web'])).stdout)).toEqual([
      {
        service: 'web',
        container: `${P}-web`,
        id: await idOf(`${P}-web`),
        state: 'running',
        status: expect.stringMatching(/^Up /),
        ip: await ipOf(`${P}-web-sandbox`, `${P}-hitch`),
        ports: [{ containerPort: 8000, proto: 'tcp', hostIp: '127.0.0.1', hostPort, address: `127.0.0.1:${hostPort}` }],
        links: ['db'],
      },
    ]);
  });
});

describe('exec', () => {
  it('-u, -w and -e: the user, the directory and variables, KEY alone passing on hitch’s own or unsetting it', async () => {
    const script = 'echo "$(id -un) $(pwd) A=$A B=$B GEN=${GEN-unset}"';
    const res = await hitch([...H(), 'exec', '-u', 'nobody', '-w', '/tmp', '-e', 'A=1', '-e', 'B', '-e', 'GEN', 'web', 'sh', '-c', script], { B: 'from hitch' });
    expect(res).toEqual({ code: 0, stdout: 'nobody /tmp A=1 B=from hitch GEN=unset\n', stderr: '' });
  });

  it("-e KEY alone: hitch's own, else the project folder's .env, as in compose v2; under -p, -f's folder, or none found; a broken .env refused (exit 2)", async () => {
    const dotenv = join(dirname(file), '.env');
    const elsewhere = await mkdtemp(join(tmpdir(), 'it-flags-'));
    const args = ['exec', '-e', 'B', '-e', 'D', 'web', 'sh', '-c', 'echo "B=$B D=${D-unset}"'];
    await writeFile(dotenv, 'B=from dotenv\nD=from dotenv\n');
    try {
      const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });
      expect(await hitch([...H(), ...args], { B: 'from hitch' })).toEqual(ok('B=from hitch D=from dotenv\n'));
      expect(await hitch(['-p', P, ...H(), ...args], { B: 'from hitch' })).toEqual(ok('B=from hitch D=from dotenv\n'));
      expect(await hitch(['-p', P, ...args], { B: 'from hitch' }, { cwd: elsewhere })).toEqual(ok('B=from hitch D=unset\n'));
      await writeFile(dotenv, 'not a statement\n');
      expect(await hitch(['-p', P, ...H(), ...args])).toEqual({
        code: 2,
        stdout: '',
        stderr: `${dotenv}:1:1: "not a statement" is not a variable name; use KEY=VALUE lines\n`,
      });
    } finally {
      await rm(dotenv);
      await rm(elsewhere, { recursive: true });
    }
  });

  it('-T is accepted: no terminal, as without it', async () => {
    expect(await hitch([...H(), 'exec', '-T', 'web', 'sh', '-c', 'tty || true'])).toEqual({ code: 0, stdout: 'not a tty\n', stderr: '' });
  });

  it('--privileged runs the command as `docker exec --privileged` does, unlike without it', async () => {
    const cmd = ['grep', 'CapEff', '/proc/self/status'];
    // the engine's refusal to start it (where it may not have the capabilities) ends in \r\n either way
    const outcome = (r: { code: number; stdout: string; stderr: string }) => ({ code: r.code, output: (r.stdout + r.stderr).replace(/\r\n/g, '\n') });
    const privileged = outcome(await hitch([...H(), 'exec', '--privileged', 'web', ...cmd]));
    expect(privileged).toEqual(await dockerExec(`${P}-web`, cmd, true));
    expect(outcome(await hitch([...H(), 'exec', 'web', ...cmd]))).toEqual(await dockerExec(`${P}-web`, cmd, false));
    expect(privileged).not.toEqual(await dockerExec(`${P}-web`, cmd, false));
  });

  it('-d starts the command and returns at once, attached to nothing', async () => {
    expect(await hitch([...H(), 'exec', '-d', 'web', 'sh', '-c', 'sleep 1; echo done > /tmp/detached'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await execIn(`${P}-web`, ['cat', '/tmp/detached'])).exitCode).not.toBe(0);
    await until('the detached command', async () => ((await execIn(`${P}-web`, ['cat', '/tmp/detached'])).output === 'done\n' ? true : undefined));
  });

  it('-d says why a command could not start, since nothing shows its output', async () => {
    const res = await hitch([...H(), 'exec', '-d', 'web', 'no-such-command']);
    expect({ code: res.code, stdout: res.stdout }).toEqual({ code: 1, stdout: '' });
    expect(res.stderr).toMatch(/^hitch: the command could not start: .*"no-such-command": executable file not found in \$PATH.*\n$/);
  });

  it('-d with -i is a usage error', async () => {
    expect(await hitch([...H(), 'exec', '-d', '-i', 'web', 'true'])).toEqual({ code: 2, stdout: '', stderr: 'hitch: -d attaches nothing to the command\n  to fix: drop -i and -t, or -d\n' });
  });
});

describe('logs', () => {
  it("-t puts the engine's timestamp after the service, as compose prints it", async () => {
    const engine = await timestamped(`${P}-web`);
    expect(engine.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z run 1 of a\n$/);
    expect(await hitch([...H(), 'logs', '-t', 'web'])).toEqual({ code: 0, stdout: `web | ${engine.stdout}`, stderr: `web | ${engine.stderr}` });
  });

  it('a malformed --since is a usage error, before any request', async () => {
    const res = await hitch(['-p', 'it-flags-no-such-project', 'logs', '--since', 'yesterday']);
    expect({ code: res.code, first: res.stderr.split('\n')[0] }).toEqual({
      code: 2,
      first:
        "error: option '--since <time>' argument 'yesterday' is invalid. \"yesterday\" is not a time or a duration; use a duration back from now (10m, 1h30m), an RFC 3339 time (2024-01-31, 2024-01-31T09:00:00Z) or a Unix timestamp (1706691600)",
    });
  });
});

describe('logs -f across a restart', () => {
  it('reads the new run, none of the old lines twice, and ends when the service stops', async () => {
    const res = await following(['web'], async (out) => {
      await printed(out, 'run 1 of a');
      await hitchOk([...H(), 'restart', 'web']);
      await printed(out, 'run 2 of a');
      await docker.getContainer(`${P}-web`).stop({ t: 0 });
    });
    expect(res).toEqual({ code: 0, stdout: 'web | run 1 of a\nweb | run 2 of a\n', stderr: 'web | complaint 1\nweb | complaint 2\n' });
    await hitchOk([...H(), 'up']); // web starts again: run 3
  });
});

describe('logs of three runs', () => {
  it('--since and --until take the engine’s moments, RFC 3339 or Unix', async () => {
    const res = await hitchOk([...H(), 'logs', '-t', '--no-log-prefix', 'web']);
    const lines = res.stdout.trim().split('\n').map((l) => l.split(' '));
    expect(lines.map(([, ...text]) => text.join(' '))).toEqual(['run 1 of a', 'run 2 of a', 'run 3 of a']);
    const [, second, third] = lines.map(([stamp]) => stamp!);
    const logs = async (...args: string[]) => (await hitchOk([...H(), 'logs', '--no-log-prefix', ...args, 'web'])).stdout;
    expect(await logs('--since', second!, '--until', unixPlus(third!, 1n))).toBe('run 2 of a\nrun 3 of a\n');
    expect(await logs('--until', unixPlus(second!, -1n))).toBe('run 1 of a\n');
    expect(await logs('--since', '1h', '--until', '1h')).toBe('');
  });
});

describe('a service container gone', () => {
  it('ps -q leaves it out; ps --json says it is missing', async () => {
    await docker.getContainer(`${P}-db`).remove({ force: true });
    expect((await hitchOk([...H(), 'ps', '-q'])).stdout).toBe(`${await idOf(`${P}-web`)}\n`);
    expect(documentOf('ps', (await hitchOk([...H(), '--json', 'ps', 'db'])).stdout)).toEqual([
      { service: 'db', container: null, id: null, state: 'missing', status: null, ip: await ipOf(`${P}-db-sandbox`, `${P}-hitch`), ports: [], links: [] },
    ]);
  });
});

describe('logs -f across a recreate', () => {
  it('reads the container `hitch up` made in its place from its first line, and ends once `hitch down` removed it', async () => {
    const res = await following(['--tail', '2', 'web'], async (out) => {
      await printed(out, 'run 3 of a');
      await writeFile(file, stringify({ name: P, services: services('b') }));
      await hitchOk([...H(), 'up']);
      await printed(out, 'run 1 of b');
      await hitchOk([...H(), 'down']);
    });
    expect(res).toEqual({ code: 0, stdout: 'web | run 3 of a\nweb | run 1 of b\n', stderr: 'web | complaint 3\nweb | complaint 1\n' });
  });
});
