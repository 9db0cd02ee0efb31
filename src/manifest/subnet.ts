// `subnet:` beyond its form (the schema's pattern). dockerd takes a loopback or multicast block for a
// network (checked on 20.10), and its bridge then holds an address the host uses for something else;
// it takes a public block too, whose addresses the host and every container then route to the bridge
// instead of the internet (8.8.8.0/24 hides 8.8.8.8). A block written with host bits set
// ("10.9.9.5/24") is refused by Engine 25 and later (moby#45759); dockerd 20.10 keeps it as written,
// where hitch's plan uses "10.9.9.0/24". And a block too small for the project fails only once `up`
// gives out addresses.
import { networkForm, parseCidr, overlaps, RESERVED_ADDRESSES, smallestBlock, within } from './cidr.js';
import { fail, get, type Ctx } from './context.js';
import type { Service } from './model.js';

const SPECIAL_BLOCKS: [string, string][] = [
  ['0.0.0.0/8', 'the "this network" block'],
  ['127.0.0.0/8', 'the loopback block'],
  ['169.254.0.0/16', 'the link-local block'],
  ['224.0.0.0/4', 'the multicast block'],
  ['240.0.0.0/4', 'the reserved block'],
];

// RFC 1918's blocks, and RFC 6598's shared address space, which no internet host has either.
const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];
const PRIVATE = `use a block within ${PRIVATE_BLOCKS.slice(0, -1).join(', ')} or ${PRIVATE_BLOCKS.at(-1)!}, like "10.213.5.0/24"`;

/** The subnet written in the manifest, or undefined when there is none or it is refused (and said). */
export function checkedSubnet(ctx: Ctx, services: Service[]): string | undefined {
  const subnet = get(ctx, ['subnet']) as string | undefined;
  const cidr = subnet === undefined ? undefined : parseCidr(subnet);
  if (subnet === undefined || cidr === undefined) return subnet;
  const special = SPECIAL_BLOCKS.find(([block]) => overlaps(cidr, parseCidr(block)!));
  if (special) {
    fail(ctx, ['subnet'], `subnet "${subnet}" overlaps ${special[0]}, ${special[1]}, which no container network may use; ${PRIVATE}`);
    return undefined;
  }
  if (!PRIVATE_BLOCKS.some((block) => within(cidr, parseCidr(block)!))) {
    fail(ctx, ['subnet'], `subnet "${subnet}" is not a private block: the host and its containers would reach the project's network at those addresses, not the internet's hosts; ${PRIVATE}`);
    return undefined;
  }
  const network = networkForm(subnet);
  if (network !== undefined) {
    fail(ctx, ['subnet'], `subnet "${subnet}" has host bits set: the block is ${network}; write "${network}" (Docker 25 and later refuse the other form)`);
    return undefined;
  }
  // every service and every container linked with external_links takes an address on the network
  const needed = services.length + new Set(services.flatMap((s) => s.externalLinks.map((l) => l.container))).size;
  const room = Math.max(cidr.size - RESERVED_ADDRESSES, 0);
  if (room < needed) {
    const bits = 32 - Math.log2(smallestBlock(needed));
    const what = `${needed} (one per service and per container linked with external_links)`;
    fail(ctx, ['subnet'], `subnet "${subnet}" has room for ${room} ${room === 1 ? 'container' : 'containers'} (its network address, gateway and broadcast take ${RESERVED_ADDRESSES}), and the project needs ${what}; use a /${bits} or a larger block`);
    return undefined;
  }
  return subnet;
}
