// Orderings shared by the planner. Everything hitch emits is sorted so plans and hashes are stable.
import type { PortSpec } from '../manifest/model.js';

/** Code-unit order, the same on every machine and locale (localeCompare is not). */
export function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortedStrings(values: Iterable<string>): string[] {
  return [...values].sort(compareStrings);
}

/** By number, then protocol: the order the manifest uses for `expose`. */
export function comparePorts(x: PortSpec, y: PortSpec): number {
  return x.port - y.port || compareStrings(x.proto, y.proto);
}

/** The union of port lists, de-duplicated on number/protocol and sorted. */
export function unionPorts(...lists: PortSpec[][]): PortSpec[] {
  const byKey = new Map<string, PortSpec>();
  for (const p of lists.flat()) byKey.set(`${p.port}/${p.proto}`, { port: p.port, proto: p.proto });
  return [...byKey.values()].sort(comparePorts);
}

/** Dotted IPv4 order (10.0.0.9 before 10.0.0.10). */
export function compareIps(x: string, y: string): number {
  const a = x.split('.').map(Number);
  const b = y.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
