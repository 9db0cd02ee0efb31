// `port`: where a service's container port is published on the host, as `docker port` prints it.
// Ports are published on the service's sandbox, which owns the network namespace.
import type { Engine } from '../engine/engine.js';
import type { Protocol } from '../manifest/model.js';
import { runsNow, type ObservedContainer } from '../plan/observed.js';
import { parsePublished, type PortMapping } from '../plan/published.js';
import { UserError } from '../user-error.js';
import { hitchCommand } from '../plan/hitch-command.js';
import { notCreated, notCreatedError, pick, runAgainRemedy, type ProjectScope } from './lookup.js';
import { sandboxProblem } from './service-state.js';

export type { PortMapping } from '../plan/published.js';

/** 1 for an IPv6 binding: docker lists 0.0.0.0 before [::], so `$(hitch port web 80)` is an address curl takes. */
function ipv6(p: PortMapping): number {
  return p.hostIp.includes(':') ? 1 : 0;
}

/** What a sandbox publishes, by container port and protocol, each port's IPv4 binding first. */
export function publishedPorts(sandbox: ObservedContainer): PortMapping[] {
  return (sandbox.published ?? [])
    .map(parsePublished)
    .filter((p): p is PortMapping => p !== undefined)
    .sort((a, b) => a.containerPort - b.containerPort || a.proto.localeCompare(b.proto) || ipv6(a) - ipv6(b) || a.address.localeCompare(b.address));
}

/** "5000" or "5000/udp" → port and protocol; anything else is a usage error. */
export function parsePortArg(arg: string): { port: number; proto: Protocol } {
  const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(arg);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) {
    throw new UserError(`"${arg}" is not a container port`, 'use PORT or PORT/PROTO, like 5000 or 53/udp');
  }
  return { port: Number(m[1]), proto: (m[2] ?? 'tcp') as Protocol };
}

/** Every published mapping of the service, or those of one port; an unpublished port is an error. */
export async function port(engine: Engine, scope: ProjectScope, service: string, portArg?: string): Promise<PortMapping[]> {
  const found = pick(await engine.observe(scope.name, []), scope, [service])[0]!;
  const consequence = ', so no port of it is published';
  if (notCreated(found)) throw notCreatedError(scope, service, consequence);
  // ports are published on the sandbox: without it running (restarting: not yet), nothing is, whatever the service container does
  if (!found.sandbox || !runsNow(found.sandbox)) {
    const problem = sandboxProblem(found);
    const what = problem ? `the sandbox of service "${service}" (${found.sandbox?.name ?? 'its network namespace'}) is ${problem.slice('sandbox '.length)}` : `service "${service}" of project ${scope.name} is not running`;
    throw new UserError(`${what}${consequence}`, runAgainRemedy(scope, found));
  }
  const all = publishedPorts(found.sandbox);
  if (portArg === undefined) return all;
  const wanted = parsePortArg(portArg);
  const matching = all.filter((p) => p.containerPort === wanted.port && p.proto === wanted.proto);
  if (matching.length === 0) {
    const published = [...new Set(all.map((p) => `${p.containerPort}/${p.proto}`))];
    throw new UserError(
      `no public port ${wanted.port}/${wanted.proto} published for service "${service}"`,
      published.length > 0
        ? `published ports of ${service}: ${published.join(', ')}`
        : `publish it with ports: ["127.0.0.1::${wanted.port}${wanted.proto === 'tcp' ? '' : `/${wanted.proto}`}"] in the manifest, then run \`${hitchCommand(scope, 'up')}\``,
    );
  }
  return matching;
}
