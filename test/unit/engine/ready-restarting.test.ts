// awaitReady of a child its restart policy has between two starts (`restarting`: the engine says it runs):
// not ready, whatever a probe or its last health would say, until it runs again; past ready_timeout, the
// error says it kept restarting, with how its last run ended.
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Engine } from '../../../src/engine/engine.js';
import { awaitReady } from '../../../src/engine/readiness.js';
import type { Action } from '../../../src/plan/model.js';
import type { UserError } from '../../../src/user-error.js';

const ready = (healthcheck: boolean): Extract<Action, { kind: 'await-ready' }> => ({
  id: 'ready:db@web', kind: 'await-ready', cause: 'linked', waitsFor: [], service: 'db', container: 'shop-db',
  from: 'shop-web-sandbox', target: { ip: '10.213.0.3', tcpPorts: [] }, healthcheck, timeoutMs: 300,
});

/** An engine whose child answers each status with the next of `statuses`, the last one for good. */
function engineSaying(statuses: ContainerStatus[]) {
  let asked = 0;
  const engine = { status: async () => statuses[Math.min(asked++, statuses.length - 1)] } as unknown as Engine;
  return { engine, asked: () => asked };
}

const RESTARTING: ContainerStatus = { running: true, restarting: true, exitCode: 4 };
const outcome = (p: Promise<void>) => p.then(() => 'ready', (err: UserError) => ({ message: err.message, remedy: err.remedy }));

describe('awaitReady of a restarting child', () => {
  it.each([
    ['no healthcheck, no tcp port (ready once running)', false, RESTARTING],
    ['a healthcheck, its last health healthy', true, { ...RESTARTING, health: 'healthy' as const }],
  ])('%s: waits, then says it kept restarting', async (_, healthcheck, status) => {
    const { engine, asked } = engineSaying([status]);
    expect(await outcome(awaitReady(engine, ready(healthcheck), {}))).toEqual({
      message: 'service "db" was not ready after 0.3s: it kept restarting (last exit code 4)',
      remedy: 'check the service with `hitch logs db`, or raise its ready_timeout',
    });
    expect(asked()).toBeGreaterThan(1);
  });

  it('names hitch as the command line named the project, so that its commands work when pasted', async () => {
    const hitch = { invocation: 'hitch -f dev.yaml' };
    expect(await outcome(awaitReady(engineSaying([RESTARTING]).engine, ready(false), hitch))).toMatchObject({ remedy: 'check the service with `hitch -f dev.yaml logs db`, or raise its ready_timeout' });
    expect(await outcome(awaitReady(engineSaying([{ running: false }]).engine, ready(false), hitch))).toMatchObject({ remedy: "fix the service's command or image, then run `hitch -f dev.yaml up`" });
  });

  it('ready once its restart policy has it running again', async () => {
    const { engine, asked } = engineSaying([RESTARTING, RESTARTING, { running: true }]);
    expect(await outcome(awaitReady(engine, ready(false), {}))).toBe('ready');
    expect(asked()).toBe(3);
  });

  it('stopped for good (no restart policy left): not running, with its exit code, at once', async () => {
    const { engine, asked } = engineSaying([{ running: false, exitCode: 4 }]);
    expect(await outcome(awaitReady(engine, ready(false), {}))).toEqual({
      message: 'service "db" is not running (exit code 4)',
      remedy: "fix the service's command or image, then run `hitch up`",
    });
    expect(asked()).toBe(1);
  });
});
