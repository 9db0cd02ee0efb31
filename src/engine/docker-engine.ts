// The real Engine, on dockerode. The only place in hitch that speaks the Docker Engine API.
import type Docker from 'dockerode';
import type { BuildSpec } from '../manifest/model.js';
import { LABEL, type ContainerSpec, type NetworkSpec, type ObservedState, type VolumeSpec } from '../plan/model.js';
import { UserError } from '../user-error.js';
import { createOptions } from './container-config.js';
import type { Attachment, ContainerStatus, Engine, ExecResult, ExecStreams, LogLine, LogOptions, LockAttempt, ObserveOptions } from './engine.js';
import { engineMessage, isNotFound, isUnreachable, portTaken, statusOf, SubnetTakenError, takenPort, unreachable } from './engine-errors.js';
import { buildContextFiles } from './build-context.js';
import { DockerClient } from './dockerode.js';
import { execIn } from './exec.js';
import { observe } from './observe.js';
import { tryLock } from './mutex.js';
import { attach, execAttached, streamLogs } from './streams.js';

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
      if (isUnreachable(err)) throw unreachable(this.address, err);
      throw err;
    }
  }

  ping(): Promise<void> {
    return this.call(async () => void (await this.docker.ping()));
  }

  observe(project: string, imageRefs: string[], opts?: ObserveOptions): Promise<ObservedState> {
    return this.call(() => observe(this.docker, project, imageRefs, opts));
  }

  imageExists(ref: string): Promise<boolean> {
    return this.call(async () => {
      try {
        await this.docker.getImage(ref).inspect();
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    });
  }

  buildImage(tag: string, build: BuildSpec, labels: Record<string, string>): Promise<void> {
    return this.call(async () => {
      const src = await buildContextFiles(build.context);
      const stream = await this.docker.buildImage(
        { context: build.context, src },
        { t: tag, dockerfile: build.dockerfile, buildargs: build.args, labels },
      );
      await this.follow(stream, `build of ${tag}`);
    });
  }

  pullImage(ref: string): Promise<void> {
    return this.call(async () => {
      const stream = await this.docker.pull(ref);
      await this.follow(stream, `pull of ${ref}`);
    });
  }

  /** Build and pull report failures inside the stream, not as an HTTP status. */
  private follow(stream: NodeJS.ReadableStream, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null, events: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
          const failed = events?.find((e) => e.error || e.errorDetail);
          if (err) reject(err);
          else if (failed) reject(new UserError(`${what} failed: ${failed.errorDetail?.message ?? failed.error}`));
          else resolve();
        },
      );
    });
  }

  createNetwork(spec: NetworkSpec): Promise<string> {
    return this.call(async () => {
      const net = await this.docker.createNetwork({
        Name: spec.name,
        Driver: 'bridge',
        CheckDuplicate: true,
        Labels: spec.labels,
        IPAM: { Driver: 'default', Config: [{ Subnet: spec.subnet, Gateway: spec.gateway }] },
      }).catch((err: unknown) => {
        if (/overlaps/i.test(engineMessage(err))) throw new SubnetTakenError(spec.subnet, engineMessage(err));
        throw err;
      });
      return net.id;
    });
  }

  removeNetwork(id: string): Promise<void> {
    return this.call(async () => {
      try {
        await this.docker.getNetwork(id).remove();
      } catch (err) {
        if (!isNotFound(err)) throw new UserError(`cannot remove network ${id}: ${engineMessage(err)}`);
      }
    });
  }

  connectNetwork(network: string, container: string, ip: string): Promise<void> {
    return this.call(async () => {
      const EndpointConfig = { IPAMConfig: { IPv4Address: ip } }; // API 1.41: a fixed address at connect time
      try {
        await this.docker.getNetwork(network).connect({ Container: container, EndpointConfig });
      } catch (err) {
        // a sandbox's published ports are bound as it joins the project's network
        const port = takenPort(engineMessage(err));
        if (port) throw portTaken(port, await this.serviceOf(container), engineMessage(err));
        throw new UserError(`cannot attach ${container} to network ${network}: ${engineMessage(err)}`, `check \`docker inspect ${container}\`: its network mode must allow another network`);
      }
    });
  }

  disconnectNetwork(network: string, container: string): Promise<void> {
    return this.call(async () => {
      try {
        await this.docker.getNetwork(network).disconnect({ Container: container });
      } catch (err) {
        // gone, or no longer attached: what was asked for
        if (!isNotFound(err) && !/is not connected/i.test(engineMessage(err))) throw new UserError(`cannot detach ${container} from network ${network}: ${engineMessage(err)}`);
      }
    });
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
    return this.call(async () => {
      try {
        const c = await this.docker.createContainer(createOptions(spec));
        return c.id;
      } catch (err) {
        if (statusOf(err) === 409) {
          throw new UserError(
            `container name "${spec.name}" is already in use by a container hitch does not manage`,
            `rename or remove that container, or set container_name for service "${spec.service}"`,
          );
        }
        throw new UserError(`cannot create ${spec.name}: ${engineMessage(err)}`);
      }
    });
  }

  private async start(nameOrId: string): Promise<void> {
    try {
      await this.docker.getContainer(nameOrId).start();
    } catch (err) {
      if (statusOf(err) === 304) return; // already running
      const port = takenPort(engineMessage(err));
      if (port) throw portTaken(port, await this.serviceOf(nameOrId), engineMessage(err));
      throw new UserError(`cannot start ${nameOrId}: ${engineMessage(err)}`);
    }
  }

  startContainer(nameOrId: string): Promise<void> {
    return this.call(() => this.start(nameOrId));
  }

  attach(nameOrId: string): Promise<Attachment | undefined> {
    return this.call(() => attach(this.docker, nameOrId));
  }

  /** The service a container belongs to, by its label; its name when it has none. */
  private async serviceOf(nameOrId: string): Promise<string> {
    const info = await this.docker.getContainer(nameOrId).inspect().catch(() => undefined);
    return info?.Config.Labels?.[LABEL.service] ?? nameOrId;
  }

  stopContainer(nameOrId: string, timeoutSec?: number): Promise<void> {
    return this.call(async () => {
      try {
        await this.docker.getContainer(nameOrId).stop(timeoutSec === undefined ? {} : { t: timeoutSec });
      } catch (err) {
        if (statusOf(err) !== 304 && !isNotFound(err)) throw err;
      }
    });
  }

  removeContainer(nameOrId: string): Promise<void> {
    return this.call(async () => {
      try {
        await this.docker.getContainer(nameOrId).remove({ force: true, v: false });
      } catch (err) {
        if (!isNotFound(err)) throw new UserError(`cannot remove ${nameOrId}: ${engineMessage(err)}`);
      }
    });
  }

  status(nameOrId: string): Promise<ContainerStatus> {
    return this.call(async () => {
      const info = await this.docker.getContainer(nameOrId).inspect();
      const health = info.State.Health?.Status as ContainerStatus['health'] | undefined;
      return { running: info.State.Running, health, exitCode: info.State.Running ? undefined : info.State.ExitCode };
    });
  }

  exec(nameOrId: string, cmd: string[]): Promise<ExecResult> {
    return this.call(() => execIn(this.docker, nameOrId, cmd));
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

  execAttached(nameOrId: string, cmd: string[], streams: ExecStreams): Promise<number> {
    return this.call(() => execAttached(this.docker, nameOrId, cmd, streams));
  }

  tryLock(name: string, labels: Record<string, string>): Promise<LockAttempt> {
    return this.call(() => tryLock(this.docker, name, labels));
  }
}
