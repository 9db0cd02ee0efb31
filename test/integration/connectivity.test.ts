// Restricted connectivity (issue 3, spec/links.md §4) on a real engine, with real listeners: what the
// links allow gets through, nothing else does, and it stays so across restarts and link changes.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, execIn, FIXTURES, hitch, hitchOk, ipOf, requireEngine, ROOT, until } from './helpers.js';

const FILE = `${FIXTURES}/connectivity/hitch.yaml`;
const P = 'it-conn';
const NET = `${P}-hitch`;
let upOutput = '';

/** What a connection from `from`'s namespace to `to` sees: open, refused, or timeout (dropped). */
async function probe(from: string, to: string, port: string): Promise<string> {
  const res = await execIn(`${P}-${from}-sandbox`, ['hitch-sandbox', 'probe', await ipOf(`${P}-${to}-sandbox`, NET), port, '1']);
  return res.output.trim();
}

/** A real client through the hosts line: redis answers PING only if web's connection reaches it. */
async function redisPing(from: string): Promise<string> {
  return (await execIn(`${P}-${from}`, ['sh', '-c', 'echo PING | nc -w 2 db 6379'])).output.trim();
}

async function publishedFromHost(): Promise<number> {
  const info = await docker.getContainer(`${P}-web-sandbox`).inspect();
  const port = info.NetworkSettings.Ports['8000/tcp']![0]!.HostPort;
  return (await fetch(`http://127.0.0.1:${port}/`)).status; // busybox httpd: 404 for a missing index, i.e. it answered
}

async function facts(): Promise<Record<string, string | number>> {
  const f: Record<string, string | number> = {
    'web -> db 6379 (redis PING via alias db)': await redisPing('web'),
    'worker -> db 6379 (redis PING via alias db)': await redisPing('worker'),
    'web -> cache 8080': await probe('web', 'cache', '8080'),
    'web -> cache 8081': await probe('web', 'cache', '8081'),
    'web -> dns 5353/udp (echo)': await probe('web', 'dns', '5353/udp'),
    'web -> db 7000 (db listens, does not expose)': await probe('web', 'db', '7000'),
    'db -> web 8000': await probe('db', 'web', '8000'),
    'web -> worker 9': await probe('web', 'worker', '9'),
    'worker -> web 8000': await probe('worker', 'web', '8000'),
    'worker -> cache 8080': await probe('worker', 'cache', '8080'),
    'worker -> dns 5353/udp': await probe('worker', 'dns', '5353/udp'),
    'host -> web 127.0.0.1:published (HTTP status)': await publishedFromHost(),
  };
  for (const other of ['db', 'cache', 'web', 'worker']) f[`${other} -> lonely 9000`] = await probe(other, 'lonely', '9000');
  for (const [to, port] of [['db', '6379'], ['cache', '8080'], ['web', '8000'], ['dns', '5353/udp']]) f[`lonely -> ${to} ${port}`] = await probe('lonely', to!, port!);
  return f;
}

const FACTS = {
  'web -> db 6379 (redis PING via alias db)': '+PONG',
  'worker -> db 6379 (redis PING via alias db)': '+PONG',
  'web -> cache 8080': 'open',
  'web -> cache 8081': 'open',
  'web -> dns 5353/udp (echo)': 'open',
  'web -> db 7000 (db listens, does not expose)': 'timeout',
  'db -> web 8000': 'timeout',
  'web -> worker 9': 'timeout', // nothing listens: an open path would say refused
  'worker -> web 8000': 'timeout',
  'worker -> cache 8080': 'timeout',
  'worker -> dns 5353/udp': 'timeout',
  'host -> web 127.0.0.1:published (HTTP status)': 404,
  'db -> lonely 9000': 'timeout',
  'cache -> lonely 9000': 'timeout',
  'web -> lonely 9000': 'timeout',
  'worker -> lonely 9000': 'timeout',
  'lonely -> db 6379': 'timeout',
  'lonely -> cache 8080': 'timeout',
  'lonely -> web 8000': 'timeout',
  'lonely -> dns 5353/udp': 'timeout',
};

