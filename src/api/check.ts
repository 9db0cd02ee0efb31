// `hitch check`: prove the connectivity matrix on a live stack, from each service's own sandbox.
// Probes use hitch-sandbox (images/sandbox): tcp says open, refused or timeout by itself; a silent
// udp port is told apart by the target's own rule counters.
import type { Engine } from '../engine/engine.js';
import type { Manifest, PortSpec, Protocol } from '../manifest/model.js';
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import {
  acceptRule, agrees, compareProbes, dropRule, expectedMatrix, unexposedProbes, type Outcome, type Probe, type RuleInForce,
} from '../plan/matrix.js';
import { UserError } from '../user-error.js';
import { live, shown, type Live } from './link-enforcement.js';
import { uncheckable } from './uncheckable.js';

export interface CheckRow extends Probe {
  actual: Outcome;
  evidence: string;
  ok: boolean;
}

export interface CheckResult {
  project: string;
  ok: boolean;
  probes: CheckRow[];
  /** Why no probe ran (nothing up, a paused or restarting sandbox…), with the way out: only when check refused. */
  error?: string;
  remedy?: string;
}

/** `check --json`'s document when check refused to probe: the same shape, no probes, and why. */
export function refusedCheck(project: string, refusal: UserError): CheckResult {
  return { project, ok: false, error: refusal.message, ...(refusal.remedy ? { remedy: refusal.remedy } : {}), probes: [] };
}

const LISTEN_BASE = 40000; // where the unexposed-port listeners start looking for a free port
const LISTEN_MAX_SECONDS = 600; // a listener a crashed check leaves behind still goes away
const TCP_AT_ONCE = 4; // per target; all targets at once on a small engine

function packets(rule: RuleInForce | undefined): number {
  return rule?.packets ?? 0;
}

async function probe(engine: Engine, stack: Live, p: Probe, opts: CheckOptions & { timeoutSec: number }): Promise<Pick<CheckRow, 'actual' | 'evidence'>> {
  const { timeoutSec } = opts;
  const target = stack.sandboxes[p.to]!;
  const before = p.proto === 'udp' ? await shown(engine, target, opts, true) : [];
  const res = await engine.exec(stack.sandboxes[p.from]!, ['hitch-sandbox', 'probe', stack.ips[p.to]!, `${p.port}/${p.proto}`, String(timeoutSec)]);
  const word = res.stdout.trim();
  if (word === 'open') return { actual: 'allowed', evidence: p.proto === 'udp' ? 'answered' : 'connected' };
  if (word === 'refused') {
    // let in by the firewall either way; a stopped service is the likely reason nothing listens
    const state = stack.notRunning[p.to];
    const why = state === 'stopped' || state === 'restarting' ? `${p.to}'s container is ${state}` : state === 'missing' ? `${p.to} has no container (\`${hitchCommand(opts, `up ${p.to}`)}\` makes it)` : 'nothing listens';
    return { actual: 'refused', evidence: p.proto === 'udp' ? `port unreachable: ${why}` : `connection refused: ${why}` };
  }
  if (word !== 'timeout') {
    throw new UserError(
      `cannot probe from ${stack.sandboxes[p.from]}: ${res.stderr.trim() || `hitch-sandbox probe exited ${res.exitCode}`}`,
      `its sandbox may predate this hitch: \`${hitchCommand(opts, 'down')}\` then \`${hitchCommand(opts, 'up')}\` recreates it from the current image`,
    );
  }
  if (p.proto !== 'udp') return { actual: 'denied', evidence: `no answer in ${timeoutSec}s: dropped` };
  // A udp listener may stay silent: the target's counters say whether the datagram was let in or dropped.
  const after = await shown(engine, target, opts, true);
  const from = stack.ips[p.from]!;
  const accepted = packets(acceptRule(after, from, p)) - packets(acceptRule(before, from, p));
  if (accepted > 0) return { actual: 'allowed', evidence: `no reply; ${p.to}'s accept rule for ${p.from} counted it` };
  const dropped = packets(dropRule(after, stack.subnet)) - packets(dropRule(before, stack.subnet));
  return { actual: 'denied', evidence: dropped > 0 ? `no reply; ${p.to}'s drop rule counted it` : 'no reply; no rule counted it' };
}

