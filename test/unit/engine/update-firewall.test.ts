// A rules update as the executor runs it, against a fake engine that logs its calls: what it does with
// the sandbox as it finds it, and when `hitch-sandbox apply` refuses, its message, and for an orphan the
// way out (an orphan's rules are cut on every `up` until they are, so only removing it ends the failure).
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { runAction } from '../../../src/engine/actions.js';
import type { Action } from '../../../src/plan/model.js';

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

/** An engine that logs the calls; each status answers the next of `looks` (the sandbox as found). */
type Look = { running: boolean; restarting?: boolean; paused?: boolean } | 'gone';
const engineWith = (looks: Look[], opts: { gone?: boolean; applyFails?: boolean; markFails?: boolean } = {}) => {
  const calls: string[] = [];
  const engine = {
    recordRules: async (sandbox: string, args: string[] | undefined) => {
      calls.push(`record ${sandbox} ${args ? args.join(' ') : '(not confirmed)'}`);
      if (!args && opts.markFails) throw new Error('cannot record the firewall rules in shop-old-sandbox: no space left on device');
      return !opts.gone;
    },
    status: async () => {
      const look = looks.shift()!;
      if (look === 'gone') {
        calls.push('status gone');
        throw Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 });
      }
      calls.push(`status ${look.paused ? 'paused' : look.restarting ? 'restarting' : look.running ? 'running' : 'stopped'}`);
      return look;
    },
    exec: async (sandbox: string, cmd: string[]) => {
      calls.push(`exec ${sandbox} ${cmd.join(' ')}`);
      return opts.applyFails ? { exitCode: 1, stdout: '', stderr: 'iptables: no chain\n' } : { exitCode: 0, stdout: '-N HITCH\n', stderr: '' };
    },
  } as unknown as Engine;
  return { engine, calls };
};
const stopped = update(true, true);
const STOPPED = { running: false };
const RUNNING = { running: true };
const record = 'record shop-old-sandbox --subnet 10.0.0.0/24';
const apply = 'exec shop-old-sandbox hitch-sandbox apply --subnet 10.0.0.0/24';
const listed = { firewall: { service: 'old', listing: '-N HITCH\n' } };

describe('update-firewall', () => {
  it.each([
    ['a service of the manifest: the engine’s words only', false, undefined],
    ['an orphan: remove it', true, 'old is not in the manifest: remove it with `hitch up --remove-orphans`'],
  ])('%s', async (_, orphan, remedy) => {
    const err = await runAction(engineWith([RUNNING], { applyFails: true }).engine, update(orphan)).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'cannot update the firewall of old: iptables: no chain', remedy });
  });
});

describe('update-firewall of a sandbox the plan saw stopped', () => {
  it('still stopped: records the rules for its next start, with no exec (none can reach it)', async () => {
    const { engine, calls } = engineWith([STOPPED, STOPPED]);
    expect(await runAction(engine, stopped)).toEqual({});
    expect(calls).toEqual(['status stopped', record, 'status stopped']);
  });

  it('between two starts of its restart policy (the engine says running and restarting): recorded, no exec', async () => {
    const restarting = { running: true, restarting: true };
    const { engine, calls } = engineWith([restarting, restarting]);
    expect(await runAction(engine, stopped)).toEqual({});
    expect(calls).toEqual(['status restarting', record, 'status restarting']);
  });

  it('started since the plan looked: applied in place, as for a running one, and nothing recorded by hand', async () => {
    const { engine, calls } = engineWith([RUNNING]);
    expect(await runAction(engine, stopped)).toEqual(listed);
    expect(calls).toEqual(['status running', apply]);
  });

  it('started between the record and the second look (it may have read the old ones): applied as well', async () => {
    const { engine, calls } = engineWith([STOPPED, RUNNING]);
    expect(await runAction(engine, stopped)).toEqual(listed);
    expect(calls).toEqual(['status stopped', record, 'status running', apply]);
  });

  it('and the apply fails: the record is marked not confirmed, so the next up applies it again; the apply’s failure is said', async () => {
    const { engine, calls } = engineWith([STOPPED, RUNNING], { applyFails: true });
    const err = await runAction(engine, stopped).catch((e: unknown) => e);
    expect(err).toMatchObject({ message: 'cannot update the firewall of old: iptables: no chain' });
    expect(calls).toEqual(['status stopped', record, 'status running', apply, 'record shop-old-sandbox (not confirmed)']);
  });

  it('and marking fails too: both said, and the way to make the sandbox hold what it records', async () => {
    const { engine, calls } = engineWith([STOPPED, RUNNING], { applyFails: true, markFails: true });
    const err = await runAction(engine, stopped).catch((e: unknown) => e);
    expect(err).toMatchObject({
      message: 'cannot update the firewall of old: iptables: no chain; nor could its recorded rules be marked as not in force: cannot record the firewall rules in shop-old-sandbox: no space left on device',
      remedy: 'restart it (`hitch restart old`): it applies the rules recorded for it when it starts',
    });
    expect(calls.at(-1)).toBe('record shop-old-sandbox (not confirmed)');
  });

  it.each<[string, Look[], { gone?: boolean }, string[]]>([
    ['before the first look', ['gone'], {}, ['status gone']],
    ['before the record', [STOPPED], { gone: true }, ['status stopped', record]],
    ['before the second look', [STOPPED, 'gone'], {}, ['status stopped', record, 'status gone']],
  ])('removed %s: nothing left to record or start', async (_, looks, opts, want) => {
    const { engine, calls } = engineWith(looks, opts);
    expect(await runAction(engine, stopped)).toEqual({});
    expect(calls).toEqual(want);
  });
});

describe('update-firewall of a sandbox the plan saw running', () => {
  const running = update(false);

  it('still running: applied in place', async () => {
    const { engine, calls } = engineWith([RUNNING]);
    expect(await runAction(engine, running)).toEqual(listed);
    expect(calls).toEqual(['status running', apply]);
  });

  it('stopped since the plan looked: recorded for its next start, as for one the plan saw stopped', async () => {
    const { engine, calls } = engineWith([STOPPED, STOPPED]);
    expect(await runAction(engine, running)).toEqual({});
    expect(calls).toEqual(['status stopped', record, 'status stopped']);
  });
});

describe('update-firewall of a sandbox found paused, whatever the plan saw (a plan that saw it paused is refused)', () => {
  it.each([
    ['stopped: neither applied nor recorded (unpaused, it would not read them)', update(true, true)],
    ['running: no exec, the engine refuses one', update(false)],
  ])('seen %s; the way out said', async (_, action) => {
    const { engine, calls } = engineWith([{ running: true, paused: true }]);
    const err = await runAction(engine, action).catch((e: unknown) => e);
    expect(err).toMatchObject({
      message: 'cannot update the firewall of old: its sandbox shop-old-sandbox is paused',
      remedy: 'unpause it (`docker unpause shop-old-sandbox`), then run `hitch up`',
    });
    expect(calls).toEqual(['status paused']);
  });
});
