// External links (`external_links`): containers hitch does not manage. The one change hitch makes to
// such a container is an endpoint on the project's network at a fixed address, so the link env and the
// hosts line its parents get stay true. Each parent's container records the externals attached for it
// (LABEL.externalLinks), so `down` detaches exactly those without needing a manifest, and `up` detaches
// one once no service links it. Anything else on the project's network is not hitch's: never touched.
// Neither ever stops, removes or relabels an external.
import type { ExternalLinkSpec, Manifest } from '../manifest/model.js';
import { UserError } from '../user-error.js';
import { sortedStrings } from './compare.js';
import type { HostsInput } from './hosts.js';
import type { Action } from './model.js';
import type { ObservedExternal, ObservedState } from './observed.js';
import { networkName } from './sandbox.js';

/** Every container the manifest (or the services `of` names) links from outside, by name. */
export function externalNames(manifest: Manifest, of?: ReadonlySet<string>): string[] {
  const services = Object.values(manifest.services).filter((s) => !of || of.has(s.name));
  return sortedStrings(new Set(services.flatMap((s) => s.externalLinks.map((l) => l.container))));
}

export function observedExternal(observed: ObservedState, name: string): ObservedExternal | undefined {
  return observed.externals.find((e) => e.name === name);
}

/** The network modes whose containers the engine refuses to connect to any other network. */
function sharesNoNetwork(mode: string | undefined): boolean {
  return mode === 'host' || mode === 'none' || Boolean(mode?.startsWith('container:'));
}

/**
 * docker refuses a link to a missing or stopped container, and the engine refuses to attach one whose
 * network is the host's, none, or another container's; hitch says so before it creates anything.
 */
export function checkExternals(manifest: Manifest, observed: ObservedState, services: ReadonlySet<string> = new Set(Object.keys(manifest.services))): UserError | undefined {
  const problems: string[] = [];
  const remedies = new Set<string>();
  for (const s of Object.values(manifest.services).filter((s) => services.has(s.name))) {
    for (const l of s.externalLinks) {
      const c = observedExternal(observed, l.container);
      if (!c) {
        const entry = l.alias === l.container ? l.container : `${l.container}:${l.alias}`;
        problems.push(`no container named ${l.container}: service "${s.name}" links it as "${l.alias}" (external_links)`);
        remedies.add(`create and start ${l.container} first, or remove "${entry}" from the external_links of ${s.name}`);
      } else if (!c.running) {
        problems.push(`Cannot link to a non running container: /${c.name} AS /${s.containerName}/${l.alias}`); // docker's words
        remedies.add(`start it first: docker start ${c.name}`);
      } else if (sharesNoNetwork(c.networkMode)) {
        problems.push(`container ${c.name} runs with network mode "${c.networkMode}", which the engine cannot attach to another network: service "${s.name}" cannot link it as "${l.alias}" (external_links)`);
        remedies.add(
          c.networkMode!.startsWith('container:')
            ? `link the container whose network ${c.name} shares instead (its id is in that network mode)`
            : `recreate ${c.name} on a network of its own (docker's default bridge will do)`,
        );
      }
    }
  }
  return problems.length ? new UserError(problems.join('\n'), [...remedies].join('; ')) : undefined;
}

/** What an external link gives its parent (spec/links.md §2–3), from the container's own inspect. */
export function externalLinkInput(l: ExternalLinkSpec, observed: ObservedState, ips: Record<string, string>): HostsInput & Pick<ObservedExternal, 'env' | 'exposedPorts'> {
  const c = observedExternal(observed, l.container);
  if (!c) throw new Error(`internal: external container ${l.container} reached the planner unobserved`);
  return { alias: l.alias, hostname: c.hostname, containerName: c.name, ip: ips[c.name]!, env: c.env, exposedPorts: c.exposedPorts };
}

/** The externals hitch attached, as the project's service containers (of the services `of` takes) record them. */
function recorded(observed: ObservedState, of: (service: string) => boolean = () => true): Set<string> {
  return new Set(observed.containers.flatMap((c) => (of(c.service) ? (c.externalLinks ?? []) : [])));
}

function detach(e: ObservedExternal, network: string, cause: string): Action {
  return { id: `disconnect:${e.name}`, kind: 'disconnect-external', cause, waitsFor: [], network, container: e.name };
}

/**
 * `up`: attach each linked external that is not attached yet; detach each attached one no service links
 * any more. With `up SERVICE…`, only the externals the selected services link are attached, and one is
 * detached only if no service outside the selection was made with it: that one still uses it.
 */
export function externalActions(manifest: Manifest, observed: ObservedState, ips: Record<string, string>, networkAction?: string, selected?: ReadonlySet<string>): Action[] {
  const network = networkName(manifest.project);
  const wanted = externalNames(manifest);
  const ours = recorded(observed);
  const inUse = recorded(observed, (service) => selected !== undefined && !selected.has(service) && Object.hasOwn(manifest.services, service));
  const detached = observed.externals
    .filter((e) => e.attached && ours.has(e.name) && !wanted.includes(e.name) && !inUse.has(e.name))
    .map((e) => detach(e, network, 'no longer linked'));
  const linked = selected ? externalNames(manifest, selected) : wanted;
  const attached = linked
    .filter((name) => !observedExternal(observed, name)?.attached)
    .map((name): Action => ({ id: `connect:${name}`, kind: 'connect-external', cause: 'not attached', waitsFor: networkAction ? [networkAction] : [], network, container: name, ip: ips[name]! }));
  return [...detached, ...attached];
}

/** `down`: every external hitch attached to the project's network, before the network goes. */
export function externalDetachments(observed: ObservedState): Action[] {
  const network = observed.network?.name;
  const ours = recorded(observed);
  return network ? observed.externals.filter((e) => e.attached && ours.has(e.name)).map((e) => detach(e, network, 'down')) : [];
}
