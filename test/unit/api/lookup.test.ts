// `ps`, `logs`, `exec`, `port` and `restart` find a service's containers with pick: the names they take
// are the manifest's services and those found on the engine (orphans too); under -p no manifest is read,
// and the engine's are all. A name the project does not know is a usage error, as in `up` and `plan`,
// with a did-you-mean against every known name; a declared service with no container comes back without
// any, for each command to say what follows. `exec` reaches only into a service container that runs and
// is not paused.
import { describe, expect, it } from 'vitest';
import { knownServices, notCreated, notCreatedError, notCreatedWarning, pick, runAgainRemedy, runningService, type ProjectScope } from '../../../src/api/lookup.js';
import { type ServiceContainers } from '../../../src/api/service-state.js';
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
const underP: ProjectScope = { name: 'shop' }; // -p NAME: no manifest read
const manifest = (...declared: string[]): ProjectScope => ({ name: 'shop', declared });

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return { usage: err instanceof UsageError, user: err instanceof UserError, message: (err as UserError).message, remedy: (err as UserError).remedy };
  }
  return undefined;
};

/** What pick found, one line per service: its name and the containers it has. */
const found = (targets: ServiceContainers[]) => targets.map((t) => `${t.service}: ${[t.sandbox?.name, t.main?.name].filter(Boolean).join(' ') || 'none'}`);

describe('knownServices: the names a command takes', () => {
  it.each<[string, ProjectScope, string[], string[]]>([
    ['under -p, those on the engine', underP, ['web', 'db'], ['db', 'web']],
    ['under -p, nothing up: none', underP, [], []],
    ['the manifest’s, nothing up', manifest('web', 'db'), [], ['db', 'web']],
    ['the manifest’s and the engine’s, once each', manifest('db', 'web', 'extra'), ['db', 'web'], ['db', 'extra', 'web']],
    ['orphans stay addressable', manifest('web'), ['old', 'web'], ['old', 'web']],
  ])('%s', (_, scope, engine, known) => {
    expect(knownServices(observed(engine), scope)).toEqual(known);
  });
});

describe('pick', () => {
  it.each<[string, ProjectScope, string[], string[], string[]]>([
    ['the services named, once each (-p)', underP, ['db', 'web'], ['web', 'web'], ['web: shop-web-sandbox shop-web']],
    ['every service without names (-p)', underP, ['db', 'web'], [], ['db: shop-db-sandbox shop-db', 'web: shop-web-sandbox shop-web']],
    ['every service without names, a declared one with no container among them', manifest('db', 'extra', 'web'), ['db', 'web'], [], ['db: shop-db-sandbox shop-db', 'extra: none', 'web: shop-web-sandbox shop-web']],
    ['a declared service with no container, the others up', manifest('db', 'extra', 'web'), ['db', 'web'], ['extra'], ['extra: none']],
    ['a declared service with no container, nothing up', manifest('db', 'web'), [], ['web', 'db'], ['web: none', 'db: none']],
    ['an orphan, by its name', manifest('web'), ['old', 'web'], ['old'], ['old: shop-old-sandbox shop-old']],
    ['a service both declared and up', manifest('db', 'web'), ['db', 'web'], ['db'], ['db: shop-db-sandbox shop-db']],
  ])('gives %s', (_, scope, engine, wanted, expected) => {
    expect(found(pick(observed(engine), scope, wanted))).toEqual(expected);
  });

  it.each<[string, ProjectScope, string[], string[], string, string]>([
    ['a misspelt name, with a did-you-mean (-p)', underP, ['db', 'web'], ['wbe', 'zzz'], '"wbe" (did you mean "web"?), "zzz"', 'use one of: db, web'],
    ['a name in a project with nothing up (-p): nothing is known', underP, [], ['web'], '"web"', 'project shop has no containers on this engine: start it with `hitch up`'],
    ['a misspelt name in a project with nothing up: guessed from the manifest', manifest('db', 'web'), [], ['wbe'], '"wbe" (did you mean "web"?)', 'use one of: db, web'],
    ['a misspelt name of a declared service with no container', manifest('db', 'extra', 'web'), ['db', 'web'], ['extr'], '"extr" (did you mean "extra"?)', 'use one of: db, extra, web'],
    ['a misspelt orphan', manifest('web'), ['old', 'web'], ['odl'], '"odl" (did you mean "old"?)', 'use one of: old, web'],
    ['a name only the manifest has, under -p (which reads none)', underP, ['db'], ['extra'], '"extra"', 'use one of: db'],
    ['each unknown name once, the known ones left out', manifest('db', 'web'), ['db'], ['web', 'nope', 'nope', 'db'], '"nope"', 'use one of: db, web'],
  ])('refuses %s as a usage error', (_, scope, engine, wanted, named, remedy) => {
    expect(refusal(() => pick(observed(engine), scope, wanted))).toEqual({ usage: true, user: true, message: `no such service in project shop: ${named}`, remedy });
  });

  it.each<[string, ProjectScope]>([
    ['under -p', underP],
    ['with the manifest', manifest('db', 'web')],
  ])('no name in a project with nothing on the engine is not a usage error: the project is not up (%s)', (_, scope) => {
    expect(refusal(() => pick(observed([]), scope, []))).toEqual({ usage: false, user: true, message: 'project shop has no containers on this engine', remedy: 'start it with `hitch up`' });
  });
});

