// Reads the engine's state into hitch's ObservedState: only the project's own resources (by label),
// plus the images the manifest names and the subnets other networks already use.
import type Docker from 'dockerode';
import type { PortSpec, Protocol } from '../manifest/model.js';
import { LABEL, type ObservedContainer, type ObservedImage, type ObservedNetwork, type ObservedState, type Role } from '../plan/model.js';
import { networkName } from '../plan/sandbox.js';
import { isNotFound } from './engine-errors.js';
import { execText } from './exec.js';

const RULES_FILE = '/var/lib/hitch/rules'; // written by `hitch-sandbox apply` (images/sandbox)

function parsePortKey(key: string): PortSpec {
  const [port, proto = 'tcp'] = key.split('/');
  return { port: Number(port), proto: proto as Protocol };
}

async function inspectImage(docker: Docker, ref: string): Promise<ObservedImage | undefined> {
  try {
    const info = await docker.getImage(ref).inspect();
    return {
      ref,
      id: info.Id,
      env: info.Config?.Env ?? [],
      exposedPorts: Object.keys(info.Config?.ExposedPorts ?? {}).map(parsePortKey),
    };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

function toObservedContainer(info: Docker.ContainerInfo, network: string): ObservedContainer {
  const endpoint = info.NetworkSettings?.Networks?.[network] as
    | (Docker.NetworkInfo & { IPAMConfig?: { IPv4Address?: string } | null })
    | undefined;
  const links = info.Labels[LABEL.links];
  return {
    id: info.Id,
    name: (info.Names[0] ?? '').replace(/^\//, ''),
    service: info.Labels[LABEL.service] ?? '',
    role: (info.Labels[LABEL.role] ?? 'service') as Role,
    configHash: info.Labels[LABEL.configHash] ?? '',
    configParts: info.Labels[LABEL.configParts],
    running: info.State === 'running',
    // The fixed address survives a stop in IPAMConfig; IPAddress is empty while stopped.
    ip: endpoint?.IPAMConfig?.IPv4Address || endpoint?.IPAddress || info.Labels[LABEL.ip] || undefined,
    links: links ? links.split(',') : [],
    status: info.Status,
    published: (info.Ports ?? [])
      .filter((p) => p.PublicPort)
      .map((p) => `${p.IP}:${p.PublicPort}->${p.PrivatePort}/${p.Type}`)
      .sort(),
  };
}

function subnetsOf(net: Docker.NetworkInspectInfo): string[] {
  return (net.IPAM?.Config ?? []).map((c) => c.Subnet).filter((s): s is string => Boolean(s));
}

function toObservedNetwork(net: Docker.NetworkInspectInfo): ObservedNetwork {
  const config = net.IPAM?.Config?.[0];
  return { id: net.Id, name: net.Name, subnet: config?.Subnet ?? '', gateway: config?.Gateway ?? '' };
}

/** The rules a running sandbox enforces: its rules file (written by `apply`), else its `run` arguments. */
async function firewallArgs(docker: Docker, c: ObservedContainer): Promise<string[] | undefined> {
  if (c.role !== 'sandbox' || !c.running) return undefined;
  const container = docker.getContainer(c.id);
  const rules = await execText(docker, c.id, ['cat', RULES_FILE]);
  if (rules !== undefined) return rules.split('\n').filter(Boolean);
  const cmd = (await container.inspect()).Config.Cmd ?? [];
  return cmd.slice(cmd.indexOf('run') + 1);
}

export async function observe(docker: Docker, project: string, imageRefs: string[]): Promise<ObservedState> {
  const byProject = { label: [`${LABEL.project}=${project}`] };
  const [containers, networks, volumes, images] = await Promise.all([
    docker.listContainers({ all: true, filters: byProject }),
    docker.listNetworks(),
    docker.listVolumes({ filters: byProject }),
    Promise.all([...new Set(imageRefs)].map((ref) => inspectImage(docker, ref))),
  ]);
  const netName = networkName(project);
  const own = networks.find((n) => n.Name === netName && n.Labels?.[LABEL.project] === project);
  const observed = containers.map((c) => toObservedContainer(c, netName));
  await Promise.all(observed.map(async (c) => (c.firewallArgs = await firewallArgs(docker, c))));
  return {
    network: own ? toObservedNetwork(own) : undefined,
    containers: observed,
    images: Object.fromEntries(images.filter((i): i is ObservedImage => i !== undefined).map((i) => [i.ref, i])),
    usedSubnets: networks.filter((n) => n !== own).flatMap(subnetsOf),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(),
  };
}
