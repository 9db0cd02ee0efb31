// The project's subnet and every service's fixed address (DESIGN.md, "Addressing").
// A service keeps its address for its whole life, so link env and hosts lines stay true.
import type { Manifest } from '../manifest/model.js';
import { externalNames } from './externals.js';
import { UserError } from '../user-error.js';
import type { ObservedContainer, ObservedNetwork, ObservedState } from './model.js';
import { networkName } from './sandbox.js';

export const SUBNET_POOL = '10.213.0.0/16';
const MIN_SUBNET_SIZE = 256; // a /24: room to grow for most projects
const RESERVED_ADDRESSES = 3; // network, gateway, broadcast

export interface Addressing {
  subnet: string;
  gateway: string;
  ips: Record<string, string>; // service name → address
  externals: Record<string, string>; // external container name → its address on the project network
}

interface Cidr {
  base: number; // network address as an unsigned 32-bit number
  size: number; // number of addresses
}

export function parseCidr(cidr: string): Cidr | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined; // IPv6 or garbage: cannot collide with an IPv4 pool
  const bits = Number(m[5]);
  const size = 2 ** (32 - bits);
  const ip = m.slice(1, 5).reduce((n, part) => n * 256 + Number(part), 0);
  return { base: ip - (ip % size), size };
}

export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function overlaps(x: Cidr, y: Cidr): boolean {
  return x.base < y.base + y.size && y.base < x.base + x.size;
}

/** The smallest power-of-two block (at least a /24) with an address for every service. */
export function subnetSizeFor(services: number): number {
  let size = MIN_SUBNET_SIZE;
  while (size < services + RESERVED_ADDRESSES) size *= 2;
  return size;
}

function firstFree(used: Cidr[], size: number): Cidr | undefined {
  const pool = parseCidr(SUBNET_POOL)!;
  for (let base = pool.base; base < pool.base + pool.size; base += size) {
    if (!used.some((u) => overlaps(u, { base, size }))) return { base, size };
  }
  return undefined;
}

function formatCidr(c: Cidr): string {
  return `${formatIp(c.base)}/${32 - Math.log2(c.size)}`;
}

function withGateway(c: Cidr): { subnet: string; gateway: string } {
  return { subnet: formatCidr(c), gateway: formatIp(c.base + 1) };
}

/** The observed network's subnet, else the manifest's, else the first free block of the pool big enough for every service (at least a /24); gateway .1. */
export function pickSubnet(manifest: Manifest, observed: ObservedState): { subnet: string; gateway: string } | UserError {
  if (observed.network) return existingSubnet(manifest, observed.network);
  const used = observed.usedSubnets.map(parseCidr).filter((c): c is Cidr => c !== undefined);
  if (!manifest.subnet) {
    const size = subnetSizeFor(Object.keys(manifest.services).length + externalNames(manifest).length);
    const free = firstFree(used, size);
    if (free) return withGateway(free);
    return new UserError(
      `no free /${32 - Math.log2(size)} left in ${SUBNET_POOL} for network ${networkName(manifest.project)}`,
      'remove unused networks (`docker network prune`) or set `subnet:` in the manifest',
    );
  }
  const wanted = parseCidr(manifest.subnet);
  if (!wanted) return new UserError(`subnet ${manifest.subnet} is not an IPv4 CIDR`, 'write it like 10.213.7.0/24');
  const clash = observed.usedSubnets.find((s) => overlaps(parseCidr(s) ?? { base: 0, size: 0 }, wanted));
  if (clash) return new UserError(`subnet ${manifest.subnet} overlaps ${clash}, used by another network`, 'choose another `subnet:` or remove it');
  return withGateway(wanted);
}

// The network outlives plans: its subnet is kept, and a manifest that asks for another one must say so.
function existingSubnet(manifest: Manifest, net: ObservedNetwork): { subnet: string; gateway: string } | UserError {
  const current = parseCidr(net.subnet);
  if (!current) return new UserError(`network ${net.name} has no IPv4 subnet`, 'run `hitch down` so the network is created again');
  const wanted = manifest.subnet ? parseCidr(manifest.subnet) : current;
  if (!wanted || formatCidr(current) !== formatCidr(wanted)) {
    return new UserError(
      `network ${net.name} has subnet ${net.subnet}, but the manifest asks for ${manifest.subnet}`,
      'run `hitch down` so the network is created again, or set `subnet:` back',
    );
  }
  return { subnet: net.subnet, gateway: net.gateway || formatIp(current.base + 1) };
}

function inSubnet(ip: string | undefined, subnet: string): ip is string {
  const n = ip ? parseCidr(`${ip}/32`) : undefined;
  return n !== undefined && overlaps(n, parseCidr(subnet)!);
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

export function addressing(manifest: Manifest, observed: ObservedState, order: string[]): Addressing | UserError {
  const net = pickSubnet(manifest, observed);
  if (net instanceof UserError) return net;
  const ips = assignIps(order, net.subnet, net.gateway, observed);
  if (ips instanceof UserError) return ips;
  const externals = assignExternalIps(externalNames(manifest), net, ips, observed);
  if (externals instanceof UserError) return externals;
  return { ...net, ips, externals };
}
