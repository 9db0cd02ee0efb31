// The connectivity the links allow (spec/links.md §4), as data `hitch check` proves and `up` reports:
// a parent may open connections to each port its child offers; nothing else between services.
import type { Manifest, PortSpec, Protocol } from '../manifest/model.js';
import { hitchCommand, type Invocation } from './hitch-command.js';
import { portRangesText } from '../manifest/ports.js';
import { compareStrings } from './compare.js';
import { parentsOf } from './family.js';
import { parseAllow } from './firewall.js';

export type Reach = 'allowed' | 'denied';
/** What a probe saw: connected or answered; dropped (filtered); or let in with nothing listening. */
export type Outcome = 'allowed' | 'denied' | 'refused';

/** One cell of the matrix: may `from` open a connection to `to` on this port? */
export interface Probe {
  from: string;
  to: string;
  port: number;
  proto: Protocol;
  exposed: boolean; // false: a port `to` does not offer, listened on by `hitch check` itself
  expected: Reach;
}

/** One link, parent to child, with every alias it is known by and the ports it opens. */
export interface LinkGrant {
  parent: string;
  child: string;
  aliases: string[];
  ports: PortSpec[];
}

export function compareProbes(x: Probe, y: Probe): number {
  return compareStrings(x.from, y.from) || compareStrings(x.to, y.to) || Number(y.exposed) - Number(x.exposed) ||
    compareStrings(x.proto, y.proto) || x.port - y.port;
}

/** Every ordered pair of distinct services, on every port the second offers (`offered`, by service). */
/** The sandbox can probe tcp and udp; sctp rules are applied and reported by `up`, but not probed. */
function probeable(ports: PortSpec[]): PortSpec[] {
  return ports.filter((p) => p.proto !== 'sctp');
}

export function expectedMatrix(manifest: Manifest, offered: Readonly<Record<string, PortSpec[]>>): Probe[] {
  const names = Object.keys(manifest.services).sort(compareStrings);
  const probes = names.flatMap((to) => {
    const parents = new Set(parentsOf(to, manifest));
    return names
      .filter((from) => from !== to)
      .flatMap((from) => probeable(offered[to] ?? []).map((p): Probe => ({ from, to, ...p, exposed: true, expected: parents.has(from) ? 'allowed' : 'denied' })));
  });
  return probes.sort(compareProbes);
}

/** Ports `to` does not offer are closed to everyone, its parents too, even when something listens there. */
export function unexposedProbes(manifest: Manifest, to: string, ports: PortSpec[]): Probe[] {
  const others = Object.keys(manifest.services).filter((s) => s !== to);
  return others.flatMap((from) => ports.map((p): Probe => ({ from, to, ...p, exposed: false, expected: 'denied' as const }))).sort(compareProbes);
}

/** Refused means the firewall let the connection in and nothing listened: reachable, as links allow. */
export function agrees(expected: Reach, actual: Outcome): boolean {
  return (actual === 'denied') === (expected === 'denied');
}

export function linkGrants(manifest: Manifest, offered: Readonly<Record<string, PortSpec[]>>): LinkGrant[] {
  const grants = new Map<string, LinkGrant>();
  for (const parent of Object.values(manifest.services)) {
    for (const l of parent.links) {
      const key = `${parent.name}\n${l.target}`;
      const g = grants.get(key) ?? { parent: parent.name, child: l.target, aliases: [], ports: offered[l.target] ?? [] };
      g.aliases.push(l.alias);
      grants.set(key, g);
    }
  }
  return [...grants.values()]
    .map((g) => ({ ...g, aliases: [...g.aliases].sort(compareStrings) }))
    .sort((x, y) => compareStrings(x.parent, y.parent) || compareStrings(x.child, y.child));
}

/** A rule of a sandbox's HITCH chain, read back from `iptables [-v] -S HITCH` (hitch-sandbox show). */
export interface RuleInForce {
  target: 'ACCEPT' | 'DROP';
  from: string; // CIDR as iptables prints it, e.g. 10.213.0.3/32
  proto?: Protocol;
  ports?: [number, number]; // first and last
  packets?: number; // with -v
}