interface Row { from: string; to: string; port: number; proto: string; exposed: boolean; expected: string; actual: string; ok: boolean }

/** `hitch check --json`, valid against its schema; the cells that are not denied, and the pairs covered. */
async function checkMatrix(): Promise<{ code: number; ok: boolean; reachable: string[]; pairs: number; probes: number }> {
  const res = await hitch(['-f', FILE, '--json', 'check']);
  const out = JSON.parse(res.stdout) as { ok: boolean; probes: Row[] };
  const schema = JSON.parse(await readFile(`${ROOT}/schemas/check.schema.json`, 'utf8'));
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  validate(out);
  expect(validate.errors ?? []).toEqual([]);
  const reachable = out.probes.filter((r) => r.actual !== 'denied').map((r) => `${r.from} -> ${r.to} ${r.port}/${r.proto} ${r.actual}`);
  const pairs = new Set(out.probes.map((r) => `${r.from} ${r.to}`)).size;
  return { code: res.code, ok: out.ok, reachable, pairs, probes: out.probes.length };
}

// 6 services: 30 ordered pairs; exposed ports 6379 (db), 8080-8081 (cache), 5353-5355/udp (dns), 8000
// (web, published), 9000 (lonely) make 5 x 8 = 40 probes, plus one unexposed tcp and udp port each: 60.
const MATRIX = {
  code: 0,
  ok: true,
  reachable: [
    'web -> cache 8080/tcp allowed',
    'web -> cache 8081/tcp allowed',
    'web -> db 6379/tcp allowed',
    'web -> dns 5353/udp allowed', // echoed
    'web -> dns 5354/udp allowed', // silent: dns's accept rule counted it
    'web -> dns 5355/udp refused', // let in, nothing listens
    'worker -> db 6379/tcp allowed',
  ],
  pairs: 30,
  probes: 100,
};

beforeAll(async () => {
  await requireEngine();
  await hitch(['-f', FILE, 'down']);
  const res = await hitchOk(['-f', FILE, 'up']);
  upOutput = res.stderr;
});

afterAll(async () => {
  await hitchOk(['-f', FILE, 'down']);
});

describe('a fresh stack', () => {
  it('up says, per link, that its rules are enforced', () => {
    expect(upOutput.split('\n').filter((l) => l.startsWith('link '))).toEqual([
      'link web -> cache (as cache): rules enforced: web may reach cache on 8080-8081/tcp only',
      'link web -> db (as db): rules enforced: web may reach db on 6379/tcp only',
      'link web -> dns (as dns): rules enforced: web may reach dns on 5353-5355/udp only',
      'link worker -> db (as db): rules enforced: worker may reach db on 6379/tcp only',
    ]);
  });

  it('lets through what the links allow, and nothing else', async () => {
    expect(await facts()).toEqual(FACTS);
  });

  it('hitch check proves the whole matrix', async () => {
    expect(await checkMatrix()).toEqual(MATRIX);
  });
});

describe("db's service container restarts", () => {
  it('keeps every rule: the firewall lives in the sandbox', async () => {
    await docker.getContainer(`${P}-db`).restart({ t: 0 });
    await until('db answers again', async () => ((await redisPing('web')) === '+PONG' ? true : undefined));
    expect(await facts()).toEqual(FACTS);
    expect(await checkMatrix()).toEqual(MATRIX);
  });
});

