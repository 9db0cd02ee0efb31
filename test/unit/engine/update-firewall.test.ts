// A rules update that `hitch-sandbox apply` refuses: its message, and for an orphan the way out (an
// orphan's rules are cut on every `up` until they are, so only removing it ends the failure).
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { runAction } from '../../../src/engine/actions.js';
import type { Action } from '../../../src/plan/model.js';

const refusing = { exec: async () => ({ exitCode: 1, stdout: '', stderr: 'iptables: no chain\n' }) } as unknown as Engine;
const update = (orphan: boolean, stopped = false): Action => ({
  id: 'firewall:old',
  kind: 'update-firewall',
  cause: 'rules changed',
  waitsFor: [],
  service: 'old',
  sandbox: 'shop-old-sandbox',
  firewall: { subnet: '10.0.0.0/24', allow: [] },
  ...(orphan ? { orphan: true as const } : {}),
  ...(stopped ? { stopped: true as const } : {}),
});

describe('update-firewall', () => {
  it.each([
    ['a service of the manifest: the engine’s words only', false, undefined],
    ['an orphan: remove it', true, 'old is not in the manifest: remove it with `hitch up --remove-orphans`'],
  ])('%s', async (_, orphan, remedy) => {
    const err = await runAction(refusing, update(orphan)).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'cannot update the firewall of old: iptables: no chain', remedy });
  });
});

describe('update-firewall of a stopped sandbox (an orphan)', () => {
  /** An engine that logs the calls, with the sandbox found running or not after the rules are recorded. */
  const engineWith = (runningAfter: boolean) => {
    const calls: string[] = [];
    const engine = {
      recordRules: async (sandbox: string, args: string[]) => void calls.push(`record ${sandbox} ${args.join(' ')}`),
      status: async () => ({ running: runningAfter }),
      exec: async (sandbox: string, cmd: string[]) => {
        calls.push(`exec ${sandbox} ${cmd.join(' ')}`);
        return { exitCode: 0, stdout: '-N HITCH\n', stderr: '' };
      },
    } as unknown as Engine;
    return { engine, calls };
  };
  const stopped = update(true, true);

  it('records the rules for its next start, with no exec (none can reach it)', async () => {
    const { engine, calls } = engineWith(false);
    expect(await runAction(engine, stopped)).toEqual({});
    expect(calls).toEqual(['record shop-old-sandbox --subnet 10.0.0.0/24']);
  });

  it('started meanwhile: records them, then applies them in place, so what it enforces is what it records', async () => {
    const { engine, calls } = engineWith(true);
    expect(await runAction(engine, stopped)).toEqual({ firewall: { service: 'old', listing: '-N HITCH\n' } });
    expect(calls).toEqual(['record shop-old-sandbox --subnet 10.0.0.0/24', 'exec shop-old-sandbox hitch-sandbox apply --subnet 10.0.0.0/24']);
  });
});