describe('notCreated: a service with no container at all', () => {
  it.each<[string, Partial<ServiceContainers>, boolean]>([
    ['none', {}, true],
    ['its sandbox alone (its container lost)', { sandbox: container('web', 'sandbox') }, false],
    ['its container alone', { main: container('web', 'service') }, false],
    ['both', { sandbox: container('web', 'sandbox'), main: container('web', 'service') }, false],
  ])('%s: %s', (_, has, expected) => {
    expect(notCreated({ service: 'web', ...has })).toBe(expected);
  });
});

describe('what is said of services with no container', () => {
  it('an error for port and exec, with the up that makes it', () => {
    const { message, remedy } = notCreatedError(underP, 'web', ', so no port of it is published');
    expect({ message, remedy, plain: notCreatedError(underP, 'web').message }).toEqual({
      message: 'service "web" of project shop has no container, so no port of it is published',
      remedy: 'create it with `hitch up web`',
      plain: 'service "web" of project shop has no container',
    });
  });

  it.each<[string[], string]>([
    [['web'], 'service "web" of project shop has no container, so no logs; run `hitch up web` to create it'],
    [['extra', 'web'], 'services "extra", "web" of project shop have no container, so no logs; run `hitch up extra web` to create them'],
  ])('a warning for logs and restart: %j', (services, warning) => {
    expect(notCreatedWarning(underP, services, 'so no logs')).toBe(warning);
  });

  it('each with the options that named the project, so that the command works when pasted', () => {
    const scope = { name: 'shop', invocation: "hitch -f dev.yaml -p 'my shop'" };
    expect({ error: notCreatedError(scope, 'web').remedy, warning: notCreatedWarning(scope, ['web'], 'so no logs') }).toEqual({
      error: "create it with `hitch -f dev.yaml -p 'my shop' up web`",
      warning: "service \"web\" of project shop has no container, so no logs; run `hitch -f dev.yaml -p 'my shop' up web` to create it",
    });
  });
});

describe('runAgainRemedy: what port and exec say to run for a service that does not run', () => {
  const stopped = (c: ObservedContainer): ObservedContainer => ({ ...c, running: false });
  const restarting = (c: ObservedContainer): ObservedContainer => ({ ...c, restarting: true });
  const sandbox = container('web', 'sandbox');
  const main = container('web', 'service');
  it.each<[string, Partial<ServiceContainers>, string]>([
    ['both containers stopped: start, which creates nothing', { sandbox: stopped(sandbox), main: stopped(main) }, 'start it with `hitch start web`'],
    ['its container stopped, its sandbox running', { sandbox, main: stopped(main) }, 'start it with `hitch start web`'],
    ['its sandbox stopped under its running container: restart, which start refuses to do', { sandbox: stopped(sandbox), main }, 'restart it with `hitch restart web`'],
    ['its sandbox restarting', { sandbox: restarting(sandbox), main }, 'wait for its restart policy, or restart it with `hitch restart web`'],
    ['its sandbox missing: up, start makes nothing', { main: stopped(main) }, 'recreate it with `hitch up web`'],
    ['its container missing', { sandbox }, 'recreate it with `hitch up web`'],
  ])('%s', (_, has, remedy) => {
    expect(runAgainRemedy(underP, { service: 'web', ...has })).toBe(remedy);
  });

  it('under -p, the command carries it, as a command line a shell reads', () => {
    const remedy = runAgainRemedy({ name: 'shop', invocation: 'hitch -p shop' }, { service: 'web', sandbox: stopped(sandbox), main: stopped(main) });
    expect(remedy).toBe('start it with `hitch -p shop start web`');
  });
});

describe('runningService: the container `exec` reaches into', () => {
  const engineWith = (change: Partial<ObservedContainer>, services = ['db']) => {
    const state = observed(services);
    state.containers = state.containers.map((c) => (c.role === 'service' ? { ...c, ...change } : c));
    return { observe: async () => state } as unknown as Engine;
  };
  const refused = (engine: Engine, scope: ProjectScope, service = 'db') =>
    runningService(engine, scope, service).then(
      () => undefined,
      (err: UserError) => ({ usage: err instanceof UsageError, message: err.message, remedy: err.remedy }),
    );

  it('stopped, under -p: the remedy carries -p', async () => {
    expect(await refused(engineWith({ running: false }), { ...underP, invocation: 'hitch -p shop' })).toEqual({ usage: false, message: 'service "db" of project shop is not running', remedy: 'start it with `hitch -p shop start db`' });
  });

  it('running: that one', async () => {
    expect((await runningService(engineWith({}), underP, 'db')).name).toBe('shop-db');
  });

  it.each<[string, Partial<ObservedContainer>, string, string]>([
    ['stopped', { running: false }, 'service "db" of project shop is not running', 'start it with `hitch start db`'],
    ['paused (the engine refuses an exec)', { paused: true }, 'service "db" of project shop is paused', 'unpause it (`docker unpause shop-db`)'],
  ])('%s: refused with the way out', async (_, change, message, remedy) => {
    expect(await refused(engineWith(change), underP)).toEqual({ usage: false, message, remedy });
  });

  it.each<[string, string[]]>([
    ['the others up', ['db']],
    ['nothing up', []],
  ])('a declared service with no container (%s): a user error, with the up that makes it', async (_, up) => {
    expect(await refused(engineWith({}, up), manifest('db', 'web'), 'web')).toEqual({ usage: false, message: 'service "web" of project shop has no container', remedy: 'create it with `hitch up web`' });
  });

  it('a name the project does not know: a usage error with a did-you-mean, also with nothing up', async () => {
    expect(await refused(engineWith({}, []), manifest('db', 'web'), 'wbe')).toEqual({ usage: true, message: 'no such service in project shop: "wbe" (did you mean "web"?)', remedy: 'use one of: db, web' });
  });
});
