// The sandbox firewall-in-force check against a stand-in engine: only status, exec and logsTail matter.
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Engine, ExecResult } from '../../../src/engine/engine.js';
import { SandboxChannels } from '../../../src/engine/sandbox-channel.js';
import { awaitFirewall, startSandbox } from '../../../src/engine/sandbox-ready.js';
import { UserError } from '../../../src/user-error.js';
import { fakeAttachment, type FakeAttachment } from './fake-attachment.js';

const NO_CAP = 'hitch-sandbox: failed to apply firewall rules (does the container have CAP_NET_ADMIN?): Permission denied (you must be root)';

type Recording = Engine & { calls: string[]; attachment: FakeAttachment };

/** `output` is what the sandbox writes once started; `exits` ends its output after that. */
function engine(statuses: ContainerStatus[], shows: ExecResult[], log = '', output: string[] = [], exits = false): Recording {
  const calls: string[] = [];
  const attachment = fakeAttachment();
  const next = <T>(list: T[]): T => (list.length > 1 ? list.shift()! : list[0]!);
  return {
    calls,
    status: async (name: string) => (calls.push(`status ${name}`), next(statuses)),
    exec: async (name: string, cmd: string[]) => (calls.push(`exec ${name} ${cmd.join(' ')}`), next(shows)),
    logsTail: async () => log,
    attachment,
    attach: async (name: string) => (calls.push(`attach ${name}`), attachment),
    startContainer: async (name: string) => {
      calls.push(`start ${name}`);
      // written once the start returned, as the engine would
      setImmediate(() => {
        output.forEach((line) => attachment.write(line));
        if (exits) attachment.end();
      });
    },
  } as unknown as Recording;
}

const running = { running: true };
const notYet = { exitCode: 1, stdout: '', stderr: 'hitch-sandbox: firewall not in force: INPUT does not jump to HITCH' };
const inForce = { exitCode: 0, stdout: '-N HITCH\n-A HITCH -s 10.213.0.0/24 -j DROP\n', stderr: '' };

describe('awaitFirewall', () => {
  it('waits until `hitch-sandbox show` says the rules are in force, and gives its listing', async () => {
    const e = engine([running], [notYet, notYet, inForce]);
    expect(await awaitFirewall(e, 'shop-db-sandbox', 'db', {})).toBe(inForce.stdout);
    expect(e.calls).toEqual([
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
    ]);
  });

  it("fails with the sandbox's own words and a remedy when it exited (no NET_ADMIN)", async () => {
    const err = await awaitFirewall(engine([{ running: false, exitCode: 1 }], [inForce], NO_CAP + '\n'), 'shop-db-sandbox', 'db', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toBe(`the firewall of service "db" is not in force: sandbox shop-db-sandbox exited (code 1); sandbox shop-db-sandbox says:\n${NO_CAP}`);
    expect((err as UserError).remedy).toBe(
      'hitch enforces links with iptables rules inside each sandbox, which needs the NET_ADMIN capability ' +
        "in the sandbox's own network namespace (no host privileges): use an engine that grants `cap_add: NET_ADMIN` " +
        'to containers and whose kernel has netfilter (nf_tables), then run `hitch up`. ' +
        'hitch will not run a service without its firewall.',
    );
  });

  it('gives up after its timeout when the rules never come', async () => {
    const err = await awaitFirewall(engine([running], [notYet]), 'shop-db-sandbox', 'db', {}, 120).catch((e: unknown) => e);
    expect((err as UserError).message).toBe(
      'the firewall of service "db" is not in force: still not applied after 0.12s (hitch-sandbox: firewall not in force: INPUT does not jump to HITCH)',
    );
  });

  it('paused (nothing runs in it): said at once with the way out, not retried into a missing capability', async () => {
    const e = engine([{ running: true, paused: true }], [inForce]);
    const err = await awaitFirewall(e, 'shop-db-sandbox', 'db', {}).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(UserError);
    expect({ message: (err as UserError).message, remedy: (err as UserError).remedy }).toEqual({
      message: 'the firewall of service "db" cannot be confirmed: its sandbox shop-db-sandbox is paused',
      remedy: 'unpause it (`docker unpause shop-db-sandbox`), then run `hitch up`',
    });
    expect(e.calls).toEqual(['status shop-db-sandbox']);
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

  it('takes "in force" from the attached output, with the chain it listed, asks nothing more and lets go', async () => {
    const e = engine([running], [notYet], '', ran);
    expect(await startSandbox(e, 'shop-db-sandbox', 'db', {})).toBe(ran.slice(1, 5).join('\n') + '\n');
    expect({ calls: e.calls, closed: e.attachment.closed }).toEqual({ calls: ['attach shop-db-sandbox', 'start shop-db-sandbox'], closed: true });
  });

  it("hands the attachment to the run's channels instead, for readiness probes", async () => {
    const e = engine([running], [notYet], '', ran);
    const channels = new SandboxChannels(e);
    await startSandbox(e, 'shop-db-sandbox', 'db', {}, channels);
    expect(e.attachment.closed).toBe(false);
    const answered = (await channels.get('shop-db-sandbox'))!.probe('10.213.0.2', 6379, 1);
    const [verb, id, ...rest] = e.attachment.sent[0]!.split(' ');
    e.attachment.write(`hitch-sandbox: probed ${id} open`);
    expect({ answer: await answered, sent: [verb, ...rest], calls: e.calls.length }).toEqual({ answer: 'open', sent: ['probe', '10.213.0.2', '6379', '1'], calls: 2 });
    await channels.closeAll();
    expect(e.attachment.closed).toBe(true);
  });

  it('asks `hitch-sandbox show` when the line never came, and gives its listing', async () => {
    const e = engine([running], [notYet, inForce], '', ran.slice(0, 1), true);
    expect(await startSandbox(e, 'shop-db-sandbox', 'db', {})).toBe(inForce.stdout);
    expect(e.calls).toEqual([
      'attach shop-db-sandbox', 'start shop-db-sandbox',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
      'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show',
    ]);
  });

  it('starts it and asks `hitch-sandbox show` when the engine will not attach', async () => {
    const e = engine([running], [inForce]);
    e.attach = async (name: string) => void e.calls.push(`attach ${name}`);
    expect(await startSandbox(e, 'shop-db-sandbox', 'db', {})).toBe(inForce.stdout);
    expect(e.calls).toEqual(['attach shop-db-sandbox', 'start shop-db-sandbox', 'status shop-db-sandbox', 'exec shop-db-sandbox hitch-sandbox show']);
  });

  it('fails with its own words when it exited before the rules were in force', async () => {
    const e = engine([{ running: false, exitCode: 1 }], [notYet], NO_CAP + '\n', [NO_CAP], true);
    const err = await startSandbox(e, 'shop-db-sandbox', 'db', {}).catch((x: unknown) => x);
    expect((err as UserError).message).toBe(`the firewall of service "db" is not in force: sandbox shop-db-sandbox exited (code 1); sandbox shop-db-sandbox says:\n${NO_CAP}`);
  });
});
