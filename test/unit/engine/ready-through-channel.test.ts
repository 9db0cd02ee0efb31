// awaitReady probing through the parent sandbox's channel, and falling back to exec when the sandbox gives no answer.
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { awaitReady } from '../../../src/engine/readiness.js';
import { SandboxChannels } from '../../../src/engine/sandbox-channel.js';
import type { Action } from '../../../src/plan/model.js';
import { fakeAttachment, sentWithoutId, type FakeAttachment } from './fake-attachment.js';

/** A sandbox that answers each probe with `answers[ip:port]` (default: refused), on the next tick. */
function answering(answers: Record<string, string>): FakeAttachment {
  return fakeAttachment((line, self) => {
    const [, id, ip, port] = line.split(' ');
    setImmediate(() => self.write(`hitch-sandbox: probed ${id} ${answers[`${ip}:${port}`] ?? 'refused'}`));
  });
}

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
    await awaitReady(engine, ready([5432, 5433]), {}, channels);
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
    await awaitReady(engine, ready([5432]), {}, channels);
    expect(calls).toEqual(['status shop-db', 'status shop-db']);
  });

  it('does not attach to the parent sandbox when readiness is the healthcheck alone (no tcp port)', async () => {
    const { engine, calls } = recording();
    const attached: string[] = [];
    const channels = new SandboxChannels({ ...engine, attach: async (name: string) => void attached.push(name) } as unknown as Engine);
    await awaitReady(engine, ready([]), {}, channels);
    expect({ attached, calls }).toEqual({ attached: [], calls: ['status shop-db'] });
  });

  it('probes by exec when the sandbox has stopped answering', async () => {
    const { engine, calls } = recording();
    const channels = new SandboxChannels(engine);
    const silent = fakeAttachment();
    channels.adopt('shop-web-sandbox', silent);
    silent.end();
    await awaitReady(engine, ready([5432]), {}, channels);
    expect(calls).toEqual(['exec shop-web-sandbox hitch-sandbox probe 10.213.0.3 5432 1']);
  });
});
