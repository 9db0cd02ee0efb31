// The programmatic API (`import { load, plan, up, down } from 'hitch'`), through the package's exports,
// on a real engine; and the README's runnable example, run as a user would run it.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { down, EngineUnreachableError, load, ManifestError, plan, up, UserError } from 'hitch';
import { FIXTURES, hitch, hitchOk, labelled, requireEngine, ROOT } from './helpers.js';

const FILE = `${FIXTURES}/commands-client/hitch.yaml`;
const P = 'it-cmd-api';
const EXAMPLE = `${ROOT}/examples/redis-webapp/api.mjs`;

beforeAll(async () => {
  await requireEngine();
  for (const p of [P, `${P}-example`]) await hitch(['-p', p, 'down']);
});

afterAll(async () => {
  for (const p of [P, `${P}-example`]) await hitchOk(['-p', p, 'down']);
});

describe('load, plan, up, down', () => {
  it('converge a project and remove it, with typed results', async () => {
    const manifest = await load(FILE, { project: P, env: { LINK_ENV: 'classic' } });
    expect({ project: manifest.project, linkEnv: manifest.linkEnv, services: Object.keys(manifest.services) }).toEqual({
      project: P,
      linkEnv: 'classic',
      services: ['app', 'db'],
    });
    expect((await plan(manifest)).actions.map((a) => a.id)).toEqual([
      'network',
      'sandbox:db',
      'service:db',
      'sandbox:app',
      'ready:db@app',
      'service:app',
    ]);

    const started = await up(manifest);
    expect({ ok: started.ok, created: started.summary.created }).toEqual({ ok: true, created: ['app', 'db'] });
    expect((await labelled(P)).containers).toEqual([`${P}-app`, `${P}-app-sandbox`, `${P}-db`, `${P}-db-sandbox`]);
    expect((await plan(manifest)).actions).toEqual([]);

    const removed = await down(P);
    expect({ ok: removed.ok, removed: removed.summary.removed }).toEqual({ ok: true, removed: ['app', 'db'] });
    expect(await labelled(P)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('load throws ManifestError with every problem', async () => {
    const err = await load(`${FIXTURES}/commands-client/missing.yaml`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as ManifestError).problems.map((p) => p.message)).toEqual([`cannot read ${FIXTURES}/commands-client/missing.yaml: ENOENT`]);
  });
});

describe('an unreachable engine', () => {
  const SOCKET = '/tmp/hitch-nonexistent.sock'; // a path, never a network address
  const unreachable = {
    name: 'EngineUnreachableError',
    address: `unix://${SOCKET}`,
    message: `cannot connect to the Docker engine at unix://${SOCKET}: connect ENOENT ${SOCKET}`,
    remedy: 'start the engine (e.g. `dockerd`, or `bash scripts/ensure-engine.sh` in a hitch checkout), or point DOCKER_HOST at a running one',
  };
  const failure = (err: unknown) => {
    const { name, address, message, remedy } = err as EngineUnreachableError;
    return { isEngine: err instanceof EngineUnreachableError, isUser: err instanceof UserError, isManifest: err instanceof ManifestError, name, address, message, remedy };
  };

  it('plan, up and down throw an EngineUnreachableError, a UserError with the address, never a ManifestError', async () => {
    const manifest = await load(FILE, { project: P });
    vi.stubEnv('DOCKER_HOST', `unix://${SOCKET}`);
    try {
      const errors = [await plan(manifest).catch(failure), await up(manifest).catch(failure), await down(P).catch(failure)];
      expect(errors).toEqual([0, 1, 2].map(() => ({ isEngine: true, isUser: true, isManifest: false, ...unreachable })));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("the README's example", () => {
  it('is the file that runs', () => {
    expect(readFileSync(`${ROOT}/README.md`, 'utf8')).toContain(readFileSync(EXAMPLE, 'utf8'));
  });

  it('runs: plans, brings the stack up and takes it down', async () => {
    const env = { ...process.env, REDIS_IMAGE: 'hitch-test/redis:1', WEBAPP_IMAGE: 'hitch-test/redis:1' };
    const { stdout } = await promisify(execFile)('node', [EXAMPLE, `${P}-example`], { env });
    const lines = stdout.trimEnd().split('\n');
    expect([lines[0], ...lines.slice(-2)]).toEqual([
      `plan for ${P}-example: 6 actions`,
      'up: ok, created redis, webapp',
      'down: ok, removed redis, webapp',
    ]);
  });
});
