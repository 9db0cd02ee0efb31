// The rules of each link for `up`, as each child's firewall holds them, and the live stack they are read
// from (each service's sandbox, address, offered ports and recorded rules), which `check` probes too.
// Apart from `check` so that `up` loads no probing code.
import type { Engine } from '../engine/engine.js';
import type { Manifest, PortSpec } from '../manifest/model.js';
import { childrenOf } from '../plan/family.js';
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { enforcementOf, linkGrants, rulesFromArgs, rulesInForce, type LinkEnforcement, type RuleInForce } from '../plan/matrix.js';
import { runsNow, type ObservedContainer, type ObservedState } from '../plan/observed.js';
import { offeredPorts } from '../plan/offers.js';
import { keepRestarting, lastRuns, restartingRemedy } from '../plan/restarting-sandbox.js';
import { UserError } from '../user-error.js';
import { sandboxProblem } from './service-state.js';
import { imagesOf } from './plan-up.js';

export interface Live {
  subnet: string;
  ips: Record<string, string>;
  sandboxes: Record<string, string>;
  offered: Record<string, PortSpec[]>;
  rulesArgs: Record<string, string[] | undefined>; // as recorded in each sandbox
  /** Services whose own container is not running (`stopped`, `restarting`) or gone (`missing`): their sandbox refuses what it lets in. */
  notRunning: Record<string, 'stopped' | 'restarting' | 'missing'>;
  /** Sandboxes frozen by `docker pause`: their firewall holds, but nothing runs in them. */
  paused: string[];
  /** Sandboxes between two starts of their restart policy: their recorded rules stand for the next, but nothing runs in them. */
  restarting: ObservedContainer[];
  /** Services whose sandbox restarted under their running container: that one kept the old namespace, and has no network. */
  restarted: string[];
}

/**
 * A sandbox's recorded rules as `before` found them, by its id: the same container, so still its rules if
 * nothing changed them since (`up` holds the lock, and what it changed it listed).
 */
function withRecordedRules(observed: ObservedState, before: ObservedState): ObservedState {
  const recorded = new Map(before.containers.filter((c) => c.role === 'sandbox').map((c) => [c.id, c.firewallArgs]));
  return { ...observed, containers: observed.containers.map((c) => (recorded.has(c.id) ? { ...c, firewallArgs: recorded.get(c.id) } : c)) };
}

/** The live stack of every service, or of the services `only` names: as `known` holds it, else observed now. */
export async function live(engine: Engine, manifest: Manifest, hitch: Invocation, known?: ObservedState, only?: ReadonlySet<string>): Promise<Live> {
  const observed = known ?? (await engine.observe(manifest.project, imagesOf(manifest), { runtime: true }));
  const first = `run \`${hitchCommand(hitch, 'up')}\` first`;
  const down = new UserError(`project ${manifest.project} is not up`, first);
  if (!observed.network) throw down;
  const result: Live = { subnet: observed.network.subnet, ips: {}, sandboxes: {}, offered: {}, rulesArgs: {}, notRunning: {}, paused: [], restarting: [], restarted: [] };
  for (const s of Object.values(manifest.services).filter((s) => !only || only.has(s.name))) {
    const box = observed.containers.find((c) => c.service === s.name && c.role === 'sandbox');
    // a restarting one is up as `up` sees it (left to its restart policy): said apart, as a paused one is
    if (!box || !(runsNow(box) || box.restarting) || !box.ip) throw new UserError(`service "${s.name}" has no running sandbox`, first);
    result.ips[s.name] = box.ip;
    result.sandboxes[s.name] = box.name;
    if (box.paused) result.paused.push(box.name);
    if (box.restarting) result.restarting.push(box);
    result.offered[s.name] = offeredPorts(s, observed);
    result.rulesArgs[s.name] = box.firewallArgs;
    const own = observed.containers.find((c) => c.service === s.name && c.role === 'service');
    if (!runsNow(own)) result.notRunning[s.name] = !own ? 'missing' : own.restarting ? 'restarting' : 'stopped';
    if (sandboxProblem({ service: s.name, sandbox: box, main: own }) === 'sandbox restarted') result.restarted.push(s.name);
  }
  return result;
}

