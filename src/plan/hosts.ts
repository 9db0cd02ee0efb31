// The /etc/hosts line a link gives its parent (spec/links.md §3), as a Docker ExtraHosts entry.
// The sandbox carries these, so the service container sharing its namespace sees them.
import { compareStrings } from './compare.js';

export interface HostsInput {
  alias: string;
  hostname: string; // the child's hostname (hitch: service.hostname ?? service name, stable across recreation)
  containerName: string; // the child's container name, without the leading '/'
  ip: string;
}

/**
 * docker (buildSandboxOptions): `<alias> <child hostname> <child name>`, the name left out when it
 * equals the alias; hitch also drops any other repeat. ExtraHosts form is "<names>:<ip>", which the
 * engine writes to /etc/hosts as `<ip>\t<names>`.
 */
export function hostsEntry(input: HostsInput): string {
  const names = [...new Set([input.alias, input.hostname, input.containerName])];
  return `${names.join(' ')}:${input.ip}`;
}

/** One entry per link, ordered by alias (upstream order is a random Go map). */
export function hostsEntries(links: HostsInput[]): string[] {
  return [...links].sort((x, y) => compareStrings(x.alias, y.alias)).map(hostsEntry);
}
