// SandboxChannel and SandboxChannels against stand-in attachments: probe lines, their answers, attaching once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { SandboxChannel, SandboxChannels } from '../../../src/engine/sandbox-channel.js';
import { fakeAttachment, sentWithoutId, type FakeAttachment } from './fake-attachment.js';

afterEach(() => vi.useRealTimers());

/** The id of a sent line. */
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
