// ls, port, logs, exec and restart (issue 5) on one linked stack: web links to api and to cache (as store).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, execIn, FIXTURES, hitch, hitchOk, ipOf, requireEngine, ROOT, run, until } from './helpers.js';
import { documentOf } from './json-schemas.js';

const FILE = `${FIXTURES}/commands/hitch.yaml`;
const P = 'it-cmd';
const NET = `${P}-hitch`;
const H = ['-f', FILE];

const hitchBin = `${ROOT}/bin/hitch.js`;

async function startedAt(container: string): Promise<string> {
  return (await docker.getContainer(container).inspect()).State.StartedAt;
}

/** What a connection from one service's namespace to another's address sees: open, refused or timeout. */
async function probe(from: string, to: string, port: string): Promise<string> {
  return (await execIn(`${P}-${from}-sandbox`, ['hitch-sandbox', 'probe', await ipOf(`${P}-${to}-sandbox`, NET), port, '1'])).output.trim();
}

async function linksWork(): Promise<Record<string, string>> {
  return {
    'store by alias': (await execIn(`${P}-web`, ['redis-cli', '-h', 'store', 'ping'])).output,
    'store by env': (await execIn(`${P}-web`, ['sh', '-c', 'redis-cli -h "$STORE_PORT_6379_TCP_ADDR" -p "$STORE_PORT_6379_TCP_PORT" ping'])).output,
    'web -> api 8080': await probe('web', 'api', '8080'),
    'cache -> api 8080 (no link)': await probe('cache', 'api', '8080'),
  };
}

const LINKS_WORK = { 'store by alias': 'PONG\n', 'store by env': 'PONG\n', 'web -> api 8080': 'open', 'cache -> api 8080 (no link)': 'timeout' };

beforeAll(async () => {
  await requireEngine();
  await hitch([...H, 'down']);
  await hitchOk([...H, 'up']);
});

afterAll(async () => {
  await hitchOk([...H, 'down']);
});

describe('ls', () => {
  it('lists every name and link path with its container, image and state', async () => {
    expect((await hitchOk([...H, 'ls'])).stdout).toBe(
      [
        'NAME        CONTAINER      IMAGE                  STATE',
        'api         it-cmd-api     hitch-test/busybox:1   running',
        'api/cache   it-cmd-cache   hitch-test/redis:1     running',
        'cache       it-cmd-cache   hitch-test/redis:1     running',
        'web         it-cmd-web     hitch-test/redis:1     running',
        'web/api     it-cmd-api     hitch-test/busybox:1   running',
        'web/store   it-cmd-cache   hitch-test/redis:1     running',
        '',
      ].join('\n'),
    );
  });

  it('--json gives the same rows with short container ids', async () => {
    const id = async (s: string) => (await docker.getContainer(`${P}-${s}`).inspect()).Id.slice(0, 12);
    const row = async (name: string, service: string, image: string) => ({ name, service, container: `${P}-${service}`, id: await id(service), image, state: 'running' });
    expect(documentOf('ls', (await hitchOk([...H, '--json', 'ls'])).stdout)).toEqual([
      await row('api', 'api', 'hitch-test/busybox:1'),
      await row('api/cache', 'cache', 'hitch-test/redis:1'),
      await row('cache', 'cache', 'hitch-test/redis:1'),
      await row('web', 'web', 'hitch-test/redis:1'),
      await row('web/api', 'api', 'hitch-test/busybox:1'),
      await row('web/store', 'cache', 'hitch-test/redis:1'),
    ]);
  });
});

describe('ls after the manifest changed', () => {
  it('shows the image each container runs, not the one the manifest names since', async () => {
    const edited = readFileSync(FILE, 'utf8').replace('  cache:\n    image: hitch-test/redis:1', '  cache:\n    image: hitch-test/redis:next');
    expect(edited).toContain('hitch-test/redis:next');
    const res = await hitch(['-f', '-', '--json', 'ls'], {}, { input: edited });
    const rows = (JSON.parse(res.stdout) as Array<{ name: string; image: string }>).filter((r) => ['cache', 'api/cache', 'web/store'].includes(r.name));
    expect(rows.map((r) => [r.name, r.image])).toEqual([['api/cache', 'hitch-test/redis:1'], ['cache', 'hitch-test/redis:1'], ['web/store', 'hitch-test/redis:1']]);
  });
});

