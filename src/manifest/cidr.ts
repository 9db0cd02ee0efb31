// IPv4 CIDR arithmetic, for the manifest's `subnet:` (checked on load) and for the plan's addressing.

export interface Cidr {
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

/**
 * The block's own form, when `cidr` writes an address inside it instead ("10.9.9.5/24" → "10.9.9.0/24");
 * undefined when it is in that form already, or is no IPv4 block.
 */
export function networkForm(cidr: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const bits = Number(m[5]);
  const octets = m.slice(1, 5).map((part, i) => Number(part) & (0xff << (8 - Math.min(Math.max(bits - 8 * i, 0), 8))) & 0xff);
  const network = `${octets.join('.')}/${bits}`;
  return network === cidr ? undefined : network;
}

/** Whether every address of `inner` is in `outer`. */
export function within(inner: Cidr, outer: Cidr): boolean {
  return outer.base <= inner.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(x: Cidr, y: Cidr): boolean {
  return x.base < y.base + y.size && y.base < x.base + x.size;
}

/** The network's, the gateway's (.1) and the broadcast's: the rest are the containers'. */
export const RESERVED_ADDRESSES = 3;

/** The smallest power-of-two block with an address for each of `containers` besides the reserved ones. */
export function smallestBlock(containers: number): number {
  let size = 1;
  while (size < containers + RESERVED_ADDRESSES) size *= 2;
  return size;
}