describe("db's service container stopped", () => {
  it('check still proves the firewall (refused: let in), and says the container is stopped', async () => {
    await docker.getContainer(`${P}-db`).stop({ t: 0 });
    const res = await hitch(['-f', FILE, '--json', 'check']);
    const out = JSON.parse(res.stdout) as { probes: Array<{ from: string; to: string; port: number; actual: string; evidence: string; ok: boolean }> };
    const toDb = out.probes.filter((r) => r.to === 'db' && r.port === 6379 && r.actual !== 'denied');
    expect([res.code, toDb]).toEqual([0, ['web', 'worker'].map((from) => expect.objectContaining({
      from, actual: 'refused', evidence: "connection refused: db's container is stopped", ok: true,
    }))]);
    await docker.getContainer(`${P}-db`).start();
    await until('db answers again', async () => ((await redisPing('web')) === '+PONG' ? true : undefined));
  });

  it('and when it is gone, says so and how to make it', async () => {
    await docker.getContainer(`${P}-db`).remove({ force: true });
    const res = await hitch(['-f', FILE, '--json', 'check']);
    const out = JSON.parse(res.stdout) as { probes: Array<{ from: string; to: string; port: number; evidence: string }> };
    expect(out.probes.find((r) => r.from === 'web' && r.to === 'db' && r.port === 6379)?.evidence).toBe(`connection refused: db has no container (\`hitch -f ${FILE} up db\` makes it)`);
    await hitchOk(['-f', FILE, 'up']);
    await until('db answers again', async () => ((await redisPing('web')) === '+PONG' ? true : undefined));
  });
});

describe('links change', () => {
  it('updates the children’s rules in place, without restarting them', async () => {
    const started = async (name: string) => (await docker.getContainer(name).inspect()).State.StartedAt;
    const children = [`${P}-cache`, `${P}-cache-sandbox`, `${P}-dns`, `${P}-dns-sandbox`];
    const before = await Promise.all(children.map(started));
    // worker becomes a parent of cache; web stops being one of dns
    const text = (await readFile(FILE, 'utf8'))
      .replace('links: ["db", "cache", "dns"]', 'links: ["db", "cache"]')
      .replace('link: db\n', 'links: ["db", "cache"]\n');
    const file = join(await mkdtemp(join(tmpdir(), 'hitch-conn-')), 'hitch.yaml');
    await writeFile(file, text);
    await hitchOk(['-f', file, 'up']);
    expect(await Promise.all(children.map(started))).toEqual(before);
    expect({
      'worker -> cache 8080': await probe('worker', 'cache', '8080'),
      'web -> cache 8080': await probe('web', 'cache', '8080'),
      'web -> dns 5353/udp': await probe('web', 'dns', '5353/udp'),
    }).toEqual({ 'worker -> cache 8080': 'open', 'web -> cache 8080': 'open', 'web -> dns 5353/udp': 'timeout' });
  });

  it('and back: the original links, the original matrix', async () => {
    await hitchOk(['-f', FILE, 'up']);
    expect(await facts()).toEqual(FACTS);
  });
});

describe("db's sandbox restarts, then hitch up", () => {
  it('re-applies the rules and brings db back into its namespace', async () => {
    await docker.getContainer(`${P}-db-sandbox`).restart({ t: 0 });
    await hitchOk(['-f', FILE, 'up']);
    expect(await facts()).toEqual(FACTS);
    expect(await checkMatrix()).toEqual(MATRIX);
  });
});

describe('check --json that refuses to probe', () => {
  it('prints a document valid against its schema, with the error and the way out, exit 1', async () => {
    await docker.getContainer(`${P}-web-sandbox`).pause();
    try {
      const res = await hitch(['-f', FILE, '--json', 'check']);
      const doc = JSON.parse(res.stdout);
      const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(await readFile(`${ROOT}/schemas/check.schema.json`, 'utf8')));
      validate(doc);
      const error = `cannot check project ${P}: probes run in every sandbox, and nothing runs in a paused one: ${P}-web-sandbox`;
      const remedy = `unpause it (\`docker unpause ${P}-web-sandbox\`), then run \`hitch -f ${FILE} check\` again`;
      expect({ code: res.code, doc, errors: validate.errors ?? [], stderr: res.stderr }).toEqual({
        code: 1,
        doc: { project: P, ok: false, error, remedy, probes: [] },
        errors: [],
        stderr: `hitch: ${error}\n  to fix: ${remedy}\n`,
      });
    } finally {
      await docker.getContainer(`${P}-web-sandbox`).unpause();
    }
  });
});
