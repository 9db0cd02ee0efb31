// `ps` rows from what the engine holds: states in fixed words beside the engine's own, a missing
// container as null, ports as `port --json` gives them, and only the services asked for. With a manifest,
// its services with no container are rows too, `missing`, as `ls` has them.
import { describe, expect, it } from 'vitest';
import { ps, type PsRow } from '../../../src/api/ps.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { UsageError } from '../../../src/user-error.js';

function container(name: string, service: string, role: ObservedContainer['role'], running: boolean, extra: Partial<ObservedContainer> = {}): ObservedContainer {
  return { id: `id-${name}`, name, service, role, configHash: '', running, ...extra };
}

const CONTAINERS = [
  container('shop-web-sandbox', 'web', 'sandbox', true, { ip: '10.0.0.2', published: ['127.0.0.1:49154->5353/udp', ':::49153->8000/tcp', '0.0.0.0:49153->8000/tcp'] }),
  container('shop-web', 'web', 'service', true, { status: 'Up 2 minutes', links: ['cache'] }),
  container('shop-cache-sandbox', 'cache', 'sandbox', false, { ip: '10.0.0.3' }),
  container('shop-cache', 'cache', 'service', true, { status: 'Up 3 minutes' }),
  container('shop-db-sandbox', 'db', 'sandbox', true, { ip: '10.0.0.4' }),
  container('shop-db', 'db', 'service', false, { status: 'Exited (0) 5 seconds ago' }),
  container('shop-lost-sandbox', 'lost', 'sandbox', true, { ip: '10.0.0.5' }),
];

const engineWith = (containers: ObservedContainer[]) => ({ observe: async () => ({ containers }) }) as unknown as Engine;
const P = { name: 'shop' }; // -p NAME: no manifest read, the engine's services are all there is

const ROWS: Record<string, PsRow> = {
  cache: { service: 'cache', container: 'shop-cache', id: 'id-shop-cache', state: 'sandbox stopped', status: 'Up 3 minutes', ip: '10.0.0.3', ports: [], links: [] },
  db: { service: 'db', container: 'shop-db', id: 'id-shop-db', state: 'stopped', status: 'Exited (0) 5 seconds ago', ip: '10.0.0.4', ports: [], links: [] },
  lost: { service: 'lost', container: null, id: null, state: 'missing', status: null, ip: '10.0.0.5', ports: [], links: [] },
  web: {
    service: 'web',
    container: 'shop-web',
    id: 'id-shop-web',
    state: 'running',
    status: 'Up 2 minutes',
    ip: '10.0.0.2',
    ports: [
      { containerPort: 5353, proto: 'udp', hostIp: '127.0.0.1', hostPort: 49154, address: '127.0.0.1:49154' },
      { containerPort: 8000, proto: 'tcp', hostIp: '0.0.0.0', hostPort: 49153, address: '0.0.0.0:49153' },
      { containerPort: 8000, proto: 'tcp', hostIp: '::', hostPort: 49153, address: '[::]:49153' },
    ],
    links: ['cache'],
  },
};

describe('ps', () => {
  it('gives one row per service, by name, in fixed words and the engine’s', async () => {
    expect(await ps(engineWith(CONTAINERS), P)).toEqual([ROWS.cache, ROWS.db, ROWS.lost, ROWS.web]);
  });

  it('gives only the services named, in the order of the rest', async () => {
    expect(await ps(engineWith(CONTAINERS), P, ['web', 'db'])).toEqual([ROWS.db, ROWS.web]);
  });

  it('guesses the service a name misspells', async () => {
    const refusal = await ps(engineWith(CONTAINERS), P, ['wbe', 'wbe', 'dv']).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(UsageError);
    expect((refusal as UsageError).message).toBe('no such service in project shop: "wbe" (did you mean "web"?), "dv" (did you mean "db"?)');
  });

  it.each<[string, ObservedContainer[], string]>([
    ['one the project has not', CONTAINERS, 'use one of: cache, db, lost, web'],
    ['any, in a project with no containers', [], 'project shop has no containers on this engine: start it with `hitch up`'],
  ])('refuses to name %s as a usage error', async (_, containers, remedy) => {
    const refusal = await ps(engineWith(containers), P, ['web', 'nope', 'other']).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(UsageError);
    const { message, remedy: given } = refusal as UsageError;
    const named = containers.length > 0 ? '"nope", "other"' : '"web", "nope", "other"';
    expect({ message, remedy: given }).toEqual({ message: `no such service in project shop: ${named}`, remedy });
  });
});

describe('ps with the manifest', () => {
  const MISSING = (service: string): PsRow => ({ service, container: null, id: null, state: 'missing', status: null, ip: null, ports: [], links: [] });
  const scope = { name: 'shop', declared: ['web', 'cache', 'db', 'extra'] }; // lost is an orphan

  it('lists a declared service with no container as missing, among the others and the orphans, by name', async () => {
    expect(await ps(engineWith(CONTAINERS), scope)).toEqual([ROWS.cache, ROWS.db, MISSING('extra'), ROWS.lost, ROWS.web]);
  });

  it('gives its row alone when it is named', async () => {
    expect(await ps(engineWith(CONTAINERS), scope, ['extra'])).toEqual([MISSING('extra')]);
  });

  it('lists every declared service as missing when nothing is up', async () => {
    expect(await ps(engineWith([]), scope)).toEqual(['cache', 'db', 'extra', 'web'].map(MISSING));
  });

  it.each<[string, ObservedContainer[], string, string]>([
    ['with the others up', CONTAINERS, '"extr" (did you mean "extra"?)', 'use one of: cache, db, extra, lost, web'],
    ['with nothing up', [], '"extr" (did you mean "extra"?)', 'use one of: cache, db, extra, web'],
  ])('still refuses a name it does not know, %s, guessing from every known one', async (_, containers, named, remedy) => {
    const refusal = await ps(engineWith(containers), scope, ['extr']).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(UsageError);
    expect({ message: (refusal as UsageError).message, remedy: (refusal as UsageError).remedy }).toEqual({ message: `no such service in project shop: ${named}`, remedy });
  });
});

describe('ps: a sandbox restarted under its running service', () => {
  const restarted = [
    container('shop-db-sandbox', 'db', 'sandbox', true, { ip: '10.0.0.4', startedAt: '2026-11-23T10:00:09.5Z' }),
    container('shop-db', 'db', 'service', true, { status: 'Up 3 seconds', startedAt: '2026-11-23T10:00:05.25Z' }),
    container('shop-web-sandbox', 'web', 'sandbox', true, { ip: '10.0.0.2', startedAt: '2026-11-23T10:00:04Z' }),
    container('shop-web', 'web', 'service', true, { status: 'Up 2 minutes', startedAt: '2026-11-23T10:00:06Z', links: ['db'] }),
  ];

  it("says so in fixed words, beside the engine's, which has it up; asks the engine for start times, and only those", async () => {
    const asked: unknown[] = [];
    const engine = { observe: async (...args: unknown[]) => (asked.push(args.slice(1)), { containers: restarted }) } as unknown as Engine;
    expect((await ps(engine, P)).map((r) => [r.service, r.state, r.status])).toEqual([
      ['db', 'sandbox restarted', 'Up 3 seconds'],
      ['web', 'running', 'Up 2 minutes'],
    ]);
    expect(asked).toEqual([[[], { startTimes: true }]]);
  });
});
