// `logs -f` following services across restarts and recreates, on a fake engine whose containers keep a
// log the way the engine does: lines with timestamps, read from `since` to `until`, the last `tail`, a
// followed read open until its container stops. The test writes lines, stops containers, holds the
// project's lock and sends the engine's events; what is printed, and when following ends, are checked.
import { describe, expect, it, vi } from 'vitest';
import { Follower } from '../../../src/api/follow.js';
import type { ContainerEvent, Engine, LogLine, LogOptions } from '../../../src/engine/engine.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';

const S = 1_000_000_000n;
const at = (seconds: number) => BigInt(Math.round(seconds * 1000)) * 1_000_000n; // seconds after 2024-01-31 09:00, by the engine's clock
const BASE = 1_706_691_600n * S;

function rfc3339(ns: bigint): string {
  const whole = new Date(Number((ns / S) * 1000n)).toISOString().slice(0, 19);
  return `${whole}.${(ns % S).toString().padStart(9, '0')}Z`;
}

const moment = (text: string | undefined) => (text === undefined ? undefined : BigInt(text.replace('.', '')));

interface Entry {
  text: string;
  ns: bigint;
}

function fakeEngine() {
  const logs = new Map<string, Entry[]>();
  const open: Array<{ id: string; until?: bigint; print: (e: Entry) => void; end: () => void }> = [];
  // the engine's status says restarting: true or false, where an observation has restarting: true or nothing
  type Container = Omit<ObservedContainer, 'restarting'> & { restarting?: boolean };
  // `listed`, when set, is what the engine's list of containers says, behind what they are
  const world = { lock: false, containers: [] as Container[], listed: undefined as Container[] | undefined, finishedAt: {} as Record<string, string> };
  const engine = {
    async logs(id: string, opts: LogOptions, onLine: (line: LogLine) => void): Promise<void> {
      const [since, until] = [moment(opts.since), moment(opts.until)];
      const print = (e: Entry) => onLine({ stream: 'stdout', text: e.text, time: rfc3339(e.ns) });
      const kept = (logs.get(id) ?? []).filter((e) => (since === undefined || e.ns >= since) && (until === undefined || e.ns < until));
      kept.slice(opts.tail === undefined ? 0 : kept.length - opts.tail).forEach(print);
      if (!opts.follow || !world.containers.find((c) => c.id === id)?.running) return;
      await new Promise<void>((end) => {
        open.push({ id, until, print, end });
        opts.signal?.addEventListener('abort', () => end());
      });
    },
    lockHeld: async () => world.lock,
    observe: async () => ({ containers: world.listed ?? world.containers }),
    async status(id: string) {
      const found = world.containers.find((c) => c.id === id);
      return { running: found?.running ?? false, restarting: found?.restarting, finishedAt: world.finishedAt[id] };
    },
  } as unknown as Engine;
  return {
    engine,
    world,
    /** The container writes a line; `quietly`: it is in the log, but on its way to the reads still. */
    write(id: string, text: string, seconds: number, quietly = false) {
      const entry = { text, ns: BASE + at(seconds) };
      logs.set(id, [...(logs.get(id) ?? []), entry]);
      if (!quietly) open.filter((r) => r.id === id && (r.until === undefined || entry.ns < r.until)).forEach((r) => r.print(entry));
    },
    /** The container is now running or not; stopping ends its followed reads. */
    set(id: string, service: string, running: boolean, extra: { restarting?: boolean } = {}) {
      world.containers = [...world.containers.filter((c) => c.id !== id), { id, name: id, service, role: 'service', configHash: '', running, ...extra }];
      if (!running) open.filter((r) => r.id === id).forEach((r) => r.end());
    },
  };
}

const event = (action: ContainerEvent['action'], id: string, seconds: number, service = 'web'): ContainerEvent => ({ action, id, service, role: 'service', time: BASE + at(seconds) });

interface Scenario {
  tail?: number;
  until?: bigint;
  running?: boolean; // web's container x, when following starts (default: running)
  stoppedAt?: number; // when it stopped, if it did
  log?: Array<[string, number]>; // x's lines so far, each at some seconds
  locked?: boolean; // a hitch command holds the project
  early?: ContainerEvent[]; // events that came before the project was looked at
}

/**
 * `logs -f web` on the fake engine, web's container x as the scenario has it: what is printed, whether
 * following is over, and a container's stop and start as the engine reports them.
 */
