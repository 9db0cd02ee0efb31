// `restart` of a parent and its child, on a fake engine that records what it is asked: the parent is
// stopped only once the restarted child answers its probe from the parent's sandbox, as `start` waits
// for it; a child that does not come back leaves its parent as it was, and the result says so.
import { describe, expect, it } from 'vitest';
import { restart } from '../../../src/api/restart.js';
import type { ContainerStatus, Engine } from '../../../src/engine/engine.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { emptyEngine, link, manifest, service } from '../plan/fixtures.js';

const SHOP = manifest([service('db', { expose: [{ port: 5432, proto: 'tcp' }], readyTimeoutMs: 2000 }), service('web', { links: [link('db')] })]);
const scope = { name: 'shop', declared: ['db', 'web'] };

function containers(name: string, ip: string, links: string[] = []): ObservedContainer[] {
  const common = { service: name, configHash: '', running: true, ip };
  return [
    { ...common, id: `shop-${name}-sandbox`, name: `shop-${name}-sandbox`, role: 'sandbox' },
    { ...common, id: `shop-${name}`, name: `shop-${name}`, role: 'service', links },
  ];
}

/** db and web up; `answers`: whether each probe of db finds it open, in turn; `db`: its status once restarted. */
function fakeEngine(answers: boolean[], db: ContainerStatus = { running: true }) {
  const asked: string[] = [];
  const observed = emptyEngine({ containers: [...containers('db', '10.213.0.2'), ...containers('web', '10.213.0.3', ['db'])] });
  const engine = {
    observe: async () => observed,
    tryLock: async () => ({ acquired: true, id: 'lock-id', release: async () => void asked.push('lock released') }),
    stopContainer: async (id: string) => void asked.push(`stop ${id}`),
    startContainer: async (id: string) => void asked.push(`start ${id}`),
    status: async () => db,
    logsTail: async (id: string, lines: number) => (asked.push(`logs ${id} --tail ${lines}`), 'exiting: no config\n'),
    attach: async () => undefined, // no channel: probes go by exec
    exec: async (id: string, cmd: string[]) => {
      asked.push(`exec ${id} ${cmd.join(' ')}`);
      return { exitCode: answers.shift() ? 0 : 1, stdout: '', stderr: '' };
    },
  } as unknown as Engine;
  return { engine, asked };
}

const PROBE = 'exec shop-web-sandbox hitch-sandbox probe 10.213.0.2 5432 1';

describe('restart waits for the children it restarts', () => {
  it('the parent is stopped once its restarted child answers from its sandbox', async () => {
    const f = fakeEngine([false, true]);
    const restarted: string[] = [];
    expect(await restart(f.engine, scope, [], { manifest: SHOP, onRestarted: (s) => restarted.push(s) })).toEqual({ restarted: ['db', 'web'], notRestarted: [], failed: [] });
    expect({ asked: f.asked, restarted }).toEqual({
      asked: ['stop shop-db', 'start shop-db', PROBE, PROBE, 'stop shop-web', 'start shop-web', 'lock released'],
      restarted: ['db', 'web'],
    });
  });

  it('a child that does not come back: its parent is left as it was, and the result names both, the failure as up lists one', async () => {
    const f = fakeEngine([], { running: false, exitCode: 3 });
    // the remedy is `up` as the project was named (only up makes it anew with a corrected command), not "again"
    expect(await restart(f.engine, { ...scope, invocation: 'hitch -f dev.yaml' }, [], { manifest: SHOP })).toEqual({
      // db was restarted, and it is its readiness for web that failed
      restarted: ['db'],
      notRestarted: ['web'],
      failed: [
        {
          service: 'db',
          action: 'ready:db@web',
          error: 'service "db" is not running (exit code 3)',
          remedy: "fix the service's command or image, then run `hitch -f dev.yaml up`",
          logs: ['exiting: no config'],
        },
      ],
    });
    expect(f.asked).toEqual(['stop shop-db', 'start shop-db', PROBE, 'logs shop-db --tail 10', 'lock released']);
  });

  it('without the manifest (-p): the parent restarts after its child, with nothing to probe', async () => {
    const f = fakeEngine([]);
    expect(await restart(f.engine, { name: 'shop' }, [])).toEqual({ restarted: ['db', 'web'], notRestarted: [], failed: [] });
    expect(f.asked).toEqual(['stop shop-db', 'start shop-db', 'stop shop-web', 'start shop-web', 'lock released']);
  });
});
