// The executor's endpoint calls on the project network, one at a time (moby#42119), against a fake engine.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { execute } from '../../../src/engine/executor.js';
import type { Action } from '../../../src/plan/model.js';
import { plan, removal, start } from './plan-builders.js';
import { fakeAttachment } from './fake-attachment.js';

/** Records, per kind of engine call, the most calls in flight at once; each call takes a few ticks. */
function endpointEngine(failing?: string) {
  const active: Record<string, number> = {};
  const most: Record<string, number> = {};
  const calls: string[] = [];
  const track = (kind: string) => async (name: string) => {
    active[kind] = (active[kind] ?? 0) + 1;
    most[kind] = Math.max(most[kind] ?? 0, active[kind]);
    await new Promise((r) => setTimeout(r, 5));
    active[kind]--;
    if (name === failing) throw new Error(`${kind} ${name}: engine said no`);
    calls.push(`${kind} ${name}`);
  };
  const engine = {
    startContainer: track('start'),
    attach: async () => {
      const attachment = fakeAttachment();
      // it says so once the sandbox starts
      setTimeout(() => ['-N HITCH', 'hitch-sandbox: in force'].forEach((line) => attachment.write(line)), 10);
      return attachment;
    },
    stopContainer: track('stop'),
    removeContainer: track('remove'),
    createContainer: ({ name }: { name: string }) => track('create')(name),
    connectNetwork: (_net: string, name: string) => track('connect')(name),
    disconnectNetwork: (_net: string, name: string) => track('disconnect')(name),
    status: async () => ({ running: true }),
    exec: async () => ({ exitCode: 0, stdout: '-N HITCH\n', stderr: '' }),
  } as unknown as Engine;
  return { engine, most, calls };
}

describe('execute: endpoints on the project network, one at a time (moby#42119)', () => {
  const services = ['a', 'b', 'c', 'd'];

  it('starts existing sandboxes (their endpoint in their config) one after another, service containers side by side', async () => {
    const sandboxes = endpointEngine();
    await execute(sandboxes.engine, plan(services.map((s) => start(s, 'sandbox'))));
    const plain = endpointEngine();
    await execute(plain.engine, plan(services.map((s) => start(s, 'service'))));
    expect({ sandboxes: sandboxes.most.start, services: plain.most.start }).toEqual({ sandboxes: 1, services: 4 });
  });

  it('a new sandbox leaves the network before it runs, starts side by side with others, and joins in turn', async () => {
    const f = endpointEngine();
    const spec = (s: string) => ({ name: `${s}-sandbox`, service: s, role: 'sandbox', network: { name: 'p-hitch', ip: '10.0.0.2' } });
    const create = (s: string): Action => ({ id: `sandbox:${s}`, kind: 'create-container', cause: 'not found', waitsFor: [], container: spec(s) as Extract<Action, { kind: 'create-container' }>['container'] });
    await execute(f.engine, plan(services.map(create)));
    expect({ starts: f.most.start, joins: f.most.connect }).toEqual({ starts: services.length, joins: 1 });
    for (const s of services) {
      const at = (kind: string) => f.calls.indexOf(`${kind} ${s}-sandbox`);
      const order = ['create', 'disconnect', 'start', 'connect'].map(at);
      expect({ missing: order.includes(-1), order }).toEqual({ missing: false, order: [...order].sort((a, b) => a - b) });
    }
  });

  it('takes each sandbox off the network in turn, then removes it as it runs; stops and removals run side by side', async () => {
    const f = endpointEngine();
    await execute(f.engine, plan([...services.map((s) => removal(s, 'p-hitch')), ...services.map((s) => removal(s))]));
    expect(f.most.disconnect).toBe(1);
    expect(Math.min(f.most.stop!, f.most.remove!)).toBeGreaterThan(1);
    for (const s of services) expect(f.calls.indexOf(`disconnect ${s}-sandbox`)).toBeLessThan(f.calls.indexOf(`remove ${s}-sandbox`));
    expect(f.calls.filter((c) => c.startsWith('disconnect')).sort()).toEqual(services.map((s) => `disconnect ${s}-sandbox`));
    // the service containers are stopped gracefully, the sandboxes (no state) are not
    expect(f.calls.filter((c) => c.startsWith('stop')).sort()).toEqual(services.map((s) => `stop ${s}`));
  });

  it('a failed endpoint call does not hold up the next one', async () => {
    const f = endpointEngine('a-sandbox');
    const result = await execute(f.engine, plan([removal('a', 'p-hitch'), removal('b', 'p-hitch')]));
    expect({ outcomes: result.outcomes, calls: f.calls }).toEqual({
      outcomes: { 'remove:a-sandbox': 'failed', 'remove:b-sandbox': 'done' },
      calls: ['disconnect b-sandbox', 'remove b-sandbox'],
    });
  });

  it('a sandbox waiting its turn in the queue holds no slot: ready work runs meanwhile', async () => {
    const f = endpointEngine();
    // Every disconnect lasts until a service container has been stopped (or a second has passed): only
    // work that runs beside the queue can end it, so the outcome does not hang on the timers' race.
    let stopped = () => {};
    const aServiceStopped = new Promise<void>((resolve) => {
      stopped = resolve;
      setTimeout(resolve, 1000);
    });
    const { stopContainer, disconnectNetwork } = f.engine;
    Object.assign(f.engine, {
      stopContainer: async (...args: Parameters<Engine['stopContainer']>) => {
        await stopContainer(...args);
        stopped();
      },
      disconnectNetwork: async (...args: Parameters<Engine['disconnectNetwork']>) => {
        await aServiceStopped;
        return disconnectNetwork(...args);
      },
    });
    const services = ['a', 'b', 'c'];
    // one slot: the sandboxes queue for their disconnects; the service containers still go through
    await execute(f.engine, plan([...services.map((s) => removal(s, 'p-hitch')), ...services.map((s) => removal(s))]), { concurrency: 1 });
    const firstServiceStop = f.calls.findIndex((c) => c.startsWith('stop'));
    const lastDisconnect = f.calls.findLastIndex((c) => c.startsWith('disconnect'));
    expect({ stops: f.calls.filter((c) => c.startsWith('stop')).length, serviceWorkBeforeQueueDrained: firstServiceStop < lastDisconnect }).toEqual({ stops: 3, serviceWorkBeforeQueueDrained: true });
  });

  it('a sandbox free to leave the network goes before other ready work: the queue starts with the first service gone', async () => {
    const f = endpointEngine();
    const services = ['a', 'b', 'c', 'd'];
    const afterItsService = (s: string): Action => ({ ...removal(s, 'p-hitch'), waitsFor: [`remove:${s}`] });
    // ranked by chain alone, the service removals (each with a sandbox waiting on it) would all go first
    await execute(f.engine, plan([...services.map((s) => removal(s)), ...services.map(afterItsService)]), { concurrency: 1 });
    // the slot a's removal frees goes to a's sandbox, not to the service removals that waited already
    expect({ first: f.calls.slice(0, 3), calls: f.calls.length }).toEqual({ first: ['stop a', 'remove a', 'disconnect a-sandbox'], calls: 16 });
  });
});
