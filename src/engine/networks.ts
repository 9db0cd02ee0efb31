// The project's network on the engine: made, removed, and containers attached to it or detached.
import type Docker from 'dockerode';
import type { NetworkSpec } from '../plan/model.js';
import { UserError } from '../user-error.js';
import { serviceOf } from './containers.js';
import { engineMessage, isNotFound, NetworkBusyError, portTaken, statusOf, SubnetTakenError, takenPort } from './engine-errors.js';

export async function createNetwork(docker: Docker, spec: NetworkSpec): Promise<string> {
  const net = await docker.createNetwork({
    Name: spec.name,
    Driver: 'bridge',
    CheckDuplicate: true,
    Labels: spec.labels,
    IPAM: { Driver: 'default', Config: [{ Subnet: spec.subnet, Gateway: spec.gateway }] },
  }).catch((err: unknown) => {
    if (/overlaps/i.test(engineMessage(err))) throw new SubnetTakenError(spec.subnet, engineMessage(err));
    // observation finds the project's network by its labels: one by this name without them is someone else's
    if (statusOf(err) === 409) {
      throw new UserError(
        `network name "${spec.name}" is already in use by a network hitch does not manage`,
        `rename or remove that network (\`docker network rm ${spec.name}\`), or give the project another name (\`name:\` or -p)`,
      );
    }
    throw err;
  });
  return net.id;
}

export async function removeNetwork(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getNetwork(id).remove();
  } catch (err) {
    if (isNotFound(err)) return;
    if (!/active endpoints/i.test(engineMessage(err))) throw new UserError(`cannot remove network ${id}: ${engineMessage(err)}`);
    const info = (await docker.getNetwork(id).inspect().catch(() => undefined)) as Docker.NetworkInspectInfo | undefined;
    const attached = Object.values(info?.Containers ?? {}).map((c) => c.Name).filter(Boolean).sort();
    throw new NetworkBusyError(`cannot remove network ${id}: ${engineMessage(err)}`, attached);
  }
}

export async function connectNetwork(docker: Docker, network: string, container: string, ip: string): Promise<void> {
  const EndpointConfig = { IPAMConfig: { IPv4Address: ip } }; // API 1.41: a fixed address at connect time
  try {
    await docker.getNetwork(network).connect({ Container: container, EndpointConfig });
  } catch (err) {
    // a sandbox's published ports are bound as it joins the project's network
    const port = takenPort(engineMessage(err));
    if (port) throw portTaken(port, await serviceOf(docker, container), engineMessage(err));
    throw new UserError(`cannot attach ${container} to network ${network}: ${engineMessage(err)}`, `check \`docker inspect ${container}\`: its network mode must allow another network`);
  }
}

export async function disconnectNetwork(docker: Docker, network: string, container: string): Promise<void> {
  try {
    await docker.getNetwork(network).disconnect({ Container: container });
  } catch (err) {
    // gone, or no longer attached: what was asked for
    if (!isNotFound(err) && !/is not connected/i.test(engineMessage(err))) throw new UserError(`cannot detach ${container} from network ${network}: ${engineMessage(err)}`);
  }
}
