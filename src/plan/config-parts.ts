// What changed, not only whether: each container carries one short hash per part of its config
// (LABEL.configParts) beside the hash of the whole (LABEL.configHash). The whole hash alone decides
// "recreate or not"; the parts only explain it, so a container made before parts existed, or a change no
// part names, still recreates correctly and says just "config changed". Labels cannot be updated after
// create, which is fine: a container whose config changed is recreated with fresh labels.
import type { Dialect, PortSpec, Service } from '../manifest/model.js';
import { compareStrings, sortedStrings } from './compare.js';
import { externalLinkInput } from './externals.js';
import { digest } from './hash.js';
import { envOffered, mergeEnv, portsOffered, type PlanContext } from './injected.js';
import { linkEnv, sharedVars } from './link-env.js';
import { LABEL, type ContainerSpec } from './model.js';
import { perPlan } from './per-plan.js';

export type Parts = Record<string, string>;

const PART_DIGEST_CHARS = 8; // enough to tell two versions of one part apart; not an identity

function short(value: unknown): string {
  return digest(value).slice(0, PART_DIGEST_CHARS);
}

// hitch's own labels are the same on every container of a service, or told under another part (links, address)
const HITCH_LABELS = new Set<string>(Object.values(LABEL));

/**
 * What the manifest sets on a container beside its image, command, env, ports and links, each under the
 * manifest's word for it, so a cause says `config changed: volumes, healthcheck` rather than only that
 * something did. What no part names (the role, the sandbox's capabilities and command) is the same for
 * every container of a service until a new version of hitch changes it; then the cause is "config changed".
 */
function settingsParts(spec: ContainerSpec): Parts {
  return {
    container_name: short({ name: spec.name, sandbox: spec.sandbox }),
    healthcheck: short({ healthcheck: spec.healthcheck }),
    labels: short(Object.fromEntries(Object.entries(spec.labels).filter(([k]) => !HITCH_LABELS.has(k)))),
    restart: short({ restart: spec.restart }),
    stop_grace_period: short({ stopTimeoutSec: spec.stopTimeoutSec }),
    stop_signal: short({ stopSignal: spec.stopSignal }),
    tty: short(spec.tty),
    user: short({ user: spec.user }),
    volumes: short(spec.mounts),
    working_dir: short({ workingDir: spec.workingDir }),
  };
}

/**
 * A service container: its own image, command, environment, ports, address and settings, which children it
 * links to, and for each child (or external container) what its link injects (shared env, exposed ports,
 * address, and the variables its ports make in the manifest's link_env): the parts a parent is recreated
 * for. Parts are not hashed (hash.ts leaves their label out): one added here names a cause, never
 * recreates anything.
 */
export function serviceParts(service: Service, ctx: PlanContext, spec: ContainerSpec, imageId: string | undefined): Parts {
  const parts: Parts = {
    image: short({ image: spec.image, imageId }),
    command: short({ cmd: spec.cmd, entrypoint: spec.entrypoint }),
    environment: short(service.environment),
    ports: short(spec.exposedPorts),
    // an external is written `/name` (docker's form of a container name), never taken for a service
    links: short([...service.links.map((l) => `${l.alias}:${l.target}`), ...service.externalLinks.map((l) => `${l.alias}:/${l.container}`)]),
    address: short({ ip: spec.labels[LABEL.ip] }),
    ...settingsParts(spec),
  };
  for (const target of sortedStrings(new Set(service.links.map((l) => l.target)))) {
    for (const [what, part] of Object.entries(childParts(ctx, ctx.manifest.services[target]!))) parts[`${what}@${target}`] = part;
  }
  for (const l of service.externalLinks) {
    const { env, exposedPorts, ip } = externalLinkInput(l, ctx.observed, ctx.addresses.externals);
    parts[`external@${l.container}`] = short({ env, exposedPorts });
    parts[`external-address@${l.container}`] = short({ ip });
    parts[`external-link_env@${l.container}`] = portVars(exposedPorts, ctx.manifest.linkEnv);
  }
  return parts;
}

/** What a child's link injects in its parents, the same for each of them. */
function childParts(ctx: PlanContext, child: Service): Parts {
  return perPlan(ctx, 'parts', child.name, () => {
    const ports = portsOffered(ctx, child);
    return {
      env: short(sharedVars(envOffered(ctx, child), child.shareEnv)),
      ports: short(ports),
      address: short({ ip: ctx.addresses.ips[child.name] }),
      link_env: portVars(ports, ctx.manifest.linkEnv),
    };
  });
}

/**
 * The variables a child's ports make, as its parents' env holds them (merged, by key), wherever the child
 * is and whatever its alias: they change with its ports, and with `link_env` only where the dialects
 * differ for these ports (a range, ports of two protocols); a single port reads the same in both.
 */
function portVars(ports: PortSpec[], dialect: Dialect): string {
  return short(mergeEnv(linkEnv({ alias: 'a', parentName: 'p', ip: '', ports, env: [], dialect }), {}));
}

/** A sandbox: its rules are left out, as in its hash (they are updated in place). */
export function sandboxParts(spec: ContainerSpec): Parts {
  return {
    image: short(spec.image),
    address: short(spec.network),
    hosts: short({ hostname: spec.hostname, extraHosts: spec.extraHosts }),
    ports: short({ exposed: spec.exposedPorts, bindings: spec.portBindings, publishAll: spec.publishAll }),
    ...settingsParts(spec),
  };
}

/** "image=1a2b3c4d,links=…", in name order: short enough for a label, readable in `docker inspect`. */
export function encodeParts(parts: Parts): string {
  return Object.keys(parts).sort(compareStrings).map((k) => `${k}=${parts[k]}`).join(',');
}

export function decodeParts(label: string | undefined): Parts | undefined {
  if (!label) return undefined;
  return Object.fromEntries(label.split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}
