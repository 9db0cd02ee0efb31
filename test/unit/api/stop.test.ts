// `stop` on a fake engine that records what it is asked: parents before children, each service container
// before its sandbox, what is stopped already left alone, and the names checked as every command does.
import { describe, expect, it } from 'vitest';
import { stop } from '../../../src/api/stop.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { UsageError, type UserError } from '../../../src/user-error.js';

/** web links db; each up with both containers unless `down` says which container is stopped. */
function fakeEngine(opts: { stopped?: string[]; paused?: string[]; restarting?: string[]; up?: string[]; refused?: string } = {}) {
  const asked: string[] = [];
  const made = (service: string, role: ObservedContainer['role']): ObservedContainer => {
    const name = role === 'sandbox' ? `shop-${service}-sandbox` : `shop-${service}`;
    return {
      id: name, name, service, role, configHash: '',
      running: !opts.stopped?.includes(name),
      ...(opts.paused?.includes(name) ? { paused: true } : {}),
      ...(opts.restarting?.includes(name) ? { restarting: true } : {}),
      ...(role === 'service' && service === 'web' ? { links: ['db'] } : {}),
    };
  };
  const containers = (opts.up ?? ['db', 'web']).flatMap((s) => [made(s, 'sandbox'), made(s, 'service')]);
  const engine = {
    observe: async () => ({ containers }),
    tryLock: async () => ({ acquired: true, id: 'lock-id', release: async () => void asked.push('lock released') }),
    logsTail: async (id: string, lines: number) => (asked.push(`logs ${id} --tail ${lines}`), 'last words\n'),
    stopContainer: async (id: string, t?: number) => {
      if (id === opts.refused) throw new Error('tried to kill container, but did not receive an exit event');
      asked.push(`stop ${id}${t === undefined ? '' : ` -t ${t}`}`);
    },
  } as unknown as Engine;
  return { engine, asked };
}

const scope = { name: 'shop', declared: ['db', 'extra', 'web'] };

async function stopOf(services: string[], engine = fakeEngine(), timeoutSec?: number) {
  const warnings: string[] = [];
  const { stopped, failed } = await stop(engine.engine, scope, services, { timeoutSec, onWarning: (m) => warnings.push(m) });
  return { stopped, ...(failed.length > 0 ? { failed } : {}), warnings, asked: engine.asked };
}

const refused = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: UserError) => ({ usage: err instanceof UsageError, message: err.message, remedy: err.remedy }),
  );

describe('stop', () => {
  it('of everything: parents first, each service container before its sandbox', async () => {
    expect(await stopOf([])).toEqual({
      stopped: ['web', 'db'],
      warnings: [],
      asked: ['stop shop-web', 'stop shop-web-sandbox', 'stop shop-db', 'stop shop-db-sandbox', 'lock released'],
    });
  });

  it('-t is given to every stop', async () => {
    expect((await stopOf(['db'], fakeEngine(), 3)).asked).toEqual(['stop shop-db -t 3', 'stop shop-db-sandbox -t 3', 'lock released']);
  });

  it('of one service: its two containers, no other', async () => {
    expect(await stopOf(['db'])).toEqual({ stopped: ['db'], warnings: [], asked: ['stop shop-db', 'stop shop-db-sandbox', 'lock released'] });
  });

  it('what is stopped already is left alone, and is no error', async () => {
    const engine = fakeEngine({ stopped: ['shop-web', 'shop-web-sandbox', 'shop-db'] });
    expect(await stopOf([], engine)).toEqual({ stopped: ['web', 'db'], warnings: [], asked: ['stop shop-db-sandbox', 'lock released'] });
  });

  it('a restarting container (its restart policy between two starts) is stopped too: the stop ends its restart loop, as compose stops it', async () => {
    const engine = fakeEngine({ restarting: ['shop-db', 'shop-web-sandbox'], stopped: ['shop-db-sandbox'] });
    expect(await stopOf([], engine)).toEqual({ stopped: ['web', 'db'], warnings: [], asked: ['stop shop-web', 'stop shop-web-sandbox', 'stop shop-db', 'lock released'] });
  });

  it('of a declared service with no container: nothing to stop, said so', async () => {
    expect(await stopOf(['extra', 'db'])).toEqual({
      stopped: ['db'],
      warnings: ['service "extra" of project shop has no container, so nothing to stop; run `hitch up extra` to create it'],
      asked: ['stop shop-db', 'stop shop-db-sandbox', 'lock released'],
    });
  });

  it('a container the engine refuses to stop ends the stop there: the result has what was stopped before it, and the failure as up lists one', async () => {
    const engine = fakeEngine({ refused: 'shop-db' });
    expect(await stopOf([], engine)).toEqual({
      stopped: ['web'],
      failed: [{ service: 'db', action: 'stop shop-db', error: 'cannot stop shop-db: tried to kill container, but did not receive an exit event', logs: ['last words'] }],
      warnings: [],
      asked: ['stop shop-web', 'stop shop-web-sandbox', 'logs shop-db --tail 10', 'lock released'],
    });
  });

  it('of a misspelt name: the usage error every command gives, nothing stopped', async () => {
    const engine = fakeEngine();
    expect(await refused(stopOf(['wbe'], engine))).toEqual({ usage: true, message: 'no such service in project shop: "wbe" (did you mean "web"?)', remedy: 'use one of: db, extra, web' });
    expect(engine.asked).toEqual(['lock released']);
  });

  it('of a paused container: refused before anything stops, with the way out', async () => {
    const engine = fakeEngine({ paused: ['shop-db'] });
    expect(await refused(stopOf([], engine))).toEqual({ usage: false, message: 'shop-db is paused; nothing was stopped', remedy: 'unpause it (`docker unpause shop-db`)' });
    expect(engine.asked).toEqual(['lock released']);
  });

  it('of a project with nothing on the engine: nothing to do, exit 0, as compose v2, and a warning that it is not up', async () => {
    expect(await stopOf([], fakeEngine({ up: [] }))).toEqual({
      stopped: [],
      warnings: ['project shop has no containers on this engine, so nothing to stop; run `hitch up` to start it'],
      asked: ['lock released'],
    });
  });
});
