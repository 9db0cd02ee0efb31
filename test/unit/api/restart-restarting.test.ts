// `restart` and the commands that reach into a service, on a fake engine that records what it is asked,
// with containers their restart policy has between two starts (`restarting`: the engine counts them as
// running, but nothing runs in them). A restarting service container is stopped (which ends its restart
// loop) and started; a restarting sandbox, which has no namespace for its service to join, is stopped
// and started first, its firewall in force, as a stopped one is.
import { describe, expect, it } from 'vitest';
import { port } from '../../../src/api/port.js';
import { restart } from '../../../src/api/restart.js';
import { exec } from '../../../src/api/streams.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import type { UserError } from '../../../src/user-error.js';

/** db up, its containers changed as given by name; the engine's answers are recorded in order. */
function fakeEngine(changes: Record<string, Partial<ObservedContainer>>) {
  const asked: string[] = [];
  const made = (role: ObservedContainer['role']): ObservedContainer => {
    const name = role === 'sandbox' ? 'shop-db-sandbox' : 'shop-db';
    return { id: name, name, service: 'db', role, configHash: '', running: true, published: role === 'sandbox' ? ['127.0.0.1:49153->5432/tcp'] : [], ...changes[name] };
  };
  const containers = [made('sandbox'), made('service')];
  const engine = {
    observe: async () => ({ containers }),
    tryLock: async () => ({ acquired: true, id: 'lock-id', release: async () => void asked.push('lock released') }),
    stopContainer: async (id: string) => void asked.push(`stop ${id}`),
    startContainer: async (id: string) => void asked.push(`start ${id}`),
    status: async () => ({ running: true }),
    exec: async (id: string, cmd: string[]) => (asked.push(`exec ${id} ${cmd.join(' ')}`), { exitCode: 0, stdout: 'rules\n', stderr: '' }),
    execAttached: async (id: string) => (asked.push(`exec ${id}`), 0),
  } as unknown as Engine;
  return { engine, asked };
}

const scope = { name: 'shop', declared: ['db'] };
const refused = (p: Promise<unknown>) => p.then(() => undefined, (err: UserError) => ({ message: err.message, remedy: err.remedy }));

describe('restart of restarting containers', () => {
  it.each<[string, Record<string, Partial<ObservedContainer>>, string[]]>([
    ['the service container restarting: stopped (its loop ends), started', { 'shop-db': { restarting: true } }, ['stop shop-db', 'start shop-db', 'lock released']],
    [
      'the sandbox restarting: stopped, started with its firewall in force, then the service stopped and started to join it',
      { 'shop-db-sandbox': { restarting: true } },
      ['stop shop-db-sandbox', 'start shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show', 'stop shop-db', 'start shop-db', 'lock released'],
    ],
    [
      'both restarting',
      { 'shop-db-sandbox': { restarting: true }, 'shop-db': { restarting: true } },
      ['stop shop-db-sandbox', 'start shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show', 'stop shop-db', 'start shop-db', 'lock released'],
    ],
    ['neither: the service alone', {}, ['stop shop-db', 'start shop-db', 'lock released']],
  ])('%s', async (_, changes, asked) => {
    const f = fakeEngine(changes);
    expect(await restart(f.engine, scope, [])).toEqual({ restarted: ['db'], notRestarted: [], failed: [] });
    expect(f.asked).toEqual(asked);
  });
});

describe('exec and port with restarting containers: nothing runs in them yet', () => {
  it('exec into a restarting service container is refused, with where to look', async () => {
    const f = fakeEngine({ 'shop-db': { restarting: true } });
    expect(await refused(exec(f.engine, scope, 'db', ['true'], {} as never, {} as never))).toEqual({
      message: 'service "db" of project shop is restarting: it exited, and its restart policy starts it again',
      remedy: 'see why it exits with `hitch logs db`',
    });
    expect(f.asked).toEqual([]);
  });

  it("port of a service whose sandbox is restarting: nothing is published until it runs", async () => {
    const f = fakeEngine({ 'shop-db-sandbox': { restarting: true } });
    expect(await refused(port(f.engine, scope, 'db'))).toEqual({
      message: 'the sandbox of service "db" (shop-db-sandbox) is restarting, so no port of it is published',
      remedy: 'wait for its restart policy, or restart it with `hitch restart db`',
    });
  });
});
