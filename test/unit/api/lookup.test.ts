// `logs`, `exec`, `port` and `restart` find a service's containers with pick: a name the project does
// not have is a usage error, as in `ps`, `up` and `plan`; an empty project with no names is not. `exec`
// reaches only into a service container that runs and is not paused.
import { describe, expect, it } from 'vitest';
import { pick, runningService } from '../../../src/api/lookup.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { UsageError, UserError } from '../../../src/user-error.js';

const container = (service: string, role: ObservedContainer['role']): ObservedContainer => ({
  id: `id-${service}-${role}`,
  name: role === 'sandbox' ? `shop-${service}-sandbox` : `shop-${service}`,
  service,
  role,
  configHash: '',
  running: true,
});
const observed = (services: string[]) => ({ containers: services.flatMap((s) => [container(s, 'sandbox'), container(s, 'service')]) }) as unknown as ObservedState;
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return { usage: err instanceof UsageError, user: err instanceof UserError, message: (err as UserError).message, remedy: (err as UserError).remedy };
  }
  return undefined;
};

describe('pick', () => {
  it('gives the containers of the services named, once each, or of all of them', () => {
    expect(pick(observed(['db', 'web']), 'shop', ['web', 'web']).map((f) => [f.service, f.sandbox?.name, f.main?.name])).toEqual([['web', 'shop-web-sandbox', 'shop-web']]);
    expect(pick(observed(['db', 'web']), 'shop', []).map((f) => f.service)).toEqual(['db', 'web']);
  });

  it('a name the project does not have is a usage error with a did-you-mean', () => {
    expect(refusal(() => pick(observed(['db', 'web']), 'shop', ['wbe', 'zzz']))).toEqual({
      usage: true,
      user: true,
      message: 'no such service in project shop: "wbe" (did you mean "web"?), "zzz"',
      remedy: 'use one of: db, web',
    });
  });

  it('a name in a project with no containers is a usage error too, as in ps', () => {
    expect(refusal(() => pick(observed([]), 'shop', ['web']))).toMatchObject({ usage: true, remedy: 'project shop has no containers on this engine: start it with `hitch up`' });
  });

  it('no name in a project with no containers is not a usage error: the project is not up', () => {
    expect(refusal(() => pick(observed([]), 'shop', []))).toEqual({ usage: false, user: true, message: 'project shop has no containers on this engine', remedy: 'start it with `hitch up`' });
  });
});

describe('runningService: the container `exec` reaches into', () => {
  const engineWith = (change: Partial<ObservedContainer>) => {
    const state = observed(['db']);
    state.containers = state.containers.map((c) => (c.role === 'service' ? { ...c, ...change } : c));
    return { observe: async () => state } as unknown as Engine;
  };
  const refused = (change: Partial<ObservedContainer>) =>
    runningService(engineWith(change), 'shop', 'db').then(
      () => undefined,
      (err: UserError) => ({ user: err instanceof UserError, message: err.message, remedy: err.remedy }),
    );

  it('running: that one', async () => {
    expect((await runningService(engineWith({}), 'shop', 'db')).name).toBe('shop-db');
  });

  it.each<[string, Partial<ObservedContainer>, string, string]>([
    ['stopped', { running: false }, 'service "db" of project shop is not running', 'start it with `hitch up`'],
    ['paused (the engine refuses an exec)', { paused: true }, 'service "db" of project shop is paused', 'unpause it (`docker unpause shop-db`)'],
  ])('%s: refused with the way out', async (_, change, message, remedy) => {
    expect(await refused(change)).toEqual({ user: true, message, remedy });
  });
});
