// The two containers of a service (DESIGN.md, "one sandbox per service"), in hitch's own terms.
import type { Service } from '../manifest/model.js';
import { sortedStrings } from './compare.js';
import { encodeParts, sandboxParts, serviceParts } from './config-parts.js';
import { childrenOf } from './family.js';
import { firewallArgs, firewallFor } from './firewall.js';
import { sandboxHash, serviceHash, withHash } from './hash.js';
import { hostnameOf, linksEnv, linksHosts, mergeEnv, portsOffered, type PlanContext } from './injected.js';
import { LABEL, type ContainerSpec, type FirewallSpec, type MountSpec, type Role } from './model.js';
import { SANDBOX_CAPS, SANDBOX_IMAGE, networkName, sandboxName } from './sandbox.js';

function hitchLabels(service: Service, ctx: PlanContext, role: Role): Record<string, string> {
  const ip = ctx.addresses.ips[service.name]!;
  return { [LABEL.project]: ctx.manifest.project, [LABEL.service]: service.name, [LABEL.role]: role, [LABEL.ip]: ip };
}

export function firewallOf(service: Service, ctx: PlanContext): FirewallSpec {
  return firewallFor(service, ctx.manifest, ctx.ruleAddresses ?? ctx.addresses, portsOffered(ctx, service));
}

/**
 * The sandbox owns the namespace: fixed IP, hosts lines, published ports and the firewall. Its hostname
 * is stable (not Docker's container-id default) so parents' hosts lines survive its recreation, and it
 * takes the service's restart policy so a daemon restart brings the namespace back.
 */
export function sandboxSpec(service: Service, ctx: PlanContext, fw: FirewallSpec = firewallOf(service, ctx)): ContainerSpec {
  const spec: ContainerSpec = {
    name: sandboxName(service.containerName),
    image: SANDBOX_IMAGE,
    role: 'sandbox',
    service: service.name,
    labels: hitchLabels(service, ctx, 'sandbox'),
    env: [],
    cmd: ['hitch-sandbox', 'run', ...firewallArgs(fw)],
    hostname: hostnameOf(service),
    tty: false,
    network: { name: networkName(ctx.manifest.project), ip: ctx.addresses.ips[service.name]! },
    extraHosts: linksHosts(service, ctx),
    // docker -P publishes the image's EXPOSE too, so the sandbox exposes everything the service offers
    exposedPorts: portsOffered(ctx, service),
    portBindings: service.ports.map((p) => ({ containerPort: p.containerPort, proto: p.proto, hostIp: p.hostIp, hostPort: p.hostPort })),
    publishAll: service.publishAll,
    capAdd: [...SANDBOX_CAPS],
    restart: service.restart,
    mounts: [],
  };
  return withHash(spec, () => ({ hash: sandboxHash(spec), parts: encodeParts(sandboxParts(spec)) }));
}

function mounts(service: Service, project: string): MountSpec[] {
  // compose: named volumes are scoped to the project as <project>_<name>
  return service.volumes.map((v) => ({
    type: v.type,
    source: v.type === 'volume' ? `${project}_${v.source}` : v.source,
    target: v.target,
    readOnly: v.readOnly,
  }));
}

function serviceLabels(service: Service, ctx: PlanContext): Record<string, string> {
  const children = childrenOf(service);
  // hitch's labels last, so a user label can never pose as one of them
  const externals = sortedStrings(new Set(service.externalLinks.map((l) => l.container)));
  return {
    ...service.labels,
    ...hitchLabels(service, ctx, 'service'),
    ...(children.length ? { [LABEL.links]: children.join(',') } : {}),
    // what `up` and `down` may later detach: nothing else on the network is hitch's to touch
    ...(externals.length ? { [LABEL.externalLinks]: externals.join(',') } : {}),
  };
}

/** The service container joins its sandbox's namespace; it carries the link env, never hosts or ports. */
export function serviceSpec(service: Service, ctx: PlanContext): ContainerSpec {
  const spec: ContainerSpec = {
    name: service.containerName,
    image: service.image,
    role: 'service',
    service: service.name,
    labels: serviceLabels(service, ctx),
    env: mergeEnv(linksEnv(service, ctx), service.environment, ctx.observed.images[service.image]?.env),
    cmd: service.command,
    entrypoint: service.entrypoint,
    user: service.user,
    workingDir: service.workingDir,
    tty: service.tty,
    sandbox: sandboxName(service.containerName),
    extraHosts: [],
    exposedPorts: service.expose, // informative: the engine must drop it (joined containers cannot expose)
    portBindings: [],
    publishAll: false,
    capAdd: [],
    restart: service.restart,
    stopSignal: service.stopSignal,
    stopTimeoutSec: service.stopGracePeriodMs === undefined ? undefined : Math.ceil(service.stopGracePeriodMs / 1000),
    healthcheck: service.healthcheck,
    mounts: mounts(service, ctx.manifest.project),
  };
  const imageId = ctx.observed.images[service.image]?.id;
  return withHash(spec, () => ({ hash: serviceHash(spec, imageId), parts: encodeParts(serviceParts(service, ctx, spec, imageId)) }));
}