/** A port `to` neither offers nor listens on, for each protocol, from LISTEN_BASE up. */
async function freePorts(engine: Engine, stack: Live, to: string): Promise<PortSpec[]> {
  const res = await engine.exec(stack.sandboxes[to]!, ['netstat', '-lntu']);
  const busy = new Set(res.stdout.split('\n').flatMap((l) => /^(tcp|udp)6?\s+\S+\s+\S+\s+\S+:(\d+)\s/.exec(l)?.slice(1, 3).join('/') ?? []));
  const offered = new Set(stack.offered[to]!.map((p) => p.port));
  return (['tcp', 'udp'] as Protocol[]).map((proto) => {
    let port = LISTEN_BASE;
    while (offered.has(port) || busy.has(`${proto}/${port}`)) port++;
    return { port, proto };
  });
}

/** Runs `work` while hitch's own echo listeners hold `ports` open inside `to`'s namespace. */
async function listening<T>(engine: Engine, sandbox: string, ports: PortSpec[], work: () => Promise<T>): Promise<T> {
  const args = (p: PortSpec) => `${p.port}/${p.proto}`;
  const running = ports.map((p) => engine.exec(sandbox, ['hitch-sandbox', 'listen', args(p), String(LISTEN_MAX_SECONDS)]).catch(() => undefined));
  try {
    for (const p of ports) {
      // loopback is always accepted, so this sees the listener and not the firewall
      for (let tries = 0; (await engine.exec(sandbox, ['hitch-sandbox', 'probe', '127.0.0.1', args(p), '1'])).exitCode !== 0; tries++) {
        if (tries >= 20) throw new UserError(`cannot listen on ${args(p)} inside ${sandbox}`, 'see `docker logs` of that sandbox');
      }
    }
    return await work();
  } finally {
    await Promise.all(ports.map((p) => engine.exec(sandbox, ['hitch-sandbox', 'unlisten', args(p)]).catch(() => undefined)));
    await Promise.all(running);
  }
}

/** `invocation`: how the project was named, for the commands the refusals and evidence give (hitch-command.ts). */
export interface CheckOptions extends Invocation {
  timeoutSec?: number; // default 1
}

export async function check(engine: Engine, manifest: Manifest, opts: CheckOptions = {}): Promise<CheckResult> {
  const stack = await live(engine, manifest, opts);
  const refusal = uncheckable(manifest.project, stack, opts);
  if (refusal) throw refusal;
  const timeoutSec = opts.timeoutSec ?? 1;
  const matrix = expectedMatrix(manifest, stack.offered);
  // Targets in parallel. Per target, tcp probes a few at a time, then udp one at a time, so the
  // target's counters speak of that one datagram only.
  const perTarget = await Promise.all(
    Object.keys(manifest.services).map(async (to) => {
      const unexposed = await freePorts(engine, stack, to);
      const probes = [...matrix.filter((p) => p.to === to), ...unexposedProbes(manifest, to, unexposed)];
      const one = async (p: Probe): Promise<CheckRow> => {
        const seen = await probe(engine, stack, p, { ...opts, timeoutSec });
        return { ...p, ...seen, ok: agrees(p.expected, seen.actual) };
      };
      return listening(engine, stack.sandboxes[to]!, unexposed, async () => {
        const rows: CheckRow[] = [];
        const tcp = probes.filter((p) => p.proto !== 'udp');
        for (let i = 0; i < tcp.length; i += TCP_AT_ONCE) rows.push(...(await Promise.all(tcp.slice(i, i + TCP_AT_ONCE).map(one))));
        for (const p of probes.filter((p) => p.proto === 'udp')) rows.push(await one(p));
        return rows;
      });
    }),
  );
  const probes = perTarget.flat().sort(compareProbes);
  return { project: manifest.project, ok: probes.every((r) => r.ok), probes };
}
