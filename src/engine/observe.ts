// Reads the engine's state into hitch's ObservedState: only the project's own resources (by label),
// plus the images the manifest names and the subnets other networks already use.
import type Docker from 'dockerode';
import type { PortSpec, Protocol } from '../manifest/model.js';
import { LABEL, type Role } from '../plan/model.js';
import type { ObservedContainer, ObservedExternal, ObservedImage, ObservedNetwork, ObservedState, UsedSubnet } from '../plan/observed.js';
import { networkName } from '../plan/sandbox.js';
import type { ObserveOptions } from './engine.js';
import { unlessNotFound } from './engine-errors.js';
import { addRuntimeDetails, addStartTimes } from './observe-runtime.js';

function parsePortKey(key: string): PortSpec {
  const [port, proto = 'tcp'] = key.split('/');
  return { port: Number(port), proto: proto as Protocol };
}

/** A HEALTHCHECK the engine runs: a test, and not `NONE` (`HEALTHCHECK NONE` turns off a base image's). */
function hasHealthcheck(test: string[] | undefined): boolean {
  return test !== undefined && test.length > 0 && test[0] !== 'NONE';
}

async function inspectImage(docker: Docker, ref: string): Promise<ObservedImage | undefined> {
  const info = await unlessNotFound(docker.getImage(ref).inspect());
  if (!info) return undefined;
  return {
    ref,
    id: info.Id,
    env: info.Config?.Env ?? [],
    exposedPorts: Object.keys(info.Config?.ExposedPorts ?? {}).map(parsePortKey),
    ...(hasHealthcheck(info.Config?.Healthcheck?.Test) ? { healthcheck: true as const } : {}),
  };
}

/** The fixed address survives a stop in IPAMConfig; IPAddress is empty while stopped. */
type Endpoint = Docker.NetworkInfo & { IPAMConfig?: { IPv4Address?: string } | null };

function toObservedContainer(info: Docker.ContainerInfo, network: string): ObservedContainer {
  const endpoint = info.NetworkSettings?.Networks?.[network] as Endpoint | undefined;
  const links = info.Labels[LABEL.links];
  const externals = info.Labels[LABEL.externalLinks];
  const role = (info.Labels[LABEL.role] ?? 'service') as Role;
  const joins = /^container:(.+)$/.exec(info.HostConfig?.NetworkMode ?? '')?.[1];
  return {
    id: info.Id,
    name: (info.Names[0] ?? '').replace(/^\//, ''),
    service: info.Labels[LABEL.service] ?? '',
    role,
    configHash: info.Labels[LABEL.configHash] ?? '',
    configParts: info.Labels[LABEL.configParts],
    // the list's State is one word; the engine counts a paused and a restarting container as running
    running: info.State === 'running' || info.State === 'paused' || info.State === 'restarting',
    ...(info.State === 'paused' ? { paused: true as const } : {}),
    ...(info.State === 'restarting' ? { restarting: true as const } : {}),
    ...(role === 'sandbox' && !endpoint ? { detached: true } : {}),
    ...(joins ? { joins } : {}),
    ip: endpoint?.IPAMConfig?.IPv4Address || endpoint?.IPAddress || info.Labels[LABEL.ip] || undefined,
    links: links ? links.split(',') : [],
    ...(externals ? { externalLinks: externals.split(',') } : {}),
    status: info.Status,
    image: info.Image,
    published: (info.Ports ?? [])
      .filter((p) => p.PublicPort)
      .map((p) => `${p.IP}:${p.PublicPort}->${p.PrivatePort}/${p.Type}`)
      .sort(),
  };
}

function subnetsOf(net: Docker.NetworkInspectInfo): UsedSubnet[] {
  return (net.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [{ subnet: c.Subnet, network: net.Name }] : []));
}

function toObservedNetwork(net: Docker.NetworkInspectInfo): ObservedNetwork {
  const config = net.IPAM?.Config?.[0];
  return { id: net.Id, name: net.Name, subnet: config?.Subnet ?? '', gateway: config?.Gateway ?? '' };
}

/** A container hitch does not manage, by its exact name (the engine also resolves id prefixes: not those). */
async function inspectExternal(docker: Docker, name: string, network: string): Promise<ObservedExternal | undefined> {
  const info = await unlessNotFound(docker.getContainer(name).inspect());
  if (info?.Name !== `/${name}`) return undefined;
  const endpoint = info.NetworkSettings.Networks[network] as Endpoint | undefined;
  const exposedPorts = Object.keys(info.Config.ExposedPorts ?? {}).map(parsePortKey);
  const ip = endpoint?.IPAMConfig?.IPv4Address || endpoint?.IPAddress || undefined;
  return {
    id: info.Id, name, image: info.Config.Image, running: info.State.Running, ...(info.State.Paused ? { paused: true as const } : {}),
    ...(info.State.Restarting ? { restarting: true as const } : {}),
    networkMode: info.HostConfig.NetworkMode,
    env: info.Config.Env ?? [], exposedPorts, hostname: info.Config.Hostname, attached: endpoint !== undefined, ip,
  };
}

/** The externals the manifest names, and every container on the project's network that is not the project's (hitch attached it). */
async function observeExternals(docker: Docker, project: string, network: string | undefined, names: string[]): Promise<ObservedExternal[]> {
  const attached = network ? await docker.listContainers({ all: true, filters: { network: [network] } }) : [];
  const foreign = attached.filter((c) => c.Labels[LABEL.project] !== project).map((c) => (c.Names[0] ?? '').replace(/^\//, ''));
  const all = [...new Set([...names, ...foreign])].sort();
  const found = await Promise.all(all.map((n) => inspectExternal(docker, n, networkName(project))));
  return found.filter((e): e is ObservedExternal => e !== undefined);
}

function names(volumes: Array<{ Name: string }>): string[] {
  return volumes.map((v) => v.Name).sort();
}

export async function observe(docker: Docker, project: string, imageRefs: string[], opts: ObserveOptions = {}): Promise<ObservedState> {
  const byProject = { label: [`${LABEL.project}=${project}`] };
  const [containers, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true, filters: byProject }),
    docker.listNetworks(),
    docker.listVolumes(),
    Promise.all([...new Set(imageRefs)].map((ref) => inspectImage(docker, ref))),
  ]);
  const projectVolumes = (volumes.Volumes ?? []).filter((v) => v.Labels?.[LABEL.project] === project);
  const netName = networkName(project);
  const own = networks.find((n) => n.Name === netName && n.Labels?.[LABEL.project] === project);
  const observed = containers.map((c) => toObservedContainer(c, netName));
  const [externals] = await Promise.all([
    observeExternals(docker, project, own?.Name, opts.externals ?? []),
    opts.runtime ? addRuntimeDetails(docker, observed) : opts.startTimes ? addStartTimes(docker, observed) : undefined,
  ]);
  return {
    network: own ? toObservedNetwork(own) : undefined,
    containers: observed,
    images: Object.fromEntries(images.filter((i): i is ObservedImage => i !== undefined).map((i) => [i.ref, i])),
    usedSubnets: networks.filter((n) => n !== own).flatMap(subnetsOf),
    volumes: names(projectVolumes),
    foreignVolumes: names((volumes.Volumes ?? []).filter((v) => !projectVolumes.includes(v))),
    externals,
  };
}
