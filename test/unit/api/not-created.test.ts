// The commands on a service the manifest declares that has no container on the engine (never brought
// up, or added to the manifest since), on a fake engine that records what it is asked. Compose v2 shows
// no logs and restarts nothing for such a service, and says `service "x" is not running` to port and
// exec: hitch does the same, warns where it prints nothing, and names the `up` that makes it.
import { describe, expect, it } from 'vitest';
import { port } from '../../../src/api/port.js';
import { restart } from '../../../src/api/restart.js';
import { stop } from '../../../src/api/stop.js';
import { exec, logs } from '../../../src/api/streams.js';
import type { Engine, LogLine } from '../../../src/engine/engine.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { UsageError, UserError } from '../../../src/user-error.js';

const container = (service: string, role: ObservedContainer['role']): ObservedContainer => ({
  id: role === 'sandbox' ? `${service}-sandbox` : service,
  name: role === 'sandbox' ? `shop-${service}-sandbox` : `shop-${service}`,
  service,
  role,
  configHash: '',
  running: true,
  ...(role === 'sandbox' ? { published: ['127.0.0.1:49153->80/tcp'] } : {}),
});

/** db and web up, each with one line of log; `extra` is declared and has none. */
function fakeEngine(up = ['db', 'web']) {
  const asked: string[] = [];
  const containers = up.flatMap((s) => [container(s, 'sandbox'), container(s, 'service')]);
  const engine = {
    observe: async () => ({ containers }),
    async logs(id: string, _opts: unknown, onLine: (line: LogLine) => void) {
      asked.push(`logs ${id}`);
      onLine({ stream: 'stdout', text: `${id} says hi`, time: '2024-01-31T09:00:00.000000000Z' });
    },
    watchContainers: async () => ({ ended: new Promise<void>(() => {}), stop: () => asked.push('events stopped') }),
    lockHeld: async () => false,
    status: async () => ({ running: true }),
    tryLock: async () => ({ acquired: true, id: 'lock-id', release: async () => void asked.push('lock released') }),
    stopContainer: async (id: string) => void asked.push(`stop ${id}`),
    startContainer: async (id: string) => void asked.push(`start ${id}`),
    execAttached: async (id: string) => (asked.push(`exec ${id}`), 0),
  } as unknown as Engine;
  return { engine, asked };
}

const scope = { name: 'shop', declared: ['db', 'extra', 'web'] };

/** Everything a logs run gives: lines by service, the services announced, warnings and the engine's requests. */
async function logsOf(services: string[], follow = false, up?: string[]) {
  const f = fakeEngine(up);
  const out = { lines: [] as string[], services: [] as string[], warnings: [] as string[], asked: f.asked };
  await logs(f.engine, scope, services, {
    follow,
    onServices: (names) => (out.services = names),
    onWarning: (m) => out.warnings.push(m),
    onLine: (service, line) => out.lines.push(`${service} | ${line.text}`),
  });
  return out;
}

const EXTRA_LOGS = 'service "extra" of project shop has no container, so no logs; run `hitch up extra` to create it';
const NOTHING_UP = (consequence: string) => `project shop has no containers on this engine, ${consequence}; run \`hitch up\` to start it`;
const refused = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: UserError) => ({ usage: err instanceof UsageError, message: err.message, remedy: err.remedy }),
  );

