// The validated, normalized, frozen model that `src/manifest` produces from a hitch.yaml.
// Everything downstream (plan, engine, cli) reads only this, never the raw YAML.

export type Dialect = 'modern' | 'classic';
export type Protocol = 'tcp' | 'udp' | 'sctp';

/** Where a value came from, so that later stages can still point the user at the manifest. */
export interface SourcePos {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

/** One container port; `expose: ["6379-6381"]` becomes three of these. */
export interface PortSpec {
  port: number;
  proto: Protocol;
}

/** One `ports:` entry in canonical form (every `docker run -p` form normalizes to this). */
export interface PublishedPort {
  hostIp: string; // '' = all interfaces
  hostPort: string; // '' = engine picks; a number or a range like "8000-8010"
  containerPort: number;
  proto: Protocol;
}

export interface LinkSpec {
  target: string; // service name of the child
  alias: string;
  pos: SourcePos;
}

/** `external_links:` entry: a container hitch does not manage, linked under an alias. */
export interface ExternalLinkSpec {
  container: string; // the container's name, without the leading '/'
  alias: string;
  pos: SourcePos;
}

export interface BuildSpec {
  context: string; // absolute path, or a remote context (git or http(s) URL, remote-context.ts) as written
  dockerfile?: string;
  args: Record<string, string>;
}

export interface Healthcheck {
  test: string[]; // Docker form: ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]
  intervalMs?: number;
  timeoutMs?: number;
  retries?: number;
  startPeriodMs?: number;
}

export interface VolumeMount {
  type: 'volume' | 'bind';
  source: string; // volume name (unprefixed) or absolute host path
  target: string;
  readOnly: boolean;
}

export interface RestartPolicy {
  name: 'no' | 'always' | 'on-failure' | 'unless-stopped';
  maxRetries?: number;
}

export interface Service {
  name: string;
  containerName: string;
  image: string; // for `build:` services, the tag hitch builds: <project>-<service>
  build?: BuildSpec;
  command?: string[];
  entrypoint?: string[];
  environment: Record<string, string>; // env_file entries merged first, then environment
  expose: PortSpec[]; // expanded, de-duplicated, sorted by (port, proto)
  ports: PublishedPort[];
  publishAll: boolean;
  links: LinkSpec[]; // sorted by alias (upstream order is a random Go map; ours is stable)
  externalLinks: ExternalLinkSpec[]; // sorted by alias; no alias shared with `links`
  shareEnv?: string[]; // undefined = share every key (Docker's way)
  healthcheck?: Healthcheck;
  volumes: VolumeMount[];
  hostname?: string;
  user?: string;
  workingDir?: string;
  labels: Record<string, string>;
  restart?: RestartPolicy;
  stopSignal?: string;
  stopGracePeriodMs?: number;
  tty: boolean;
  readyTimeoutMs: number;
  pos: SourcePos;
}

export interface Manifest {
  file: string; // absolute path of the manifest
  dir: string; // its folder
  project: string;
  linkEnv: Dialect;
  subnet?: string; // IPv4 CIDR fixed by the manifest, in its network form (10.9.9.0/24); otherwise hitch picks one
  services: Readonly<Record<string, Service>>; // keys sorted by name
}
