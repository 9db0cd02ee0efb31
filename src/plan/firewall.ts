// The rules a service's sandbox applies to its own namespace (DESIGN.md, "Firewall"; spec/links.md §4):
// each parent may reach each port this service offers to links; published ports are reachable from the
// gateway (the host's side of the bridge); everything else from the project subnet is dropped.
import type { Manifest, PortSpec, Protocol, Service } from '../manifest/model.js';
import { consecutiveRuns } from '../manifest/ports.js';
import type { Addressing } from './addressing.js';
import { compareIps, compareStrings } from './compare.js';
import { parentsOf } from './family.js';
import type { AllowRule, FirewallSpec } from './model.js';

export function firewallFor(service: Service, manifest: Manifest, addresses: Addressing, childPorts: PortSpec[]): FirewallSpec {
  const rules: AllowRule[] = [];
  for (const parent of parentsOf(service.name, manifest)) {
    const from = addresses.ips[parent];
    if (from) for (const p of childPorts) rules.push({ from, proto: p.proto, port: p.port });
  }
  for (const p of publishedPorts(service, childPorts)) rules.push({ from: addresses.gateway, proto: p.proto, port: p.port });
  return { subnet: addresses.subnet, allow: sortRules(rules) };
}

// docker -P publishes every exposed port, the image's EXPOSE included; -p publishes the ones it names.
function publishedPorts(service: Service, childPorts: PortSpec[]): PortSpec[] {
  if (service.publishAll) return childPorts;
  return service.ports.map((p) => ({ port: p.containerPort, proto: p.proto }));
}

function ruleKey(r: AllowRule): string {
  return `${r.proto}:${r.from}:${r.port}`;
}

/** De-duplicated, by source address, then protocol, then port: the same rules give the same args. */
function sortRules(rules: AllowRule[]): AllowRule[] {
  const unique = [...new Map(rules.map((r) => [ruleKey(r), r])).values()];
  return unique.sort((x, y) => compareIps(x.from, y.from) || compareStrings(x.proto, y.proto) || x.port - y.port);
}

/**
 * The argv images/sandbox/hitch-sandbox accepts after `run` and `apply`. Consecutive ports from one
 * source and protocol go as one `LO-HI` rule: an `expose` range of thousands of ports stays one
 * argument and one iptables rule, below the kernel's limit on a command's arguments.
 */
export function firewallArgs(fw: FirewallSpec): string[] {
  const runs = consecutiveRuns(sortRules(fw.allow), (r) => r.port, (a, b) => a.from === b.from && a.proto === b.proto);
  const allow = runs.flatMap(({ first, last }) => ['--allow', last === first.port ? ruleKey(first) : `${ruleKey(first)}-${last}`]);
  return ['--subnet', fw.subnet, ...allow];
}

/** One `--allow` value as firewallArgs writes it: `PROTO:IP:PORT` or `PROTO:IP:LO-HI`. */
export function parseAllow(value: string): { proto: Protocol; ip: string; lo: number; hi: number } {
  const [proto, ip = '', range = ''] = value.split(':');
  const [lo = 0, hi = lo] = range.split('-').map(Number);
  return { proto: proto as Protocol, ip, lo, hi };
}

/** The source addresses an argv's rules let in. */
export function allowedSources(args: readonly string[]): Set<string> {
  return new Set(args.flatMap((arg, i) => (args[i - 1] === '--allow' ? [parseAllow(arg).ip] : [])));
}

/** One `--allow` value's rules, one port each: a LO-HI value is each of its ports. */
function portsOf(value: string): AllowRule[] {
  const { proto, ip, lo, hi } = parseAllow(value);
  return Array.from({ length: hi - lo + 1 }, (_, k) => ({ from: ip, proto, port: lo + k }));
}

/** An argv's allow rules, one port each. */
export function allowRules(args: readonly string[]): AllowRule[] {
  return args.flatMap((arg, i) => (args[i - 1] === '--allow' ? portsOf(arg) : []));
}

/** An argv's rules one port each, so the same rules sent per port (before ranges) or as LO-HI compare equal. */
function perPort(args: readonly string[]): string[] {
  return args.flatMap((arg, i) => {
    if (args[i - 1] !== '--allow') return arg === '--allow' ? [] : [arg];
    return portsOf(arg).map(ruleKey);
  });
}

/** Whether a sandbox's recorded argv already holds the rules of `wanted` (firewallArgs), in either form. */
export function sameRules(recorded: readonly string[], wanted: readonly string[]): boolean {
  if (recorded.join('\n') === wanted.join('\n')) return true;
  const [x, y] = [perPort(recorded), perPort(wanted)];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