describe('logs', () => {
  it('of it alone: nothing, exit 0, and a warning saying why', async () => {
    expect(await logsOf(['extra'])).toEqual({ lines: [], services: [], warnings: [EXTRA_LOGS], asked: [] });
  });

  it('of it and a service that is up: that one’s lines, and the warning', async () => {
    expect(await logsOf(['web', 'extra'])).toEqual({ lines: ['web | web says hi'], services: ['web'], warnings: [EXTRA_LOGS], asked: ['logs web'] });
  });

  it('of every service: those with a container, in silence about the one without', async () => {
    expect(await logsOf([])).toEqual({ lines: ['db | db says hi', 'web | web says hi'], services: ['db', 'web'], warnings: [], asked: ['logs db', 'logs web'] });
  });

  it('of it with nothing up: the warning, not the project’s refusal', async () => {
    expect(await logsOf(['extra', 'web'], false, [])).toEqual({
      lines: [],
      services: [],
      warnings: ['services "extra", "web" of project shop have no container, so no logs; run `hitch up extra web` to create them'],
      asked: [],
    });
  });

  it.each([
    ['without -f', false, []],
    ['-f: ends at once, as nothing is followed', true, ['events stopped']],
  ])('of every service with nothing up, %s: nothing, exit 0, and a warning that the project has no container', async (_, follow, asked) => {
    expect(await logsOf([], follow, [])).toEqual({ lines: [], services: [], warnings: [NOTHING_UP('so no logs')], asked });
  });

  it('-f of it: ends at once, as nothing is followed, with the warning', async () => {
    expect(await logsOf(['extra'], true)).toEqual({ lines: [], services: [], warnings: [EXTRA_LOGS], asked: ['events stopped'] });
  });

  it('of a misspelt name: a usage error with a did-you-mean against every known name', async () => {
    expect(await refused(logsOf(['extr']))).toEqual({ usage: true, message: 'no such service in project shop: "extr" (did you mean "extra"?)', remedy: 'use one of: db, extra, web' });
  });
});

describe('port and exec', () => {
  it('port: a user error, with the up that makes it', async () => {
    expect(await refused(port(fakeEngine().engine, scope, 'extra', '80'))).toEqual({
      usage: false,
      message: 'service "extra" of project shop has no container, so no port of it is published',
      remedy: 'create it with `hitch up extra`',
    });
  });

  it('exec: a user error, with the up that makes it; nothing is run', async () => {
    const f = fakeEngine();
    const streams = { stdout: process.stdout, stderr: process.stderr };
    expect(await refused(exec(f.engine, scope, 'extra', ['ls'], streams))).toEqual({ usage: false, message: 'service "extra" of project shop has no container', remedy: 'create it with `hitch up extra`' });
    expect(f.asked).toEqual([]);
  });

  it('port of a service that is up still answers', async () => {
    expect(await port(fakeEngine().engine, scope, 'web', '80')).toEqual([{ containerPort: 80, proto: 'tcp', hostIp: '127.0.0.1', hostPort: 49153, address: '127.0.0.1:49153' }]);
  });
});

describe('restart', () => {
  async function restartOf(services: string[], up?: string[]) {
    const f = fakeEngine(up);
    const warnings: string[] = [];
    const { restarted, notRestarted, failed } = await restart(f.engine, scope, services, { onWarning: (m) => warnings.push(m) });
    expect({ notRestarted, failed }).toEqual({ notRestarted: [], failed: [] });
    return { restarted, warnings, asked: f.asked };
  }
  const EXTRA_RESTART = 'service "extra" of project shop has no container, so nothing to restart; run `hitch up extra` to create it';

  it('of it alone: nothing to do, exit 0, and a warning saying why', async () => {
    expect(await restartOf(['extra'])).toEqual({ restarted: [], warnings: [EXTRA_RESTART], asked: ['lock released'] });
  });

  it('of it and a service that is up: that one, and the warning', async () => {
    expect(await restartOf(['extra', 'web'])).toEqual({ restarted: ['web'], warnings: [EXTRA_RESTART], asked: ['stop shop-web', 'start shop-web', 'lock released'] });
  });

  it('of every service: those with containers (the two at once: neither links the other), in silence about the one without', async () => {
    expect(await restartOf([])).toEqual({ restarted: ['db', 'web'], warnings: [], asked: ['stop shop-db', 'stop shop-web', 'start shop-db', 'start shop-web', 'lock released'] });
  });

  it('of every service with nothing up: nothing to do, exit 0, and a warning that the project has no container', async () => {
    expect(await restartOf([], [])).toEqual({ restarted: [], warnings: [NOTHING_UP('so nothing to restart')], asked: ['lock released'] });
  });
});

describe('stop', () => {
  it('of every service with nothing up: nothing to do, exit 0, and a warning that the project has no container', async () => {
    const f = fakeEngine([]);
    const warnings: string[] = [];
    const result = await stop(f.engine, scope, [], { onWarning: (m) => warnings.push(m) });
    expect({ result, warnings, asked: f.asked }).toEqual({ result: { stopped: [], failed: [] }, warnings: [NOTHING_UP('so nothing to stop')], asked: ['lock released'] });
  });
});
