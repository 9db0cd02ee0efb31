// A sandbox's published ports as the engine lists them (observe.ts keeps its "IP:PUBLIC->PRIVATE/PROTO"):
// `port` and `ps` show them, and an orphan's rules keep what the host reaches through them.
import type { Protocol } from '../manifest/model.js';

export interface PortMapping {
  containerPort: number;
  proto: Protocol;
  hostIp: string;
  hostPort: number;
  address: string; // "127.0.0.1:49155", "[::]:49155" (docker: net.JoinHostPort)
}

/** Reads the engine's "IP:PUBLIC->PRIVATE/PROTO"; the IP may itself hold colons. */
export function parsePublished(text: string): PortMapping | undefined {
  const m = /^(.*):(\d+)->(\d+)\/(\w+)$/.exec(text);
  if (!m) return undefined;
  const [, hostIp = '', hostPort, containerPort, proto] = m;
  const address = hostIp.includes(':') ? `[${hostIp}]:${hostPort}` : `${hostIp}:${hostPort}`;
  return { containerPort: Number(containerPort), proto: proto as Protocol, hostIp, hostPort: Number(hostPort), address };
}
