// Translates hitch's ContainerSpec into the Docker Engine API's create body (API 1.41, Engine 20.10+).
import type Docker from 'dockerode';
import type { ContainerSpec, MountSpec } from '../plan/model.js';

const NS_PER_MS = 1_000_000;

function portKey(port: number, proto: string): string {
  return `${port}/${proto}`;
}

function portBindings(spec: ContainerSpec): Docker.PortMap {
  const map: Docker.PortMap = {};
  for (const b of spec.portBindings) {
    const key = portKey(b.containerPort, b.proto);
    (map[key] ??= []).push({ HostIp: b.hostIp, HostPort: b.hostPort });
  }
  return map;
}

function exposedPorts(spec: ContainerSpec): Record<string, object> {
  const ports: Record<string, object> = {};
  for (const p of spec.exposedPorts) ports[portKey(p.port, p.proto)] = {};
  for (const b of spec.portBindings) ports[portKey(b.containerPort, b.proto)] = {};
  return ports;
}

function healthcheck(spec: ContainerSpec): Docker.HealthConfig | undefined {
  const h = spec.healthcheck;
  if (!h) return undefined;
  return {
    Test: h.test,
    Interval: h.intervalMs === undefined ? undefined : h.intervalMs * NS_PER_MS,
    Timeout: h.timeoutMs === undefined ? undefined : h.timeoutMs * NS_PER_MS,
    Retries: h.retries,
    StartPeriod: h.startPeriodMs === undefined ? undefined : h.startPeriodMs * NS_PER_MS,
  };
}

function hostConfig(spec: ContainerSpec): Docker.HostConfig {
  const joined = spec.sandbox !== undefined;
  return {
    // A service container shares its sandbox's namespace: IP, hosts file and firewall outlive it.
    NetworkMode: joined ? `container:${spec.sandbox}` : spec.network?.name,
    // The engine refuses ports and extra hosts on a joined container; they live on the sandbox.
    PortBindings: joined ? undefined : portBindings(spec),
    PublishAllPorts: joined ? undefined : spec.publishAll,
    ExtraHosts: joined ? undefined : spec.extraHosts,
    CapAdd: spec.capAdd.length ? spec.capAdd : undefined,
    RestartPolicy: spec.restart ? { Name: spec.restart.name, MaximumRetryCount: spec.restart.maxRetries ?? 0 } : undefined,
    Binds: binds(spec.mounts),
    Mounts: spec.mounts.filter((m) => !asBind(m)).map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly })),
  };
}

/**
 * A bind mount goes as `Binds` ("SRC:DST[:ro]"), as compose sends the short form, so the engine makes a
 * missing host folder (`./data:/data` on a fresh checkout) instead of refusing it, which a `Mounts`
 * bind does on engines before API 1.42 (BindOptions.CreateMountpoint). That form splits on ':', so a
 * path holding one can only go as a mount: its folder must exist.
 */
function asBind(m: MountSpec): boolean {
  return m.type === 'bind' && !m.source.includes(':') && !m.target.includes(':');
}

function binds(mounts: MountSpec[]): string[] | undefined {
  const found = mounts.filter(asBind).map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  return found.length > 0 ? found : undefined;
}

export function createOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const joined = spec.sandbox !== undefined;
  return {
    name: spec.name,
    Image: spec.image,
    Env: spec.env,
    Cmd: spec.cmd,
    Entrypoint: spec.entrypoint,
    Hostname: joined ? undefined : spec.hostname,
    User: spec.user,
    WorkingDir: spec.workingDir,
    Tty: spec.tty,
    // hitch's requests reach a sandbox on its stdin (sandbox-channel.ts); it stays open between attaches
    OpenStdin: spec.role === 'sandbox' || undefined,
    Labels: spec.labels,
    ExposedPorts: joined ? undefined : exposedPorts(spec),
    StopSignal: spec.stopSignal,
    StopTimeout: spec.stopTimeoutSec,
    Healthcheck: healthcheck(spec),
    HostConfig: hostConfig(spec),
    // One network at create: API 1.41 accepts a single endpoint here.
    NetworkingConfig: spec.network
      ? { EndpointsConfig: { [spec.network.name]: { IPAMConfig: { IPv4Address: spec.network.ip } } } }
      : undefined,
  };
}
