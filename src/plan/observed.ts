// Types of what planning starts from: the engine as observed (src/engine/observe.ts), in hitch's own
// terms, so the plan stage never sees dockerode.
import type { PortSpec } from '../manifest/model.js';
import type { Role } from './model.js';

/**
 * Whether something runs in the container now: running, and not between two starts of its restart policy,
 * which the engine also counts as running (an observed container, an external, or a status alike).
 */
export function runsNow(c: { running: boolean; restarting?: boolean } | undefined): boolean {
  return c !== undefined && c.running && !c.restarting;
}

export interface ObservedImage {
  ref: string;
  id: string;
  env: string[]; // image ENV, "KEY=VALUE"
  exposedPorts: PortSpec[]; // image EXPOSE
  healthcheck?: true; // the image's HEALTHCHECK, which the engine runs unless the service's own replaces it
}

export interface ObservedContainer {
  id: string;
  name: string; // without the leading '/'
  service: string;
  role: Role;
  configHash: string;
  configParts?: string; // LABEL.configParts as found; absent on containers made before it existed
  running: boolean; // as the engine counts it: a paused container is running, and so is a restarting one
  paused?: true; // frozen by `docker pause`: `up` leaves it so, as compose does, but nothing can run in it
  restarting?: true; // between two starts of its restart policy: `up` leaves it to the engine, as a running one, but nothing runs in it
  exitCode?: number; // restarting containers: how their last run ended (observed only with ObserveOptions.runtime)
  ip?: string; // address on the project network: a sandbox's endpoint, else LABEL.ip (service containers too)
  detached?: boolean; // sandboxes: not on the project network (made, then interrupted before it joined): recreated
  links?: string[]; // service containers: the child services they link to (LABEL.links)
  externalLinks?: string[]; // service containers: the external containers hitch attached for them (LABEL.externalLinks)
  status?: string; // the engine's words, e.g. "Up 2 minutes" (for `ps`)
  image?: string; // the image as it was named when the container was made (for `ls`): the manifest may name another since
  published?: string[]; // e.g. "127.0.0.1:49155->5000/tcp" (for `ps`)
  // observed only with ObserveOptions.runtime (planning, `check`):
  firewallArgs?: string[]; // sandboxes: the rules in force, or for a stopped one those its next start applies, as `hitch-sandbox` args (as recorded, else Cmd after `run`); undefined = unknown
  startedAt?: string; // running containers: when they last started (ISO 8601), to see a sandbox restarted under its service (restarted-under.ts); also with ObserveOptions.startTimes (`ps`, `ls`), where both of a service's run
  joins?: string; // service containers: the id of the container whose namespace they join (NetworkMode `container:<id>`)
}

export interface ObservedNetwork {
  id: string;
  name: string;
  subnet: string;
  gateway: string;
}

/**
 * A container hitch does not manage (`external_links`), observed by name: what its link gives a parent
 * (docker: the container's configured env, image env included, and its exposed ports).
 */
export interface ObservedExternal {
  id: string;
  name: string; // without the leading '/'
  image: string; // Config.Image: the image as it was named when the container was made (for `ls`)
  running: boolean; // paused and restarting count as running, as for ObservedContainer
  paused?: true;
  restarting?: true;
  networkMode?: string; // HostConfig.NetworkMode: `host`, `none` and `container:<id>` take no other network
  env: string[]; // Config.Env, "KEY=VALUE"
  exposedPorts: PortSpec[]; // Config.ExposedPorts
  hostname: string;
  attached: boolean; // has an endpoint on the project's network
  ip?: string; // its address there, when attached
}

/** A subnet another network holds: named, unless it was lost to one the engine did not list yet. */
export interface UsedSubnet {
  subnet: string;
  network?: string;
}

/** One observation of the engine, taken before planning. */
export interface ObservedState {
  network?: ObservedNetwork; // the project's own network, if it exists
  containers: ObservedContainer[]; // the project's containers only (by label)
  images: Readonly<Record<string, ObservedImage>>; // by the ref the manifest names
  usedSubnets: UsedSubnet[]; // subnets of every other network on the engine
  volumes: string[]; // names of the project's volumes
  foreignVolumes?: string[]; // names of every other volume on the engine (not labelled for this project)
  externals: ObservedExternal[]; // by name: those the manifest names, and every other container attached to the project's network
}
