// `expose:` and `ports:` entries → PortSpec / PublishedPort, with docker's rules (nat.ParsePortSpec):
// ports 1-65535, ranges start ≤ end, a container range needs a host range of the same length. And
// back: each PortSpec / PublishedPort as the one string `hitch config` writes for it.
import { isIPv4, isIPv6 } from 'node:net';
import type { PortSpec, Protocol, PublishedPort } from './model.js';

export const EXPOSE_FORM = 'use 5432, "5432/tcp", "53/udp" or "6379-6381"';
export const PORTS_FORM = 'use "80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "5353:53/udp" or "8000-8002:8000-8002"';
const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

type Result<T> = T | { error: string };
export interface Range {
  start: number;
  end: number;
}

export function isError<T>(r: Result<T>): r is { error: string } {
  return typeof r === 'object' && r !== null && 'error' in r;
}

/** What makes a port or range `text` unusable: not one at all, reversed, or a port outside 1-65535. */
export type RangeProblem = { kind: 'form' } | { kind: 'reversed' } | { kind: 'range'; port: string };

export function readRange(text: string): Range | RangeProblem {
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(text);
  if (!m) return { kind: 'form' };
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > end) return { kind: 'reversed' };
  // each port as written: Number("99999999999999999999") would be quoted as 100000000000000000000
  for (const port of [m[1]!, m[2] ?? m[1]!]) {
    if (Number(port) < 1 || Number(port) > 65535) return { kind: 'range', port };
  }
  return { start, end };
}

function parseRange(text: string, whole: string, form: string): Result<Range> {
  const r = readRange(text);
  if (!('kind' in r)) return r;
  if (r.kind === 'form') return { error: `${JSON.stringify(text)} in ${JSON.stringify(whole)} is not a port or range; ${form}` };
  if (r.kind === 'reversed') return { error: `port range "${text}" ends before it starts in ${JSON.stringify(whole)}; write the lower port first` };
  return { error: `port ${r.port} is out of range 1-65535 in ${JSON.stringify(whole)}` };
}

function splitProto(whole: string): Result<{ body: string; proto: Protocol }> {
  const slash = whole.lastIndexOf('/');
  if (slash < 0) return { body: whole, proto: 'tcp' };
  const proto = whole.slice(slash + 1).toLowerCase() as Protocol;
  if (!PROTOCOLS.includes(proto)) return { error: `protocol ${JSON.stringify(whole.slice(slash + 1))} in ${JSON.stringify(whole)} is not tcp, udp or sctp` };
  return { body: whole.slice(0, slash), proto };
}

/** One `expose:` entry → its ports (a range expands to one PortSpec per port). */
export function parseExpose(entry: string | number): Result<PortSpec[]> {
  const whole = String(entry);
  const split = splitProto(whole);
  if (isError(split)) return split;
  const range = parseRange(split.body, whole, EXPOSE_FORM);
  if (isError(range)) return /^[0-9-]+$/.test(split.body) ? range : { error: `expose entry ${JSON.stringify(whole)} is not a port; ${EXPOSE_FORM}` };
  return ports(range).map((port) => ({ port, proto: split.proto }));
}

/** Expanded, de-duplicated, sorted by (port, proto). */
export function sortPorts(specs: PortSpec[]): PortSpec[] {
  const seen = new Map(specs.map((s) => [`${s.port}/${s.proto}`, s]));
  return [...seen.values()].sort((a, b) => a.port - b.port || (a.proto < b.proto ? -1 : a.proto > b.proto ? 1 : 0));
}

function ports(r: Range): number[] {
  return Array.from({ length: r.end - r.start + 1 }, (_, i) => r.start + i);
}

/** One short-form `ports:` entry, every `docker run -p` form: [ip:][host:]container[/proto]. */
export function parsePublished(entry: string | number): Result<PublishedPort[]> {
  const whole = String(entry);
  const split = splitProto(whole);
  if (isError(split)) return split;
  const parts = splitAddress(split.body, whole);
  if (isError(parts)) return parts;
  return expand(parts.hostIp, parts.host, parts.container, split.proto, whole);
}

