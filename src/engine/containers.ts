// Containers on the engine: made, started, stopped, removed and looked at. An engine refusal the user
// can act on (a name taken, a port taken, a setting refused at create or start) becomes a UserError that says what
// to do.
import type Docker from 'dockerode';
import { LABEL, type ContainerSpec } from '../plan/model.js';
import { UserError } from '../user-error.js';
import { createOptions } from './container-config.js';
import type { ContainerStatus } from './engine.js';
import { createRefused, engineMessage, isNotFound, portTaken, startRefused, statusOf, takenPort } from './engine-errors.js';

/** The service a container belongs to, by its label; its name when it has none. */
export async function serviceOf(docker: Docker, nameOrId: string): Promise<string> {
  const info = await docker.getContainer(nameOrId).inspect().catch(() => undefined);
  return info?.Config.Labels?.[LABEL.service] ?? nameOrId;
}

export async function createContainer(docker: Docker, spec: ContainerSpec): Promise<string> {
  try {
    const c = await docker.createContainer(createOptions(spec));
    return c.id;
  } catch (err) {
    if (statusOf(err) === 409) {
      throw new UserError(
        `container name "${spec.name}" is already in use by a container hitch does not manage`,
        `rename or remove that container, or set container_name for service "${spec.service}"`,
      );
    }
    throw createRefused(spec, engineMessage(err));
  }
}

export async function startContainer(docker: Docker, nameOrId: string): Promise<void> {
  try {
    await docker.getContainer(nameOrId).start();
  } catch (err) {
    if (statusOf(err) === 304) return; // already running
    const detail = engineMessage(err);
    const port = takenPort(detail);
    if (port) throw portTaken(port, await serviceOf(docker, nameOrId), detail);
    throw startRefused(nameOrId, await serviceOf(docker, nameOrId), detail);
  }
}

export async function stopContainer(docker: Docker, nameOrId: string, timeoutSec?: number): Promise<void> {
  try {
    await docker.getContainer(nameOrId).stop(timeoutSec === undefined ? {} : { t: timeoutSec });
  } catch (err) {
    if (statusOf(err) !== 304 && !isNotFound(err)) throw err;
  }
}

export async function removeContainer(docker: Docker, nameOrId: string): Promise<void> {
  try {
    await docker.getContainer(nameOrId).remove({ force: true, v: false });
  } catch (err) {
    if (!isNotFound(err)) throw new UserError(`cannot remove ${nameOrId}: ${engineMessage(err)}`);
  }
}

export async function containerStatus(docker: Docker, nameOrId: string): Promise<ContainerStatus> {
  const info = await docker.getContainer(nameOrId).inspect();
  const health = info.State.Health?.Status as ContainerStatus['health'] | undefined;
  // the engine's zero time ("0001-01-01T00:00:00Z") says the container never stopped
  const finishedAt = info.State.FinishedAt.startsWith('0001-') ? undefined : info.State.FinishedAt;
  return { running: info.State.Running, health, exitCode: info.State.Running && !info.State.Restarting ? undefined : info.State.ExitCode, restarting: info.State.Restarting, paused: info.State.Paused, finishedAt };
}