describe('port', () => {
  const hostPort = async (service: string, key: string) => (await docker.getContainer(`${P}-${service}-sandbox`).inspect()).NetworkSettings.Ports[key]![0]!.HostPort;

  it('prints the host address of a published port, like docker port, and it answers', async () => {
    const res = await hitchOk([...H, 'port', 'api', '8080']);
    expect(res.stdout).toBe(`127.0.0.1:${await hostPort('api', '8080/tcp')}\n`);
    expect((await fetch(`http://${res.stdout.trim()}/`)).status).toBe(404); // busybox httpd answered
  });

  it('lists every published port without PORT, and takes PORT/PROTO', async () => {
    const [tcp, udp] = [await hostPort('web', '8000/tcp'), await hostPort('web', '5353/udp')];
    expect((await hitchOk([...H, 'port', 'web'])).stdout).toBe(`5353/udp -> 127.0.0.1:${udp}\n8000/tcp -> 127.0.0.1:${tcp}\n`);
    expect((await hitchOk([...H, 'port', 'web', '5353/udp'])).stdout).toBe(`127.0.0.1:${udp}\n`);
  });

  it('says clearly when a port is not published, or the service does not exist', async () => {
    expect(await hitch([...H, 'port', 'web', '6379'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'hitch: no public port 6379/tcp published for service "web"\n  to fix: published ports of web: 5353/udp, 8000/tcp\n',
    });
    expect(await hitch([...H, 'port', 'cache', '6379'])).toEqual({
      code: 1,
      stdout: '',
      // the up to paste names the manifest, which hitch would not find from here
      stderr: `hitch: no public port 6379/tcp published for service "cache"\n  to fix: publish it with ports: ["127.0.0.1::6379"] in the manifest, then run \`hitch -f ${FILE} up\`\n`,
    });
    expect(await hitch([...H, 'port', 'db', '5432'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hitch: no such service in project it-cmd: "db"\n  to fix: use one of: api, cache, web\n',
    });
  });
});

describe('logs', () => {
  it("prints the services' lines with their prefixes, stdout and stderr apart", async () => {
    expect(await hitch([...H, 'logs', 'web', 'api'])).toEqual({ code: 0, stdout: 'web | web up\napi | api says hello\n', stderr: 'api | api complains\n' });
  });

  it('--tail and --no-log-prefix', async () => {
    expect(await hitch([...H, 'logs', '--tail', '1', '--no-log-prefix', 'web'])).toEqual({ code: 0, stdout: 'web up\n', stderr: '' });
    expect((await hitch([...H, 'logs', '--tail', 'x'])).code).toBe(2);
  });

  it('-f follows until the service stops', async () => {
    const res = await run('node', [hitchBin, ...H, 'logs', '-f', 'api'], undefined, async (out) => {
      await until('the first line', async () => (out().includes('hello') ? true : undefined));
      await docker.getContainer(`${P}-api`).stop({ t: 0 });
    });
    expect(res).toEqual({ code: 0, stdout: 'api | api says hello\n', stderr: 'api | api complains\n' });
    await hitchOk([...H, 'restart', 'api']);
  });
});

describe('--json where the output has no JSON form', () => {
  const refusal = (command: string, what: string, remedy: string) => ({ code: 2, stdout: '', stderr: `hitch: ${command} has no --json output: it prints ${what}\n  to fix: ${remedy}\n` });
  const LOGS = refusal('logs', "the services' lines as they wrote them", "drop --json; `hitch logs --no-log-prefix SERVICE` prints one service's lines bare, `--timestamps` adds when each was written");

  it('logs refuses it, before or after its name, as a usage error', async () => {
    expect(await hitch([...H, '--json', 'logs', 'web'])).toEqual(LOGS);
    expect(await hitch([...H, 'logs', '--json', 'web'])).toEqual(LOGS);
  });

  it('exec and convert refuse it too, exec before or after its name', async () => {
    const EXEC = refusal('exec', "the command's own output", "drop --json: the command's output is passed on as it writes it (`hitch exec web cat state.json`)");
    expect(await hitch([...H, '--json', 'exec', 'web', 'true'])).toEqual(EXEC);
    expect(await hitch([...H, 'exec', '--json', 'web', 'true'])).toEqual(EXEC);
    expect(await hitch(['--json', 'convert', `${ROOT}/test/fixtures/compose/redis-webapp/docker-compose.yml`])).toEqual(
      refusal('convert', 'a hitch manifest, in YAML', 'drop --json and write the manifest, then `hitch -f hitch.yaml --json config` prints it as JSON'),
    );
  });

  it('up --json: nothing to change, each link with the rules read back; with --dry-run, the plan instead: both valid against up.schema.json', async () => {
    const tcp = (port: number) => ({ port, proto: 'tcp' });
    const unchanged = { created: [], recreated: [], restarted: [], started: [], rulesUpdated: [], unchanged: ['api', 'cache', 'web'], removed: [], networksRemoved: [], volumesRemoved: [], failed: [], notStarted: [], orphans: [] };
    const up = documentOf('up', (await hitchOk([...H, '--json', 'up'])).stdout);
    expect({ ...up, summary: { ...up.summary, elapsedMs: 0 } }).toEqual({
      project: P,
      ok: true,
      dryRun: false,
      summary: { ...unchanged, elapsedMs: 0 },
      links: [
        { parent: 'api', child: 'cache', aliases: ['cache'], ports: [tcp(6379)], missing: [], drops: true },
        { parent: 'web', child: 'api', aliases: ['api'], ports: [tcp(8080)], missing: [], drops: true },
        { parent: 'web', child: 'cache', aliases: ['store'], ports: [tcp(6379)], missing: [], drops: true },
      ],
    });
    const dry = documentOf('up', (await hitchOk([...H, '--json', 'up', '--dry-run'])).stdout);
    expect({ ...dry, summary: { ...dry.summary, elapsedMs: 0 } }).toEqual({
      project: P,
      ok: true,
      dryRun: true,
      summary: { ...unchanged, elapsedMs: 0 },
      links: [], // nothing is read back from a firewall on a dry run
      plan: { project: P, actions: [], unchanged: ['api', 'cache', 'web'], orphans: [] },
    });
  });

  it('ps -q --json is an array of the full container ids', async () => {
    const ids = await Promise.all(['api', 'cache', 'web'].map(async (s) => (await docker.getContainer(`${P}-${s}`).inspect()).Id));
    expect(documentOf('ps', (await hitchOk([...H, '--json', 'ps', '-q'])).stdout)).toEqual(ids);
    expect(documentOf('ps', (await hitchOk([...H, 'ps', '-q', '--json', 'web'])).stdout)).toEqual([ids[2]]);
  });
});

describe('exec', () => {
  it("streams stdout and stderr and exits with the command's code", async () => {
    expect(await hitch([...H, 'exec', 'web', 'sh', '-c', 'echo out; echo err >&2; exit 3'])).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it("leaves the command's options to the command, hitch's own ones too", async () => {
    const res = await hitch([...H, 'exec', 'web', 'sh', '-c', 'echo "$@"', 'sh', '-f', 'x', '-p', 'y', '--json', '-t']);
    expect(res).toEqual({ code: 0, stdout: '-f x -p y --json -t\n', stderr: '' });
  });

  it('-i passes stdin to the command, and its end', async () => {
    expect(await run('node', [hitchBin, ...H, 'exec', '-i', 'web', 'sh', '-c', 'cat; echo done'], 'hello\n')).toEqual({ code: 0, stdout: 'hello\ndone\n', stderr: '' });
  });

  it('-it runs the command on a terminal, keys and all', async () => {
    const cmd = `node ${hitchBin} -f ${FILE} exec -it web sh -c 'read -r line; echo "[$line] on $(tty)"; exit 4'`;
    const res = await run('script', ['-qec', cmd, '/dev/null'], undefined, async (_out, child) => {
      const reading = async () => (await docker.getContainer(`${P}-web`).top()).Processes.some((p: string[]) => p.join(' ').includes('read -r line'));
      await until('the command running', async () => ((await reading()) ? true : undefined));
      child.stdin!.write('typed\r');
    });
    expect({ code: res.code, last: res.stdout.split(/\r*\n/).filter(Boolean).at(-1) }).toEqual({ code: 4, last: '[typed] on /dev/pts/0' });
  });

  it('-t without a terminal for stdin is refused, as by docker exec', async () => {
    expect(await run('node', [hitchBin, ...H, 'exec', '-it', 'web', 'true'], '')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'hitch: the input device is not a TTY\n  to fix: drop -t, or run hitch from a terminal\n',
    });
  });

  it('a service it does not have is a usage error, as in up and ps, with a did-you-mean', async () => {
    const stderr = 'hitch: no such service in project it-cmd: "db", "wbe" (did you mean "web"?)\n  to fix: use one of: api, cache, web\n';
    expect(await hitch([...H, 'exec', 'db', 'true'])).toEqual({ code: 2, stdout: '', stderr: stderr.replace(', "wbe" (did you mean "web"?)', '') });
    expect(await hitch([...H, 'logs', 'db', 'wbe'])).toEqual({ code: 2, stdout: '', stderr });
    expect(await hitch([...H, 'restart', 'db', 'wbe'])).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('restart', () => {
  it('restarts service containers children first, keeps sandboxes, and links keep working', async () => {
    const sandboxes = await Promise.all(['api', 'cache', 'web'].map((s) => startedAt(`${P}-${s}-sandbox`)));
    const services = await Promise.all(['api', 'cache', 'web'].map((s) => startedAt(`${P}-${s}`)));
    expect(await hitch([...H, 'restart'])).toEqual({ code: 0, stdout: '', stderr: '✔ restarted cache\n✔ restarted api\n✔ restarted web\n' });
    expect(await Promise.all(['api', 'cache', 'web'].map((s) => startedAt(`${P}-${s}-sandbox`)))).toEqual(sandboxes);
    const after = await Promise.all(['api', 'cache', 'web'].map((s) => startedAt(`${P}-${s}`)));
    expect(after.map((t, i) => t > services[i]!)).toEqual([true, true, true]);
    await until('cache answering', async () => ((await linksWork())['store by alias'] === 'PONG\n' ? true : undefined));
    expect(await linksWork()).toEqual(LINKS_WORK);
  });

  it('starts a stopped sandbox first, firewall and all, so its service has a namespace', async () => {
    await docker.getContainer(`${P}-cache-sandbox`).stop({ t: 0 });
    expect(await hitch([...H, '--json', 'restart', 'cache'])).toEqual({ code: 0, stdout: '{\n  "project": "it-cmd",\n  "ok": true,\n  "restarted": [\n    "cache"\n  ],\n  "failed": []\n}\n', stderr: '' });
    await until('cache answering', async () => ((await linksWork())['store by alias'] === 'PONG\n' ? true : undefined));
    expect(await linksWork()).toEqual(LINKS_WORK);
  });
});
