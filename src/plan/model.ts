// Types of the pure planning stage: what hitch will do about what the engine observed (observed.ts).
import type { PortSpec, Protocol, Healthcheck, RestartPolicy } from '../manifest/model.js';

export type Role = 'sandbox' | 'service';

/** Labels hitch puts on everything it creates; nothing without them is ever touched. */
export const LABEL = {
  project: 'io.hitch.project',
  service: 'io.hitch.service',
  role: 'io.hitch.role',
  configHash: 'io.hitch.config-hash',
  configParts: 'io.hitch.config-parts', // one short hash per part of the config, so a cause can say what changed
  volume: 'io.hitch.volume',
  links: 'io.hitch.links', // comma-separated child services, so `down` can remove parents first without a manifest
  externalLinks: 'io.hitch.external-links', // comma-separated containers hitch attached for this service: the only ones it ever detaches
  ip: 'io.hitch.ip', // the service's fixed address, on both containers, so it survives the loss of its sandbox
  lock: 'io.hitch.lock', // the project's lock container (src/engine/mutex.ts); never io.hitch.project, so no plan sees it
} as const;

/** A firewall rule as data: numbers and addresses only, never free text. */
export interface AllowRule {
  from: string; // IPv4 address or CIDR
  proto: Protocol;
  port: number;
}

export interface FirewallSpec {
  subnet: string; // traffic from here is dropped unless allowed
  allow: AllowRule[];
}

export interface PortBinding {
  containerPort: number;
  proto: Protocol;
  hostIp: string;
  // asked for, as the engine takes it: "8080", a range "8000-8010" it picks one from, '' for any; so a
  // string, where `ps` and `port` give the port it picked as a number (published.ts)
  hostPort: string;
}

export interface MountSpec {
  type: 'volume' | 'bind';
  source: string; // full volume name or absolute host path
  target: string;
  readOnly: boolean;
}

/** Everything hitch asks the engine for one container, in hitch's own terms. */
export interface ContainerSpec {
  name: string;
  image: string;
  role: Role;
  service: string;
  labels: Record<string, string>;
  env: string[];
  cmd?: string[];
  entrypoint?: string[];
  hostname?: string;
  user?: string;
  workingDir?: string;
  tty: boolean;
  /** sandbox: attach to this network at this fixed address */
  network?: { name: string; ip: string };
  /** service: share the network namespace of this sandbox container */
  sandbox?: string;
  extraHosts: string[]; // Docker's "names:ip" form; names separated by spaces
  exposedPorts: PortSpec[];
  portBindings: PortBinding[];
  publishAll: boolean;
  capAdd: string[];
  restart?: RestartPolicy;
  stopSignal?: string;
  stopTimeoutSec?: number;
  healthcheck?: Healthcheck;
  mounts: MountSpec[];
}

export interface NetworkSpec {
  name: string;
  subnet: string;
  gateway: string;
  labels: Record<string, string>;
}

export interface VolumeSpec {
  name: string;
  labels: Record<string, string>;
}

export type Action =
  | { id: string; kind: 'create-network'; cause: string; waitsFor: string[]; network: NetworkSpec }
  | { id: string; kind: 'create-volume'; cause: string; waitsFor: string[]; volume: VolumeSpec }
  | {
      id: string;
      kind: 'create-container' | 'recreate-container';
      cause: string;
      waitsFor: string[];
      container: ContainerSpec;
      firewall?: FirewallSpec; // sandboxes
      replaces?: string; // id of the container removed first (recreate)
      /**
       * Its container may be created once these are done, while the rest of `waitsFor` (children's
       * readiness) is awaited: only the start waits for all. A new service container, never a recreated one.
       */
      createAfter?: string[];
    }
  | {
      /** restart: stopped and started again, the same container (a service container rejoining its restarted sandbox) */
      id: string;
      kind: 'start-container' | 'restart-container';
      cause: string;
      waitsFor: string[];
      name: string;
      service: string;
      role: Role;
      stopTimeoutSec?: number; // restart-container under `hitch restart -t`; default: the container's own stop_grace_period
    }
  | {
      id: string;
      kind: 'update-firewall';
      cause: string;
      waitsFor: string[];
      service: string;
      sandbox: string;
      firewall: FirewallSpec;
      orphan?: true; // the service is not in the manifest: its rules are cut to the host's (orphan-rules.ts)
      stopped?: true; // the sandbox was seen stopped or restarting: the rules are recorded for its next start (the executor looks again)
    }
  | {
      /** wait until `service` is ready, probed from the sandbox `from` (the real path, through the firewall) */
      id: string;
      kind: 'await-ready';
      cause: string;
      waitsFor: string[];
      service: string;
      container: string;
      from: string;
      target: { ip: string; tcpPorts: number[] };
      healthcheck: boolean;
      timeoutMs: number;
    }
  | { id: string; kind: 'connect-external'; cause: string; waitsFor: string[]; network: string; container: string; ip: string }
  | { id: string; kind: 'disconnect-external'; cause: string; waitsFor: string[]; network: string; container: string }
  | {
      id: string;
      kind: 'remove-container';
      cause: string;
      waitsFor: string[];
      name: string;
      containerId: string;
      service: string;
      network?: string; // a sandbox's project network, left before it is removed (src/engine/actions.ts says why)
    }
  | { id: string; kind: 'remove-network'; cause: string; waitsFor: string[]; name: string; networkId: string }
  | { id: string; kind: 'remove-volume'; cause: string; waitsFor: string[]; name: string };

export type FirewallUpdate = Extract<Action, { kind: 'update-firewall' }>;

/** A parent `up SERVICE…` leaves as it is, though a full `up` would recreate (or restart) it. */
export interface Outdated {
  service: string;
  links: string[]; // the selected services it links to
  linked?: string[]; // the selected services it linked when it was made (LABEL.links) and no longer links; absent: none
  cause: string; // why a full `up` would recreate (or restart) it, in the words of that plan
  restart?: true; // a full `up` would only restart it (its sandbox restarted under it): the rest is as the manifest has it
}

export interface Plan {
  project: string;
  actions: Action[]; // in a stable order; `waitsFor` gives the real dependencies
  unchanged: string[]; // services whose containers are left as they are (of the selection, if any)
  orphans: string[]; // services found on the engine but absent from the manifest
  /** `up SERVICE…`: the services considered, those named and the children they link (unless --no-deps); absent: all */
  selected?: string[];
  /** with `selected`: the services outside it that link a selected one and that a full `up` would recreate */
  outdated?: Outdated[];
}
