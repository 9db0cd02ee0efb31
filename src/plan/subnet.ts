// The project's subnet (DESIGN.md, "Addressing"): kept from the observed network, else the manifest's,
// else the first free block of hitch's pool (the CIDR arithmetic is manifest/cidr.ts, which checks
// `subnet:` on load with it).
import { overlaps, parseCidr, smallestBlock, type Cidr } from '../manifest/cidr.js';
import { hitchCommand, type Invocation } from './hitch-command.js';
import type { Manifest } from '../manifest/model.js';
import { externalNames } from './externals.js';
import { UserError } from '../user-error.js';
import type { ObservedNetwork, ObservedState } from './observed.js';
import { networkName } from './sandbox.js';

export const SUBNET_POOL = '10.213.0.0/16';
const MIN_SUBNET_SIZE = 256; // a /24: room to grow for most projects

export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** The smallest power-of-two block (at least a /24) with an address for every service. */
export function subnetSizeFor(services: number): number {
  return Math.max(MIN_SUBNET_SIZE, smallestBlock(services));
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

/** The observed network's subnet, else the manifest's (as written), else the first free block of the pool big enough for every service (at least a /24); gateway .1. */
export function pickSubnet(manifest: Manifest, observed: ObservedState, hitch: Invocation): { subnet: string; gateway: string } | UserError {
  if (observed.network) return existingSubnet(manifest, observed.network, hitch);
  const used = observed.usedSubnets.map((u) => parseCidr(u.subnet)).filter((c): c is Cidr => c !== undefined);
  if (!manifest.subnet) {
    const size = subnetSizeFor(Object.keys(manifest.services).length + externalNames(manifest).length);
    const free = firstFree(used, size);
    if (free) return withGateway(free);
    return new UserError(
      `no free /${32 - Math.log2(size)} left in ${SUBNET_POOL} for network ${networkName(manifest.project)}`,
      'remove unused networks (`docker network prune`) or set `subnet:` in the manifest',
    );
  }
  const wanted = parseCidr(manifest.subnet)!; // an IPv4 block in its network form: the manifest is checked on load
  const clash = observed.usedSubnets.find((u) => overlaps(parseCidr(u.subnet) ?? { base: 0, size: 0 }, wanted));
  if (clash) {
    const by = clash.network === undefined ? 'another network' : `network ${clash.network}`;
    return new UserError(`subnet ${manifest.subnet} overlaps ${clash.subnet}, used by ${by}`, 'choose another `subnet:` or remove it');
  }
  return withGateway(wanted);
}

// The network outlives plans: its subnet is kept, and a manifest that asks for another one must say so.
// The network's is compared as a block: dockerd 20.10 kept "10.9.9.5/24" as written, which manifests
// could ask for before hitch refused it.
function existingSubnet(manifest: Manifest, net: ObservedNetwork, hitch: Invocation): { subnet: string; gateway: string } | UserError {
  const current = parseCidr(net.subnet);
  if (!current) return new UserError(`network ${net.name} has no IPv4 subnet`, `run \`${hitchCommand(hitch, 'down')}\` so the network is created again`);
  if (manifest.subnet !== undefined && formatCidr(current) !== manifest.subnet) {
    return new UserError(
      `network ${net.name} has subnet ${net.subnet}, but the manifest asks for ${manifest.subnet}`,
      `run \`${hitchCommand(hitch, 'down')}\` so the network is created again, or set \`subnet:\` back`,
    );
  }
  return { subnet: net.subnet, gateway: net.gateway || formatIp(current.base + 1) };
}

export function inSubnet(ip: string | undefined, subnet: string): ip is string {
  const n = ip ? parseCidr(`${ip}/32`) : undefined;
  return n !== undefined && overlaps(n, parseCidr(subnet)!);
}
