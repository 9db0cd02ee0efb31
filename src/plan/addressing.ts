// Every service's and external container's fixed address on the project's subnet (DESIGN.md, "Addressing").
// A service keeps its address for its whole life, so link env and hosts lines stay true.
import type { Manifest } from '../manifest/model.js';
import type { Invocation } from './hitch-command.js';
import { externalNames } from './externals.js';
import { UserError } from '../user-error.js';
import type { ObservedContainer, ObservedState } from './observed.js';
import { parseCidr } from '../manifest/cidr.js';
import { formatIp, inSubnet, pickSubnet } from './subnet.js';

export interface Addressing {
  subnet: string;
  gateway: string;
  ips: Record<string, string>; // service name → address
  externals: Record<string, string>; // external container name → its address on the project network
}

/** In use: the gateway, every observed container's address (orphans' too, so nothing collides while they are being removed), every attached external's. */
function takenIps(subnet: string, gateway: string, observed: ObservedState): Set<string> {
  return new Set([gateway, ...[...observed.containers, ...observed.externals].flatMap((c) => (inSubnet(c.ip, subnet) ? [c.ip] : []))]);
}

/** Gives each name without an address the lowest free host address from .2 up, in the given order. */
function fillFree(names: string[], ips: Record<string, string>, subnet: string, taken: Set<string>, what: string): Record<string, string> | UserError {
  const cidr = parseCidr(subnet)!;
  let next = cidr.base + 2;
  const last = cidr.base + cidr.size - 2; // the top address is the broadcast
  for (const name of names) {
    if (ips[name]) continue;
    while (next <= last && taken.has(formatIp(next))) next++;
    if (next > last) return new UserError(`subnet ${subnet} has no free address left for ${what} ${name}`, 'set a larger `subnet:` in the manifest');
    ips[name] = formatIp(next);
    taken.add(ips[name]);
  }
  return ips;
}

/** A service whose containers exist keeps its address; new ones take the lowest free, in start order. */
export function assignIps(order: string[], subnet: string, gateway: string, observed: ObservedState): Record<string, string> | UserError {
  const ips: Record<string, string> = {};
  // by service once: filtering every container for every service is quadratic
  const byService = new Map<string, ObservedContainer[]>();
  for (const c of observed.containers) {
    if (!inSubnet(c.ip, subnet)) continue;
    const list = byService.get(c.service);
    if (list) list.push(c);
    else byService.set(c.service, [c]);
  }
  for (const name of order) {
    // the sandbox's address, else the one its service container remembers (LABEL.ip) when the sandbox is gone
    const mine = byService.get(name) ?? [];
    const kept = mine.find((c) => c.role === 'sandbox') ?? mine.find((c) => c.role === 'service');
    if (kept?.ip) ips[name] = kept.ip;
  }
  return fillFree(order, ips, subnet, takenIps(subnet, gateway, observed), 'service');
}

/** An attached external keeps its address, so the env and hosts lines of its parents stay true; the others come after the services. */
function assignExternalIps(names: string[], net: { subnet: string; gateway: string }, services: Record<string, string>, observed: ObservedState): Record<string, string> | UserError {
  const taken = new Set([...takenIps(net.subnet, net.gateway, observed), ...Object.values(services)]);
  const kept = observed.externals.filter((e) => names.includes(e.name) && inSubnet(e.ip, net.subnet));
  return fillFree(names, Object.fromEntries(kept.map((e) => [e.name, e.ip!])), net.subnet, taken, 'external container');
}

export function addressing(manifest: Manifest, observed: ObservedState, order: string[], hitch: Invocation): Addressing | UserError {
  const net = pickSubnet(manifest, observed, hitch);
  if (net instanceof UserError) return net;
  const ips = assignIps(order, net.subnet, net.gateway, observed);
  if (ips instanceof UserError) return ips;
  const externals = assignExternalIps(externalNames(manifest), net, ips, observed);
  if (externals instanceof UserError) return externals;
  return { ...net, ips, externals };
}