/** What `up` says once done when a sandbox of its links keeps restarting: it left it to its restart policy, but the service has no network. */
function withoutNetwork(sandboxes: ObservedContainer[], hitch: Invocation): UserError {
  const one = sandboxes.length === 1;
  const services = sandboxes.map((c) => c.service).join(', ');
  return new UserError(
    `${keepRestarting(sandboxes)}, and ${services} ${one ? 'has' : 'have'} no network until a run of ${one ? 'it' : 'them'} lasts: ${lastRuns(sandboxes)}`,
    restartingRemedy(sandboxes, hitch),
  );
}

export async function shown(engine: Engine, sandbox: string, hitch: Invocation, verbose = false): Promise<RuleInForce[]> {
  const res = await engine.exec(sandbox, ['hitch-sandbox', 'show', ...(verbose ? ['-v'] : [])]);
  if (res.exitCode !== 0) throw new UserError(`cannot read the firewall of ${sandbox}: ${res.stderr.trim()}`, `run \`${hitchCommand(hitch, 'up')}\` to put it back`);
  return rulesInForce(res.stdout);
}

export interface EnforcementSources {
  /** Child → its chain as the kernel listed it when `up` just applied or checked it: no need to ask. */
  listed?: Record<string, string>;
  /** The engine as just observed, when nothing changed since: no need to observe again. */
  observed?: ObservedState;
  /**
   * The engine as observed before `up` changed it, under the same lock: the rules of the sandboxes it
   * did not touch are still those recorded then, so the containers' states are all to observe again (a
   * list, where reading each sandbox's rules is a request per container).
   */
  before?: ObservedState;
  /** `up SERVICE…`: only the links of these parents, which it brought up with their children; default all. */
  parents?: readonly string[];
}

/**
 * Each link against its child's rules (what `up` reports once done): as the kernel listed them when `up`
 * touched them (`listed`: every sandbox `up` starts or updates), else as the observation found them
 * recorded (by the sandbox once iptables took them, or by hitch in a stopped one, for its start: rules that
 * may not be in force are marked so, and read as none), else asked of the sandbox.
 */
export async function linkEnforcement(engine: Engine, manifest: Manifest, from: EnforcementSources & Invocation = {}): Promise<LinkEnforcement[]> {
  const { listed = {}, parents } = from;
  const chosen = parents && new Set(parents);
  const ends = parents && new Set(parents.flatMap((p) => [p, ...childrenOf(manifest.services[p]!)]));
  // after `up`, only the containers' states are observed again (a list); the rules are those recorded before
  const known = from.observed ?? (from.before && withRecordedRules(await engine.observe(manifest.project, imagesOf(manifest)), from.before));
  const stack = await live(engine, manifest, from, known, ends);
  if (stack.restarting.length > 0) throw withoutNetwork(stack.restarting, from);
  const grants = linkGrants(manifest, stack.offered).filter((g) => !chosen || chosen.has(g.parent));
  const children = [...new Set(grants.map((g) => g.child))];
  const rulesOf = async (c: string): Promise<RuleInForce[]> => {
    const listing = listed[c];
    if (listing !== undefined) return rulesInForce(listing);
    const recorded = stack.rulesArgs[c];
    if (recorded) return rulesFromArgs(recorded);
    return shown(engine, stack.sandboxes[c]!, from);
  };
  const rules = new Map(await Promise.all(children.map(async (c) => [c, await rulesOf(c)] as const)));
  return grants.map((g) => enforcementOf(g, stack.ips[g.parent]!, stack.subnet, rules.get(g.child)!));
}
