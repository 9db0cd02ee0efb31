// What a parent receives from its links: env variables (spec/links.md §2) and hosts lines (§3).
import { keyValue } from '../manifest/environment.js';
import type { Manifest, PortSpec, Service } from '../manifest/model.js';
import type { Addressing } from './addressing.js';
import { compareStrings } from './compare.js';
import { externalLinkInput } from './externals.js';
import { hostsEntries, type HostsInput } from './hosts.js';
import { linkEnv } from './link-env.js';
import type { ObservedState } from './observed.js';
import { offeredEnv, offeredPorts } from './offers.js';
import { perPlan } from './per-plan.js';

/** Everything the planner knows when it builds a container; one per reconcile. */
export interface PlanContext {
  manifest: Manifest;
  observed: ObservedState;
  addresses: Addressing;
  /** The parents' addresses a child's rules let in, when not all of `addresses` (`up SERVICE…`: admittedAddresses). */
  ruleAddresses?: Addressing;
}

/** hitch: the child's hostname is its own setting or its service name, stable across recreation. */
export function hostnameOf(service: Service): string {
  return service.hostname ?? service.name;
}

function child(ctx: PlanContext, target: string): Service {
  const s = ctx.manifest.services[target];
  if (!s) throw new Error(`internal: link to unknown service ${target} reached the planner`);
  return s;
}

/** offeredPorts, once per plan and service. */
export function portsOffered(ctx: PlanContext, service: Service): PortSpec[] {
  return perPlan(ctx, 'ports', service.name, () => offeredPorts(service, ctx.observed));
}

/** offeredEnv, once per plan and service. */
export function envOffered(ctx: PlanContext, service: Service): string[] {
  return perPlan(ctx, 'env', service.name, () => offeredEnv(service, ctx.observed));
}

/** One link of either kind, with everything the parent gets from it. */
interface ResolvedLink extends HostsInput {
  ports: PortSpec[];
  env: string[];
  shareEnv?: string[];
}

/** Links to services and external links alike, by alias (unique across both, src/manifest checks). */
function resolvedLinks(parent: Service, ctx: PlanContext): ResolvedLink[] {
  return perPlan(ctx, 'links', parent.name, () => resolveLinks(parent, ctx));
}

function resolveLinks(parent: Service, ctx: PlanContext): ResolvedLink[] {
  const services = parent.links.map((l): ResolvedLink => {
    const c = child(ctx, l.target);
    const ip = ctx.addresses.ips[c.name]!;
    return { alias: l.alias, hostname: hostnameOf(c), containerName: c.containerName, ip, ports: portsOffered(ctx, c), env: envOffered(ctx, c), shareEnv: c.shareEnv };
  });
  const externals = parent.externalLinks.map((l): ResolvedLink => {
    const { exposedPorts, ...rest } = externalLinkInput(l, ctx.observed, ctx.addresses.externals);
    return { ...rest, ports: exposedPorts };
  });
  return [...services, ...externals].sort((x, y) => compareStrings(x.alias, y.alias));
}

/** The link env of every link, by alias, each in Docker's emission order. */
export function linksEnv(parent: Service, ctx: PlanContext): string[] {
  return resolvedLinks(parent, ctx).flatMap((l) =>
    linkEnv({ alias: l.alias, parentName: parent.containerName, ip: l.ip, ports: l.ports, env: l.env, dialect: ctx.manifest.linkEnv, shareEnv: l.shareEnv }),
  );
}

export function linksHosts(parent: Service, ctx: PlanContext): string[] {
  return hostsEntries(resolvedLinks(parent, ctx));
}

/**
 * docker: the parent's configured env wins over a link variable with the same key, and that env is its
 * own plus its image's ENV (the engine merges the image's into Config.Env at create; link variables go
 * under it at start). hitch hands link variables to the engine in Config.Env, where the engine's merge
 * would let them shadow the image's: so a link variable the image sets is left out, and the engine adds
 * the image's value. A key the links give twice (classic's second _ADDR/_PROTO of a range) appears
 * once, as in the process env of Docker 20.10. Sorted by key, so the list does not depend on emission
 * order.
 */
export function mergeEnv(fromLinks: string[], own: Record<string, string>, imageEnv: string[] = []): string[] {
  const imageKeys = new Set(imageEnv.map((e) => keyValue(e)[0]));
  const vars = new Map<string, string>();
  for (const e of fromLinks) {
    const [key] = keyValue(e);
    if (!vars.has(key) && !imageKeys.has(key)) vars.set(key, e);
  }
  for (const [k, v] of Object.entries(own)) vars.set(k, `${k}=${v}`);
  return [...vars.keys()].sort(compareStrings).map((k) => vars.get(k)!);
}
