// The real Engine, on dockerode: every call goes through one wrapper that turns an unreachable engine into
// one clear message. The calls live beside it in src/engine (containers, networks, images, streams, exec,
// observe, mutex), the only code in hitch that speaks the Docker Engine API.
import type Docker from 'dockerode';
import type { BuildSpec } from '../manifest/model.js';
import type { ContainerSpec, NetworkSpec, VolumeSpec } from '../plan/model.js';
import type { ObservedState } from '../plan/observed.js';
import { UserError } from '../user-error.js';
import { changedBeforeLock } from './changes.js';
import { containerStatus, createContainer, removeContainer, startContainer, stopContainer } from './containers.js';
import type { Attachment, ChangeScope, ContainerEvent, ContainerStatus, Engine, EventWatch, ExecOptions, ExecResult, ExecStreams, LogLine, LogOptions, LockAttempt, ObserveOptions } from './engine.js';
import { engineMessage, isNotFound, execRefusal } from './engine-errors.js';
import { EngineUnreachableError, isUnreachable } from './engine-unreachable.js';
import { DockerClient } from './dockerode.js';
import { watchContainers } from './events.js';
import { execIn } from './exec.js';
import { buildImage, imageExists, pullImage } from './images.js';
import { connectNetwork, createNetwork, disconnectNetwork, removeNetwork } from './networks.js';
import { observe } from './observe.js';
import { lockHeld, tryLock } from './mutex.js';
import { recordRules } from './sandbox-rules.js';
import { attach, execAttached, execDetached, streamLogs } from './streams.js';

/** Found the way the docker CLI finds it: DOCKER_HOST (and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH), else the default socket. */
export function engineAddress(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

export class DockerEngine implements Engine {
  readonly address = engineAddress();
  private readonly docker: Docker = new DockerClient();

  /** Every call goes through here, so an unreachable engine is always one clear message. */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isUnreachable(err)) throw new EngineUnreachableError(this.address, err);
      throw err;
    }
  }

  /** An exec: nothing runs in a paused, restarting or stopped container, and the engine's refusal becomes the way out. */
  private execCall<T>(container: string, work: () => Promise<T>): Promise<T> {
    return this.call(() => work().catch((err: unknown) => {
      throw execRefusal(err, container) ?? err;
    }));
  }

  ping(): Promise<void> {
    return this.call(async () => void (await this.docker.ping()));
  }

  observe(project: string, imageRefs: string[], opts?: ObserveOptions): Promise<ObservedState> {
    return this.call(() => observe(this.docker, project, imageRefs, opts));
  }

  imageExists(ref: string): Promise<boolean> {
    return this.call(() => imageExists(this.docker, ref));
  }

  buildImage(tag: string, build: BuildSpec, labels: Record<string, string>): Promise<void> {
    return this.call(() => buildImage(this.docker, tag, build, labels));
  }

  pullImage(ref: string): Promise<void> {
    return this.call(() => pullImage(this.docker, ref));
  }

  createNetwork(spec: NetworkSpec): Promise<string> {
    return this.call(() => createNetwork(this.docker, spec));
  }

  removeNetwork(id: string): Promise<void> {
    return this.call(() => removeNetwork(this.docker, id));
  }

  connectNetwork(network: string, container: string, ip: string): Promise<void> {
    return this.call(() => connectNetwork(this.docker, network, container, ip));
  }

  disconnectNetwork(network: string, container: string): Promise<void> {
    return this.call(() => disconnectNetwork(this.docker, network, container));
  }

  createVolume(spec: VolumeSpec): Promise<void> {
    return this.call(async () => void (await this.docker.createVolume({ Name: spec.name, Labels: spec.labels })));
  }

  removeVolume(name: string): Promise<void> {
    return this.call(async () => {
      try {
        await this.docker.getVolume(name).remove();
      } catch (err) {
        if (!isNotFound(err)) throw new UserError(`cannot remove volume ${name}: ${engineMessage(err)}`);
      }
    });
  }

  createContainer(spec: ContainerSpec): Promise<string> {
    return this.call(() => createContainer(this.docker, spec));
  }

  startContainer(nameOrId: string): Promise<void> {
    return this.call(() => startContainer(this.docker, nameOrId));
  }

  attach(nameOrId: string): Promise<Attachment | undefined> {
    return this.call(() => attach(this.docker, nameOrId));
  }

  stopContainer(nameOrId: string, timeoutSec?: number): Promise<void> {
    return this.call(() => stopContainer(this.docker, nameOrId, timeoutSec));
  }

  removeContainer(nameOrId: string): Promise<void> {
    return this.call(() => removeContainer(this.docker, nameOrId));
  }

  status(nameOrId: string): Promise<ContainerStatus> {
    return this.call(() => containerStatus(this.docker, nameOrId));
  }

  exec(nameOrId: string, cmd: string[]): Promise<ExecResult> {
    return this.execCall(nameOrId, () => execIn(this.docker, nameOrId, cmd));
  }

  recordRules(sandbox: string, args: string[] | undefined): Promise<boolean> {
    return this.call(() => recordRules(this.docker, sandbox, args));
  }

  logsTail(nameOrId: string, lines: number): Promise<string> {
    // The same reader as `hitch logs`, so one piece of code knows Docker's log framing.
    return this.call(async () => {
      const text: string[] = [];
      await streamLogs(this.docker, nameOrId, { follow: false, tail: lines }, (l) => text.push(l.text));
      return text.map((t) => `${t}\n`).join('');
    });
  }

  logs(nameOrId: string, opts: LogOptions, onLine: (line: LogLine) => void): Promise<void> {
    return this.call(() => streamLogs(this.docker, nameOrId, opts, onLine));
  }

  watchContainers(project: string, onEvent: (event: ContainerEvent) => void): Promise<EventWatch> {
    return this.call(() => watchContainers(this.docker, project, onEvent));
  }

  execAttached(nameOrId: string, cmd: string[], streams: ExecStreams, opts?: ExecOptions): Promise<number> {
    return this.execCall(nameOrId, () => execAttached(this.docker, nameOrId, cmd, streams, opts));
  }

  execDetached(nameOrId: string, cmd: string[], opts?: ExecOptions): Promise<void> {
    return this.execCall(nameOrId, () => execDetached(this.docker, nameOrId, cmd, opts));
  }

  tryLock(name: string, labels: Record<string, string>): Promise<LockAttempt> {
    return this.call(() => tryLock(this.docker, name, labels));
  }

  lockHeld(name: string): Promise<boolean> {
    return this.call(() => lockHeld(this.docker, name));
  }

  /** Any failure is a doubt, and a doubt is a change: the caller observes again, which says what is wrong. */
  changedBeforeLock(lockId: string, spanMs: number, scope: ChangeScope): Promise<boolean> {
    return changedBeforeLock(this.docker, lockId, spanMs, scope).catch(() => true);
  }
}
