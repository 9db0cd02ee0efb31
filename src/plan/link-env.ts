// The environment a link injects into its parent (spec/links.md §2), in both dialects.
// Reproduces moby daemon/links/links.go: `modern` = Docker 28, `classic` = Docker 1.13 to 27 (20.10 is the oracle).
import { keyValue } from '../manifest/environment.js';
import type { Dialect, PortSpec } from '../manifest/model.js';

export interface LinkEnvInput {
  alias: string;
  parentName: string; // the parent's container name, without the leading '/'
  ip: string; // the child's address as the parent reaches it
  ports: PortSpec[]; // every port the child offers to links
  env: string[]; // the child's image ENV, then its own env, "KEY=VALUE"
  dialect: Dialect;
  shareEnv?: string[]; // undefined = every key (Docker's way)
}

export function linkEnv(input: LinkEnvInput): string[] {
  const a = envAlias(input.alias);
  const ports = dedupePorts(input.ports);
  const portVars = input.dialect === 'classic' ? classicPortVars(a, input.ip, ports) : modernPortVars(a, input.ip, ports);
  // docker: `<ALIAS>_NAME=/<parent>/<alias>` comes after the ports, then the child's env
  return [...portVars, `${a}_NAME=/${input.parentName}/${input.alias}`, ...sharedEnv(a, input.env, input.shareEnv)];
}

/** docker: upper-case, and only `-` becomes `_` (path.Split + ToUpper + ReplaceAll). */
export function envAlias(alias: string): string {
  return alias.toUpperCase().replaceAll('-', '_');
}

function url(p: PortSpec, ip: string): string {
  return `${p.proto}://${ip}:${p.port}`;
}

function prefix(a: string, port: number, proto: string): string {
  return `${a}_PORT_${port}_${proto.toUpperCase()}`;
}

/** The four variables every port gets, in both dialects. */
function perPort(a: string, ip: string, p: PortSpec): string[] {
  const x = prefix(a, p.port, p.proto);
  return [`${x}=${url(p, ip)}`, `${x}_ADDR=${ip}`, `${x}_PORT=${p.port}`, `${x}_PROTO=${p.proto}`];
}

// docker 28 (withTCPPriority): tcp first, then other protocols by name, each by number.
function modernOrder(x: PortSpec, y: PortSpec): number {
  if (x.proto === y.proto) return x.port - y.port;
  if (x.proto === 'tcp') return -1;
  if (y.proto === 'tcp') return 1;
  return x.proto < y.proto ? -1 : 1;
}

// docker 28: the default port is the first after sorting; a range is 2+ consecutive numbers of one
// protocol, and its variables come after those of the first port that breaks it (or of the last port).
function modernPortVars(a: string, ip: string, ports: PortSpec[]): string[] {
  const sorted = [...ports].sort(modernOrder);
  if (sorted.length === 0) return [];
  const env = [`${a}_PORT=${url(sorted[0]!, ip)}`];
  let start = sorted[0]!;
  let end = start;
  sorted.forEach((p, i) => {
    env.push(...perPort(a, ip, p));
    const inRun = p.proto === end.proto && p.port === end.port + 1;
    if (inRun) end = p;
    if (inRun && i < sorted.length - 1) return;
    if (end !== start) env.push(...rangeVars(a, ip, start, end));
    start = end = p;
  });
  return env;
}

function rangeVars(a: string, ip: string, s: PortSpec, e: PortSpec): string[] {
  const x = prefix(a, s.port, s.proto);
  return [`${x}_START=${url(s, ip)}`, `${x}_PORT_START=${s.port}`, `${x}_END=${url(e, ip)}`, `${x}_PORT_END=${e.port}`];
}

// docker ≤27 (nat.Sort): by number, tcp first on equal numbers; other protocols by name (upstream: random).
function classicOrder(x: PortSpec, y: PortSpec): number {
  if (x.port !== y.port) return x.port - y.port;
  if (x.proto === 'tcp' || y.proto === 'tcp') return x.proto === 'tcp' ? -1 : 1;
  return x.proto < y.proto ? -1 : 1;
}

// docker ≤27: default port first, then ranges of 3+ entries, then the four variables of every port.
function classicPortVars(a: string, ip: string, ports: PortSpec[]): string[] {
  const sorted = [...ports].sort(classicOrder);
  if (sorted.length === 0) return [];
  const env = [`${a}_PORT=${url(sorted[0]!, ip)}`];
  for (let i = 0; i < sorted.length; ) {
    const j = classicRangeEnd(sorted, i);
    if (j > i + 1) env.push(...classicRange(a, ip, sorted[i]!, sorted[j]!));
    i = j > i + 1 ? j + 1 : i + 1;
  }
  for (const p of sorted) env.push(...perPort(a, ip, p));
  return env;
}

// docker ≤27 nextContiguous: counts entries, not numbers, and ignores the protocol, so with
// 53/tcp 53/udp 55/tcp the duplicate 53 lets 55 join the run. Reproduced on purpose.
function classicRangeEnd(sorted: PortSpec[], i: number): number {
  let value = sorted[i]!.port;
  for (let k = i + 1; k < sorted.length; k++) {
    if (sorted[k]!.port > value + 1) return k - 1;
    value++;
  }
  return sorted.length - 1;
}

// docker ≤27: START, a second ADDR and PROTO, PORT_START, then END/PORT_END named with the end port's protocol.
function classicRange(a: string, ip: string, s: PortSpec, e: PortSpec): string[] {
  const x = prefix(a, s.port, s.proto);
  const xe = prefix(a, s.port, e.proto);
  return [
    `${x}_START=${url(s, ip)}`,
    `${x}_ADDR=${ip}`,
    `${x}_PROTO=${s.proto}`,
    `${x}_PORT_START=${s.port}`,
    `${xe}_END=${url(e, ip)}`,
    `${xe}_PORT_END=${e.port}`,
  ];
}

function dedupePorts(ports: PortSpec[]): PortSpec[] {
  const seen = new Map(ports.map((p) => [`${p.port}/${p.proto}`, p]));
  return [...seen.values()];
}

// docker: split on the first '=', skip entries without one, skip HOME and PATH (set by builds).
// hitch: a key given twice keeps its first position and takes the later value (own env over image ENV).
/** The child's variables its parents see as <ALIAS>_ENV_*, as [key, value] pairs. */
export function sharedVars(env: string[], shareEnv?: string[]): Array<[string, string]> {
  const vars = new Map<string, string>();
  for (const entry of env) {
    const [key, value] = keyValue(entry);
    if (value === undefined || key === 'HOME' || key === 'PATH') continue;
    if (shareEnv && !shareEnv.includes(key)) continue;
    vars.set(key, value);
  }
  return [...vars];
}

function sharedEnv(a: string, env: string[], shareEnv?: string[]): string[] {
  return sharedVars(env, shareEnv).map(([k, v]) => `${a}_ENV_${k}=${v}`);
}