const RULE = /^-A HITCH -s (\S+)(?: -p (tcp|udp|sctp) -m \2 --dport (\d+)(?::(\d+))?)?(?: -c (\d+) \d+)? -j (ACCEPT|DROP)$/;

export function rulesInForce(shown: string): RuleInForce[] {
  return shown.split('\n').flatMap((line): RuleInForce[] => {
    const m = RULE.exec(line.trim());
    if (!m) return []; // the chain's header, and the established and loopback rules
    const [, from, proto, lo, hi, packets, target] = m;
    const rule: RuleInForce = { target: target as RuleInForce['target'], from: from! };
    if (proto) Object.assign(rule, { proto, ports: [Number(lo), Number(hi ?? lo)] });
    if (packets !== undefined) rule.packets = Number(packets);
    return [rule];
  });
}

/**
 * The rules a sandbox was told to enforce, from its `hitch-sandbox` arguments (as observed): what its
 * chain holds, since `run` refuses to start and `apply` to record rules that iptables did not take.
 */
export function rulesFromArgs(args: readonly string[]): RuleInForce[] {
  return args.flatMap((arg, i): RuleInForce[] => {
    const value = args[i + 1] ?? '';
    if (arg === '--subnet') return [{ target: 'DROP', from: value }];
    if (arg !== '--allow') return [];
    const { proto, ip, lo, hi } = parseAllow(value);
    return [{ target: 'ACCEPT', from: `${ip}/32`, proto, ports: [lo, hi] }];
  });
}

/** The rule that accepts `from` (an address) on this port, if the chain has one. */
export function acceptRule(rules: RuleInForce[], from: string, p: PortSpec): RuleInForce | undefined {
  return rules.find((r) => r.target === 'ACCEPT' && r.from === `${from}/32` && r.proto === p.proto && r.ports![0] <= p.port && p.port <= r.ports![1]);
}

export function dropRule(rules: RuleInForce[], subnet: string): RuleInForce | undefined {
  return rules.find((r) => r.target === 'DROP' && r.from === subnet);
}

/** A link checked against its child's rules in force: which of its ports lack a rule, and the drop. */
export interface LinkEnforcement extends LinkGrant {
  missing: PortSpec[];
  drops: boolean; // the child's chain drops the rest of the subnet
}

export function enforcementOf(grant: LinkGrant, parentIp: string, subnet: string, rules: RuleInForce[]): LinkEnforcement {
  const missing = grant.ports.filter((p) => !acceptRule(rules, parentIp, p));
  return { ...grant, missing, drops: dropRule(rules, subnet) !== undefined };
}

/**
 * What `up` says of each external link (of the selected services) once it is done: hitch attaches the
 * container but owns no namespace of it, so no rule guards it (README "External links"). Said each time,
 * like the rules.
 */
export function externalLinkLines(manifest: Manifest, selected?: readonly string[]): string[] {
  const chosen = selected && new Set(selected);
  return Object.values(manifest.services).filter((s) => !chosen || chosen.has(s.name)).flatMap((s) =>
    s.externalLinks.map((l) => `link ${s.name} -> ${l.container} (as ${l.alias}): external, NOT firewalled by hitch: every service of the project can reach every port it listens on`),
  );
}

/** Whether a link's rules are all in force: each port accepted, the rest dropped (`up` exits 1 otherwise). */
export function enforced(link: LinkEnforcement): boolean {
  return link.drops && link.missing.length === 0;
}

/** What `up` says about each link once it is done: one line per link, true to the rules in force. */
export function enforcementLines(links: LinkEnforcement[], hitch: Invocation): string[] {
  return links.map((l) => {
    const head = `link ${l.parent} -> ${l.child} (as ${l.aliases.join(', ')}):`;
    if (!l.drops) return `${head} NOT enforced: ${l.child}'s firewall does not drop the project's traffic; run \`${hitchCommand(hitch, 'up')}\` again`;
    if (l.missing.length) return `${head} NOT enforced: ${l.child}'s firewall lacks ${portRangesText(l.missing).join(', ')}; run \`${hitchCommand(hitch, 'up')}\` again`;
    if (!l.ports.length) return `${head} rules enforced: names and env only, ${l.child} exposes no port`;
    return `${head} rules enforced: ${l.parent} may reach ${l.child} on ${portRangesText(l.ports).join(', ')} only`;
  });
}
