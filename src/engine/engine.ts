// The one small interface through which hitch reaches a container engine.
// Only src/engine implements it; plan and manifest never see dockerode.
import type { BuildSpec } from '../manifest/model.js';
import type { ContainerSpec, FirewallSpec, NetworkSpec, ObservedState, VolumeSpec } from '../plan/model.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ContainerStatus {
  running: boolean;
  health?: 'starting' | 'healthy' | 'unhealthy';
  exitCode?: number;
}

export interface Engine {
  /** The engine's address as the user would name it (DOCKER_HOST or the socket path), for messages. */
  readonly address: string;
  ping(): Promise<void>;
  /** Observe one project: its network, containers and volumes, the given images, and other networks' subnets. */
  observe(project: string, imageRefs: string[]): Promise<ObservedState>;
  imageExists(ref: string): Promise<boolean>;
  buildImage(tag: string, build: BuildSpec, labels: Record<string, string>): Promise<void>;
  pullImage(ref: string): Promise<void>;
  createNetwork(spec: NetworkSpec): Promise<string>;
  removeNetwork(id: string): Promise<void>;
  createVolume(spec: VolumeSpec): Promise<void>;
  removeVolume(name: string): Promise<void>;
  createContainer(spec: ContainerSpec, firewall?: FirewallSpec): Promise<string>;
  startContainer(nameOrId: string): Promise<void>;
  stopContainer(nameOrId: string, timeoutSec?: number): Promise<void>;
  removeContainer(nameOrId: string): Promise<void>;
  status(nameOrId: string): Promise<ContainerStatus>;
  exec(nameOrId: string, cmd: string[]): Promise<ExecResult>;
  logsTail(nameOrId: string, lines: number): Promise<string>;
  listProjects(): Promise<string[]>;
}
