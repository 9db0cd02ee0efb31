// A rules update that `hitch-sandbox apply` refuses: its message, and for an orphan the way out (an
// orphan's rules are cut on every `up` until they are, so only removing it ends the failure).
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { runAction } from '../../../src/engine/actions.js';
import type { Action } from '../../../src/plan/model.js';

const refusing = { exec: async () => ({ exitCode: 1, stdout: '', stderr: 'iptables: no chain\n' }) } as unknown as Engine;
const update = (orphan: boolean): Action => ({
  id: 'firewall:old',
  kind: 'update-firewall',
  cause: 'rules changed',
  waitsFor: [],
  service: 'old',
  sandbox: 'shop-old-sandbox',
  firewall: { subnet: '10.0.0.0/24', allow: [] },
  ...(orphan ? { orphan: true as const } : {}),
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
