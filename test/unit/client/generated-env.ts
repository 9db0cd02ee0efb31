// Shared by the client tests: the env a parent gets from hitch's own linkEnv, and port specs to feed it.
import type { Env } from '../../../src/client/index.js';
import type { Dialect, PortSpec } from '../../../src/manifest/model.js';
import { linkEnv } from '../../../src/plan/link-env.js';

/** The env a parent gets from hitch's own link env, as `KEY=VALUE` lines become process.env. */
function envOf(lines: string[]): Env {
  return Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

export function generated(alias: string, ports: PortSpec[], dialect: Dialect, env: string[] = []): Env {
  return envOf(linkEnv({ alias, parentName: 'web', ip: '10.213.0.2', ports, env, dialect }));
}

export const tcp = (port: number): PortSpec => ({ port, proto: 'tcp' });
export const udp = (port: number): PortSpec => ({ port, proto: 'udp' });
