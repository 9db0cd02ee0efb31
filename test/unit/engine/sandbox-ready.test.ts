// The sandbox firewall-in-force check against a stand-in engine: only status, exec and logsTail matter.
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Engine, ExecResult, WatchedStart } from '../../../src/engine/engine.js';
import { awaitFirewall, startSandbox } from '../../../src/engine/sandbox-ready.js';
import { UserError } from '../../../src/user-error.js';

const NO_CAP = 'hitch-sandbox: failed to apply firewall rules (does the container have CAP_NET_ADMIN?): Permission denied (you must be root)';

function engine(statuses: ContainerStatus[], shows: ExecResult[], log = '', output: string[] = []): Engine & { calls: string[] } {
  const calls: string[] = [];
  const next = <T>(list: T[]): T => (list.length > 1 ? list.shift()! : list[0]!);
  return {
    calls,
    status: async (name: string) => (calls.push(`status ${name}`), next(statuses)),
    exec: async (name: string, cmd: string[]) => (calls.push(`exec ${name} ${cmd.join(' ')}`), next(shows)),
    logsTail: async () => log,
    // what the sandbox wrote from its start: lines up to the first awaited one
    startWatching: async (name: string, until: (line: string) => boolean): Promise<WatchedStart> => {
      calls.push(`startWatching ${name}`);
      const upTo = output.findIndex(until);
      return upTo < 0 ? { reached: false, stdout: output } : { reached: true, stdout: output.slice(0, upTo + 1) };
    },
  } as unknown as Engine & { calls: string[] };
}

const running = { running: true };
const notYet = { exitCode: 1, stdout: '', stderr: 'hitch-sandbox: firewall not in force: INPUT does not jump to HITCH' };
const inForce = { exitCode: 0, stdout: '-N HITCH\n-A HITCH -s 10.213.0.0/24 -j DROP\n', stderr: '' };

describe('awaitFirewall', () => {
  it('waits until `hitch-sandbox show` says the rules are in force, and gives its listing', async () => {
    const e = engine([running], [notYet, notYet, inForce]);
    expect(await awaitFirewall(e, 'shop-db-sandbox', 'db')).toBe(inForce.stdout);
    expect(e.calls).toEqual([
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
    ]);
  });

  it("fails with the sandbox's own words and a remedy when it exited (no NET_ADMIN)", async () => {
    const err = await awaitFirewall(engine([{ running: false, exitCode: 1 }], [inForce], NO_CAP + '\n'), 'shop-db-sandbox', 'db').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(`the firewall of service "db" is not in force: sandbox shop-db-sandbox exited (code 1); sandbox shop-db-sandbox says:\n${NO_CAP}`);
    expect((err as UserError).remedy).toBe(
      'hitch enforces links with iptables rules inside each sandbox, which needs the NET_ADMIN capability ' +
        "in the sandbox's own network namespace (no host privileges): use an engine that grants `cap_add: NET_ADMIN` " +
        'to containers and whose kernel has netfilter (nf_tables), then run `hitch up` again. ' +
        'hitch will not run a service without its firewall.',
    );
  });

  it('gives up after its timeout when the rules never come', async () => {
    const err = await awaitFirewall(engine([running], [notYet]), 'shop-db-sandbox', 'db', 120).catch((e: unknown) => e);
    expect((err as UserError).message).toBe(
      'the firewall of service "db" is not in force: still not applied after 0.12s (hitch-sandbox: firewall not in force: INPUT does not jump to HITCH)',
    );
  });
});

describe('startSandbox', () => {
  const ran = [
    'hitch-sandbox: applying the firewall from arguments (subnet 10.213.0.0/24, 1 allow rules)',
    '-N HITCH',
    '-A HITCH -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A HITCH -s 10.213.0.4/32 -p tcp -m tcp --dport 5432 -j ACCEPT',
    '-A HITCH -s 10.213.0.0/24 -j DROP',
    'hitch-sandbox: in force',
  ];

  it('takes "in force" from the attached output, with the chain it listed, and asks nothing more', async () => {
    const e = engine([running], [notYet], '', ran);
    expect(await startSandbox(e, 'shop-db-sandbox', 'db')).toBe(ran.slice(1, 5).join('\n') + '\n');
    expect(e.calls).toEqual(['startWatching shop-db-sandbox']);
  });

  it('asks `hitch-sandbox show` when the line never came, and gives its listing', async () => {
    const e = engine([running], [notYet, inForce], '', ran.slice(0, 1));
    expect(await startSandbox(e, 'shop-db-sandbox', 'db')).toBe(inForce.stdout);
    expect(e.calls).toEqual([
      'startWatching shop-db-sandbox',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
    ]);
  });

  it('fails with its own words when it exited before the rules were in force', async () => {
    const e = engine([{ running: false, exitCode: 1 }], [notYet], NO_CAP + '\n', [NO_CAP]);
    const err = await startSandbox(e, 'shop-db-sandbox', 'db').catch((x: unknown) => x);
    expect((err as UserError).message).toBe(`the firewall of service "db" is not in force: sandbox shop-db-sandbox exited (code 1); sandbox shop-db-sandbox says:\n${NO_CAP}`);
  });
});
