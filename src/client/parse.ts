// Reads Docker's link variables (spec/links.md §2) back into values. Both dialects name every port the
// same way and differ only in the default port and range variables, which are read as given or skipped.
// This folder imports nothing from the rest of hitch: it runs inside the user's containers.

export type Env = Readonly<Record<string, string | undefined>>;

export interface LinkPort {
  port: number;
  proto: string; // tcp, udp, sctp
  host: string;
  url: string; // "tcp://10.213.0.2:5432"
}

export interface Link {
  alias: string; // as declared, e.g. "db" or "my-db"
  name: string; // <ALIAS>_NAME: "/web/db", the parent's container name and the alias
  proto: string; // the default port (<ALIAS>_PORT): the lowest tcp port, or in classic the lowest port
  host: string;
  port: number;
  url: string;
  ports: LinkPort[]; // every port the linked service exposes, by number then protocol
  env: Record<string, string>; // the linked service's environment (<ALIAS>_ENV_<KEY>), keys as they were
}

/** docker: upper-case, and only `-` becomes `_`. */
export function envAlias(alias: string): string {
  return alias.toUpperCase().replaceAll('-', '_');
}

/** "tcp://10.0.0.2:5432" → its parts; undefined when it is not such a URL. */
export function parseUrl(url: string): LinkPort | undefined {
  const m = /^([a-z]+):\/\/(.+):(\d+)$/.exec(url);
  return m ? { proto: m[1]!, host: m[2]!, port: Number(m[3]), url } : undefined;
}

export function portsOf(a: string, env: Env): LinkPort[] {
  const key = new RegExp(`^${a}_PORT_(\\d+)_([A-Z]+)$`);
  return Object.entries(env)
    .filter(([k, v]) => key.test(k) && v !== undefined)
    .map(([, v]) => parseUrl(v!))
    .filter((p): p is LinkPort => p !== undefined)
    .sort((x, y) => x.port - y.port || (x.proto < y.proto ? -1 : x.proto > y.proto ? 1 : 0));
}

export function sharedEnvOf(a: string, env: Env): Record<string, string> {
  const prefix = `${a}_ENV_`;
  const entries = Object.entries(env).filter(([k, v]) => k.startsWith(prefix) && v !== undefined);
  return Object.fromEntries(entries.sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => [k.slice(prefix.length), v!]));
}

/** Every alias whose <ALIAS>_NAME holds a link name ("/parent/alias") that matches it. */
export function aliasesIn(env: Env): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    const m = /^\/[^/]+\/([^/]+)$/.exec(value ?? '');
    if (key.endsWith('_NAME') && m && `${envAlias(m[1]!)}_NAME` === key) found.push(m[1]!);
  }
  return found.sort();
}