function splitAddress(body: string, whole: string): Result<{ hostIp: string; host: string; container: string }> {
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    const hostIp = body.slice(1, close);
    const rest = body.slice(close + 1).split(':');
    if (close < 0 || !isIPv6(hostIp) || rest.length !== 3 || rest[0] !== '') return { error: `${JSON.stringify(whole)} is not a port mapping; for IPv6 use "[::1]:8080:80"` };
    return { hostIp, host: rest[1]!, container: rest[2]! };
  }
  const parts = body.split(':');
  if (parts.length > 3) return { error: `${JSON.stringify(whole)} has too many ":"; for IPv6 write the address in brackets, like "[::1]:8080:80"` };
  const [hostIp, host, container] = parts.length === 3 ? parts : parts.length === 2 ? ['', ...parts] : ['', '', parts[0]];
  if (hostIp !== '' && !isIPv4(hostIp!)) return { error: `host IP ${JSON.stringify(hostIp)} in ${JSON.stringify(whole)} is not an IPv4 address; ${PORTS_FORM}` };
  return { hostIp: hostIp!, host: host!, container: container! };
}

/** "8080", or "8000-8010": a host port as the engine takes it. */
export function rangeText(r: Range): string {
  return r.start === r.end ? String(r.start) : `${r.start}-${r.end}`;
}

function expand(hostIp: string, host: string, container: string, proto: Protocol, whole: string): Result<PublishedPort[]> {
  const c = parseRange(container, whole, PORTS_FORM);
  if (isError(c)) return c;
  const h = host === '' ? undefined : parseRange(host, whole, PORTS_FORM);
  if (h && isError(h)) return h;
  if (!h) return ports(c).map((containerPort) => ({ hostIp, hostPort: '', containerPort, proto }));
  const cLen = c.end - c.start;
  const hLen = h.end - h.start;
  if (cLen === 0) return [{ hostIp, hostPort: rangeText(h), containerPort: c.start, proto }];
  if (cLen !== hLen) return { error: `host and container port ranges in ${JSON.stringify(whole)} have different lengths; use ranges of the same length, like "8000-8002:8000-8002"` };
  return ports(c).map((containerPort, i) => ({ hostIp, hostPort: String(h.start + i), containerPort, proto }));
}

/** "53/udp": the protocol always written, so the entry reads the same to anyone (`expose`, check, link lines). */
export function portText(p: PortSpec): string {
  return `${p.port}/${p.proto}`;
}

/**
 * Each run of consecutive ports of one protocol, in the list's own order, as one `expose` entry: "53/udp",
 * "6000-6063/tcp". Read back, the entries give the same list, and a range of thousands stays one line.
 */
export function portRangesText(ports: readonly PortSpec[]): string[] {
  const runs = consecutiveRuns(ports, (p) => p.port, (a, b) => a.proto === b.proto);
  return runs.map(({ first, last }) => (last === first.port ? portText(first) : `${first.port}-${last}/${first.proto}`));
}

/**
 * The runs of consecutive ports in `items`, in their own order: an item joins the run before it when
 * `sameRun` says they belong together and its port is that run's last + 1. Each run is its first item
 * and its last port (`expose` entries here, a firewall's `LO-HI` rules in plan/firewall.ts).
 */
export function consecutiveRuns<T>(items: readonly T[], port: (item: T) => number, sameRun: (a: T, b: T) => boolean): Array<{ first: T; last: number }> {
  const runs: Array<{ first: T; last: number }> = [];
  for (const item of items) {
    const run = runs.at(-1);
    if (run && sameRun(run.first, item) && port(item) === run.last + 1) run.last = port(item);
    else runs.push({ first: item, last: port(item) });
  }
  return runs;
}

/** The `docker run -p` form parsePublished reads back to `p`: "127.0.0.1::80/tcp", "[::1]:8080:80/udp". */
export function publishedText(p: PublishedPort): string {
  const ip = p.hostIp === '' ? '' : isIPv6(p.hostIp) ? `[${p.hostIp}]:` : `${p.hostIp}:`;
  const host = ip === '' && p.hostPort === '' ? '' : `${p.hostPort}:`;
  return `${ip}${host}${p.containerPort}/${p.proto}`;
}
