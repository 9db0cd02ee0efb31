// `subnet:` beyond its form (the schema's pattern). dockerd takes a loopback or multicast block for a
// network (checked on 20.10), and its bridge then holds an address the host uses for something else;
// and a block too small for the project fails only once `up` gives out addresses.
import { parseCidr, overlaps, RESERVED_ADDRESSES, smallestBlock } from './cidr.js';
import { fail, get, type Ctx } from './context.js';
import type { Service } from './model.js';

const SPECIAL_BLOCKS: [string, string][] = [
  ['0.0.0.0/8', 'the "this network" block'],
  ['127.0.0.0/8', 'the loopback block'],
  ['169.254.0.0/16', 'the link-local block'],
  ['224.0.0.0/4', 'the multicast block'],
  ['240.0.0.0/4', 'the reserved block'],
];

/** The subnet written in the manifest, or undefined when there is none or it is refused (and said). */
export function checkedSubnet(ctx: Ctx, services: Service[]): string | undefined {
  const subnet = get(ctx, ['subnet']) as string | undefined;
  const cidr = subnet === undefined ? undefined : parseCidr(subnet);
  if (subnet === undefined || cidr === undefined) return subnet;
  const special = SPECIAL_BLOCKS.find(([block]) => overlaps(cidr, parseCidr(block)!));
  if (special) {
    fail(ctx, ['subnet'], `subnet "${subnet}" overlaps ${special[0]}, ${special[1]}, which no container network may use; use a private block, like "10.213.5.0/24"`);
    return undefined;
  }
  // every service and every container linked with external_links takes an address on the network
  const needed = services.length + new Set(services.flatMap((s) => s.externalLinks.map((l) => l.container))).size;
  const room = Math.max(cidr.size - RESERVED_ADDRESSES, 0);
  if (room < needed) {
    const bits = 32 - Math.log2(smallestBlock(needed));
    const what = `${needed} (one per service and per container linked with external_links)`;
    fail(ctx, ['subnet'], `subnet "${subnet}" has room for ${room} containers (its network address, gateway and broadcast take ${RESERVED_ADDRESSES}), and the project needs ${what}; use a /${bits} or a larger block`);
    return undefined;
  }
  return subnet;
}