function followWeb(scenario: Scenario = {}) {
  const f = fakeEngine();
  f.set('x', 'web', scenario.running ?? true);
  for (const [text, seconds] of scenario.log ?? []) f.write('x', text, seconds);
  if (scenario.stoppedAt !== undefined) f.world.finishedAt.x = rfc3339(BASE + at(scenario.stoppedAt));
  f.world.lock = scenario.locked ?? false;
  const printed: string[] = [];
  const follower = new Follower(f.engine, 'shop', { tail: scenario.tail, until: scenario.until, onLine: (service, line) => printed.push(`${service} | ${line.text}`) });
  (scenario.early ?? []).forEach(follower.onEvent);
  let over = false;
  const done = follower.run([{ service: 'web', id: 'x', running: scenario.running ?? true }], new Promise(() => {})).then(() => void (over = true));
  return {
    ...f,
    printed,
    done,
    over: () => over,
    send: follower.onEvent,
    stop(id: string, seconds: number, extra: { restarting?: boolean } = {}) {
      f.set(id, 'web', false, extra);
      follower.onEvent(event('die', id, seconds));
    },
    start(id: string, seconds: number) {
      f.set(id, 'web', true);
      follower.onEvent(event('start', id, seconds));
    },
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('logs -f follows a service, not a container', () => {
  it('reads on after a restart: the new run, none of the old lines twice', async () => {
    const run = followWeb({ log: [['old 1', 10]] });
    run.write('x', 'old 2', 11);
    // `hitch restart web`: under the project's lock, stop, then start
    run.world.lock = true;
    run.stop('x', 12);
    await settled();
    run.write('x', 'new 1', 12.5);
    run.start('x', 13);
    run.world.lock = false;
    await vi.waitFor(() => expect(run.printed).toEqual(['web | old 1', 'web | old 2', 'web | new 1']));
    run.write('x', 'new 2', 14);
    await vi.waitFor(() => expect(run.printed.at(-1)).toBe('web | new 2'));
    expect(run.over()).toBe(false);
    // `docker stop`: no hitch command at work, nothing of the service runs: over
    run.stop('x', 15);
    await run.done;
    expect(run.printed).toEqual(['web | old 1', 'web | old 2', 'web | new 1', 'web | new 2']);
  });

  it("reads the whole log of the container that replaced the service's (a recreate by up)", async () => {
    const run = followWeb({ log: [['old', 10]] });
    run.world.lock = true;
    run.stop('x', 11);
    run.world.containers = [];
    await settled();
    run.write('y', 'fresh 1', 12);
    run.write('y', 'fresh 2', 12.5);
    run.start('y', 12.2);
    await settled();
    run.world.lock = false;
    await vi.waitFor(() => expect(run.printed).toEqual(['web | old', 'web | fresh 1', 'web | fresh 2']));
    run.stop('y', 13);
    await run.done;
  });

  it('goes on while a hitch command holds the project, and ends once it let go with nothing running (down)', async () => {
    const run = followWeb();
    run.world.lock = true;
    run.stop('x', 11);
    run.world.containers = [];
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.over()).toBe(false);
    run.world.lock = false;
    await run.done;
  });

  it("takes each container's own state over the engine's list, which can lag behind a stop", async () => {
    const run = followWeb();
    run.world.listed = run.world.containers; // still says running
    run.stop('x', 11);
    await run.done;
  });

  it('waits for a container its restart policy is about to start again', async () => {
    const run = followWeb();
    run.stop('x', 11, { restarting: true });
    await settled();
    expect(run.over()).toBe(false);
    run.write('x', 'again', 12);
    run.start('x', 12);
    await vi.waitFor(() => expect(run.printed).toEqual(['web | again']));
    run.stop('x', 13);
    await run.done;
  });

  it('gives --tail to the start only; a container stopped then is read again from the end of its last run', async () => {
    // an `up` about to start it
    const run = followWeb({ tail: 0, running: false, stoppedAt: 12, locked: true, log: [['old 1', 10], ['old 2', 11]] });
    await settled();
    run.write('x', 'new 1', 13);
    run.write('x', 'new 2', 14);
    run.start('x', 13);
    run.world.lock = false;
    await vi.waitFor(() => expect(run.printed).toEqual(['web | new 1', 'web | new 2']));
    run.stop('x', 15);
    await run.done;
  });

  it('reads a container once when its start came before the project was looked at', async () => {
    const run = followWeb({ tail: 0, log: [['before', 10]], early: [event('start', 'x', 9)] });
    await settled();
    run.stop('x', 11);
    await run.done;
    expect(run.printed).toEqual([]);
  });

  it('ignores the events of other services and of sandboxes', async () => {
    const run = followWeb();
    run.set('z', 'db', true);
    run.write('z', 'not followed', 10);
    run.send(event('start', 'z', 11, 'db'));
    run.send({ ...event('start', 'x-sandbox', 11), role: 'sandbox' });
    run.stop('x', 12);
    await run.done;
    expect(run.printed).toEqual([]);
  });

  it('ends at --until, with every line from before it, also those still on their way', async () => {
    const until = BigInt(Date.now() + 100) * 1_000_000n;
    const run = followWeb({ tail: 1, until, log: [['too old for --tail 1', 9], ['early', 10]] });
    await vi.waitFor(() => expect(run.printed).toEqual(['web | early']));
    run.write('x', 'on its way', 11, true);
    run.write('x', 'also on its way', 12, true);
    await run.done;
    expect(run.printed).toEqual(['web | early', 'web | on its way', 'web | also on its way']);
  });
});
