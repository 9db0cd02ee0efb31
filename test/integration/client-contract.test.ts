// hitch/client's contract: it reads the env a container that hitch started really has, in both
// dialects, and what it reads connects. Imported as users import it: through the package's exports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { links, requireLink, type Link } from 'hitch/client';
import { execIn, FIXTURES, hitch, hitchOk, ipOf, requireEngine } from './helpers.js';

const FILE = `${FIXTURES}/commands-client/hitch.yaml`;
const DIALECTS = ['modern', 'classic'] as const;
const project = (dialect: string) => `it-cmd-client-${dialect}`;

/** The environment of app's running process, as its own `env` prints it. */
async function appEnv(dialect: string): Promise<Record<string, string>> {
  const { output } = await execIn(`${project(dialect)}-app`, ['env']);
  return Object.fromEntries(output.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

beforeAll(async () => {
  await requireEngine();
  for (const d of DIALECTS) {
    await hitch(['-f', FILE, '-p', project(d), 'down']);
    await hitchOk(['-f', FILE, '-p', project(d), 'up'], { LINK_ENV: d });
  }
});

afterAll(async () => {
  for (const d of DIALECTS) await hitchOk(['-f', FILE, '-p', project(d), 'down']);
});

describe.each(DIALECTS)('the %s dialect', (dialect) => {
  it('requireLink reads the link as it is', async () => {
    const ip = await ipOf(`${project(dialect)}-db-sandbox`, `${project(dialect)}-hitch`);
    const port = (n: number, proto: string) => ({ port: n, proto, host: ip, url: `${proto}://${ip}:${n}` });
    const main = dialect === 'modern' ? port(6379, 'tcp') : port(53, 'udp'); // spec/links.md §2
    const want: Link = {
      alias: 'my-db',
      name: `/${project(dialect)}-app/my-db`,
      ...main,
      ports: [port(53, 'udp'), port(6379, 'tcp')],
      env: { EMPTY: '', HITCH_TEST_IMAGE: 'redis', PASSWORD: 'docker', REDIS_VERSION: '7.0.15' },
    };
    const env = await appEnv(dialect);
    expect(requireLink('my-db', env)).toEqual(want);
    expect(links(env)).toEqual([want]);
  });

  it("what it reads reaches db, with db's password", async () => {
    const db = requireLink('my-db', await appEnv(dialect));
    const tcp = db.ports.find((p) => p.proto === 'tcp')!;
    const ping = ['redis-cli', '-h', tcp.host, '-p', String(tcp.port), '-a', db.env.PASSWORD!, '--no-auth-warning', 'ping'];
    expect(await execIn(`${project(dialect)}-app`, ping)).toEqual({ exitCode: 0, output: 'PONG\n' });
  });
});
