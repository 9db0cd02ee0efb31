// What each kind of Action means on the engine. No decisions here: the plan already made them.
import type { Action, Role } from '../plan/model.js';
import { firewallArgs } from '../plan/firewall.js';
import { UserError } from '../user-error.js';
import type { Engine } from './engine.js';
import { awaitReady } from './readiness.js';
import { awaitFirewall } from './sandbox-ready.js';

const NETWORK_BUSY_RETRIES = 10;

async function removeNetwork(engine: Engine, id: string, name: string): Promise<void> {
  // Endpoints of just-removed containers can linger for a moment: retry, then say so.
  for (let attempt = 1; ; attempt++) {
    try {
      return await engine.removeNetwork(id);
    } catch (err) {
      const busy = /active endpoints/i.test((err as Error).message);
      if (!busy) throw err;
      if (attempt >= NETWORK_BUSY_RETRIES) {
        throw new UserError(
          `network ${name} still has active endpoints after ${attempt} attempts`,
          `find them with \`docker network inspect ${name}\`, disconnect or remove them, then run \`hitch down\` again`,
        );
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/**
 * Graceful first: the container's own stop signal and timeout (stop_signal, stop_grace_period). Sandboxes
 * too, though they hold no state: force-removing them running left dockerd 20.10 with a stale endpoint
 * count on the network in our 20 up/down cycles (moby#42119), and then the network cannot be removed.
 */
async function stopAndRemove(engine: Engine, id: string): Promise<void> {
  await engine.stopContainer(id);
  await engine.removeContainer(id);
}

/** What an action learnt on the way: a firewall's chain as the kernel listed it once applied. */
export interface ActionOutput {
  firewall?: { service: string; listing: string };
}

/** A started sandbox counts as started only once its firewall is in force (sandbox-ready.ts). */
async function startContainer(engine: Engine, name: string, service: string, role: Role): Promise<ActionOutput> {
  await engine.startContainer(name);
  if (role !== 'sandbox') return {};
  return { firewall: { service, listing: await awaitFirewall(engine, name, service) } };
}

/** `created`: the container of a create-container action already exists (made early, see `createAfter`). */
export async function runAction(engine: Engine, action: Action, opts: { created?: boolean } = {}): Promise<ActionOutput> {
  switch (action.kind) {
    case 'create-network':
      await engine.createNetwork(action.network);
      return {};
    case 'create-volume':
      await engine.createVolume(action.volume);
      return {};
    case 'recreate-container':
      if (action.replaces) await stopAndRemove(engine, action.replaces);
      await engine.createContainer(action.container);
      return startContainer(engine, action.container.name, action.container.service, action.container.role);
    case 'create-container':
      if (!opts.created) await engine.createContainer(action.container);
      return startContainer(engine, action.container.name, action.container.service, action.container.role);
    case 'start-container':
      return startContainer(engine, action.name, action.service, action.role);
    case 'update-firewall': {
      const res = await engine.exec(action.sandbox, ['hitch-sandbox', 'apply', ...firewallArgs(action.firewall)]);
      if (res.exitCode !== 0) throw new UserError(`cannot update the firewall of ${action.service}: ${res.stderr.trim()}`);
      // `apply` lists the chain once it took the rules
      return { firewall: { service: action.service, listing: res.stdout } };
    }
    case 'await-ready':
      await awaitReady(engine, action);
      return {};
    case 'connect-external':
      await engine.connectNetwork(action.network, action.container, action.ip);
      return {};
    case 'disconnect-external':
      await engine.disconnectNetwork(action.network, action.container);
      return {};
    case 'remove-container':
      await stopAndRemove(engine, action.containerId);
      return {};
    case 'remove-network':
      await removeNetwork(engine, action.networkId, action.name);
      return {};
    case 'remove-volume':
      await engine.removeVolume(action.name);
      return {};
  }
}
