// Readiness probes over a sandbox's attached stdio, against stand-ins: the answers the sandbox gives
// (`hitch-sandbox: probed ID RESULT`), and the exec they replace when it gives none.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { awaitReady } from '../../../src/engine/readiness.js';
import { SandboxChannel, SandboxChannels } from '../../../src/engine/sandbox-channel.js';
import type { Action } from '../../../src/plan/model.js';
import { fakeAttachment, type FakeAttachment } from './fake-attachment.js';

/** A sandbox that answers each probe with `answers[ip:port]` (default: refused), on the next tick. */
function answering(answers: Record<string, string>): FakeAttachment {
  return fakeAttachment((line, self) => {
    const [, id, ip, port] = line.split(' ');
    setImmediate(() => self.write(`hitch-sandbox: probed ${id} ${answers[`${ip}:${port}`] ?? 'refused'}`));
  });
}

afterEach(() => vi.useRealTimers());

/** A sent line without its id (which starts anywhere), and the id. */
const sentWithoutId = (line: string) => line.split(' ').filter((_, i) => i !== 1).join(' ');
const idOf = (line: string) => line.split(' ')[1];

describe('SandboxChannel', () => {
  it('sends one line a probe and gives each its own answer, whatever order they come in', async () => {
    const a = fakeAttachment();
    const channel = new SandboxChannel(a);
    const first = channel.probe('10.213.0.2', 6379, 1);
    const second = channel.probe('10.213.0.3', 5432, 2);
    const [one, two] = a.sent.map(idOf);
    a.write('hitch-sandbox: in force');
    a.write(`hitch-sandbox: probed ${two} refused`);
    a.write(`hitch-sandbox: probed ${Number(two) + 1} open`); // nobody asked
    a.write(`hitch-sandbox: probed ${one} open`);
    expect({ answers: await Promise.all([first, second]), sent: a.sent.map(sentWithoutId), next: Number(two) - Number(one) }).toEqual({
      answers: ['open', 'refused'],
      sent: ['probe 10.213.0.2 6379 1', 'probe 10.213.0.3 5432 2'],
      next: 1,
    });
  });

  it('numbers the probes of each channel from somewhere else: an earlier run still probing cannot answer for it', () => {
    const firsts = Array.from({ length: 5 }, () => {
      const a = fakeAttachment();
      void new SandboxChannel(a).probe('10.213.0.2', 6379, 1);
      return a.sent.map(idOf)[0];
    });
    expect(new Set(firsts).size).toBe(5);
  });

  it('gives no answer (ask by exec) for probes pending or later once the sandbox ended', async () => {
    const a = fakeAttachment();
    const channel = new SandboxChannel(a);
    const pending = channel.probe('10.213.0.2', 6379, 1);
    a.end();
    expect(await pending).toBeUndefined();
    expect(await channel.probe('10.213.0.2', 6379, 1)).toBeUndefined();
    expect(a.sent).toHaveLength(1);
  });

  it('gives up on one probe, not on the sandbox, when the caller cannot wait that long', async () => {
    vi.useFakeTimers();
    const a = fakeAttachment();
    const channel = new SandboxChannel(a);
    const pending = channel.probe('10.213.0.2', 6379, 1, 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(await pending).toBeUndefined();
    const next = channel.probe('10.213.0.2', 6379, 1);
    a.write(`hitch-sandbox: probed ${idOf(a.sent[1]!)} open`);
    expect(await next).toBe('open');
  });

  it("stops asking a sandbox that did not answer within the probe's own bound and a grace", async () => {
    vi.useFakeTimers();
    const a = fakeAttachment();
    const channel = new SandboxChannel(a);
    const pending = channel.probe('10.213.0.2', 6379, 1);
    await vi.advanceTimersByTimeAsync(7_999);
    a.write('hitch-sandbox: in force'); // not an answer
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toBeUndefined();
    expect(await channel.probe('10.213.0.2', 6379, 1)).toBeUndefined();
    expect(a.sent).toHaveLength(1);
  });
});

describe('SandboxChannels', () => {
  const engineAttaching = (make: () => FakeAttachment | undefined) => {
    const attached: string[] = [];
    const engine = { attach: async (name: string) => (attached.push(name), make()) } as unknown as Engine;
    return { engine, attached };
  };

  it('uses the attachment a start handed over, and attaches any other sandbox once, on first use', async () => {
    const made: FakeAttachment[] = [];
    const { engine, attached } = engineAttaching(() => (made.push(fakeAttachment()), made.at(-1)));
    const channels = new SandboxChannels(engine);
    const started = fakeAttachment();
    channels.adopt('web-sandbox', started);
    const [web, db1, db2] = await Promise.all([channels.get('web-sandbox'), channels.get('db-sandbox'), channels.get('db-sandbox')]);
    expect({ attached, same: db1 === db2, web: web !== undefined }).toEqual({ attached: ['db-sandbox'], same: true, web: true });
    await channels.closeAll();
    expect([started, ...made].map((a) => a.closed)).toEqual([true, true]);
  });

  it('has no channel for a sandbox the engine will not attach to', async () => {
    const { engine } = engineAttaching(() => undefined);
    expect(await new SandboxChannels(engine).get('db-sandbox')).toBeUndefined();
  });
});

describe('awaitReady through the channel', () => {
  const ready = (tcpPorts: number[]): Extract<Action, { kind: 'await-ready' }> => ({
    id: 'ready:db@web', kind: 'await-ready', cause: 'linked', waitsFor: [], service: 'db', container: 'shop-db',
    from: 'shop-web-sandbox', target: { ip: '10.213.0.3', tcpPorts }, healthcheck: false, timeoutMs: 5_000,
  });
  const recording = () => {
    const calls: string[] = [];
    const engine = {
      exec: async (name: string, cmd: string[]) => (calls.push(`exec ${name} ${cmd.join(' ')}`), { exitCode: 0, stdout: 'open\n', stderr: '' }),
      status: async (name: string) => (calls.push(`status ${name}`), { running: true }),
    } as unknown as Engine;
    return { engine, calls };
  };

  it('probes every tcp port through the parent sandbox, and asks the engine nothing when all are open', async () => {
    const { engine, calls } = recording();
    const channels = new SandboxChannels(engine);
    const a = answering({ '10.213.0.3:5432': 'open', '10.213.0.3:5433': 'open' });
    channels.adopt('shop-web-sandbox', a);
    await awaitReady(engine, ready([5432, 5433]), channels);
    expect({ calls, sent: a.sent.map(sentWithoutId) }).toEqual({ calls: [], sent: ['probe 10.213.0.3 5432 1', 'probe 10.213.0.3 5433 1'] });
  });

  it('asks again after a refusal, checking the child still runs in between', async () => {
    const { engine, calls } = recording();
    const channels = new SandboxChannels(engine);
    let refusals = 2;
    channels.adopt('shop-web-sandbox', fakeAttachment((line, self) => {
      const id = line.split(' ')[1];
      setImmediate(() => self.write(`hitch-sandbox: probed ${id} ${refusals-- > 0 ? 'refused' : 'open'}`));
    }));
    await awaitReady(engine, ready([5432]), channels);
    expect(calls).toEqual(['status shop-db', 'status shop-db']);
  });

  it('does not attach to the parent sandbox when readiness is the healthcheck alone (no tcp port)', async () => {
    const { engine, calls } = recording();
    const attached: string[] = [];
    const channels = new SandboxChannels({ ...engine, attach: async (name: string) => void attached.push(name) } as unknown as Engine);
    await awaitReady(engine, ready([]), channels);
    expect({ attached, calls }).toEqual({ attached: [], calls: ['status shop-db'] });
  });

  it('probes by exec when the sandbox has stopped answering', async () => {
    const { engine, calls } = recording();
    const channels = new SandboxChannels(engine);
    const silent = fakeAttachment();
    channels.adopt('shop-web-sandbox', silent);
    silent.end();
    await awaitReady(engine, ready([5432]), channels);
    expect(calls).toEqual(['exec shop-web-sandbox hitch-sandbox probe 10.213.0.3 5432 1']);
  });
});
