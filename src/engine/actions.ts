// What each kind of Action means on the engine. No decisions here: the plan already made them.
import type { Action, ContainerSpec, FirewallUpdate, Role } from '../plan/model.js';
import { firewallArgs } from '../plan/firewall.js';
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { runsNow } from '../plan/observed.js';
import { unpauseRemedy } from '../plan/paused.js';
import { UserError } from '../user-error.js';
import type { ContainerStatus, Engine } from './engine.js';
import { unqueued, type EndpointQueue } from './endpoint-queue.js';
import { NetworkBusyError, unlessNotFound } from './engine-errors.js';
import { awaitReady } from './readiness.js';
import type { SandboxChannels } from './sandbox-channel.js';
import { awaitFirewall, startSandbox } from './sandbox-ready.js';

const NETWORK_BUSY_RETRIES = 10;
const FOREIGN_ENDPOINT_RETRIES = 3; // an attached container is listed at once: no need to wait the whole while

async function removeNetwork(engine: Engine, id: string, name: string, hitch: Invocation): Promise<void> {
  // Endpoints of just-removed containers can linger for a moment: retry, then say so.
  for (let attempt = 1; ; attempt++) {
    try {
      return await engine.removeNetwork(id);
    } catch (err) {
      if (!(err instanceof NetworkBusyError)) throw err;
      // every container of the project is gone by now: one still attached is someone else's, and stays
      if (err.attached.length > 0 && attempt >= FOREIGN_ENDPOINT_RETRIES) {
        const [first] = err.attached;
        throw new UserError(
          `network ${name} still has containers hitch does not manage attached: ${err.attached.join(', ')}`,
          `disconnect them (\`docker network disconnect ${name} ${first}\`${err.attached.length > 1 ? ', and so on' : ''}), then run \`${hitchCommand(hitch, 'down')}\` again`,
        );
      }
      if (attempt >= NETWORK_BUSY_RETRIES) {
        throw new UserError(
          `network ${name} still has active endpoints after ${attempt} attempts`,
          `find them with \`docker network inspect ${name}\`, disconnect or remove them, then run \`${hitchCommand(hitch, 'down')}\` again; if it lists none, dockerd's count is stale (moby#42119) and only restarting dockerd clears it`,
        );
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/**
 * Graceful: the container's own stop signal and timeout (stop_signal, stop_grace_period). A sandbox holds
 * no state, so it gets no stop: it first leaves the project's network, in its turn (the disconnect returns
 * once its endpoint is gone, and holds the queue a quarter of the time a stop would), and is then removed
 * as it runs, which touches no endpoint of that network any more. (Removing sandboxes still on the
 * network, many at once, is what made the stale count of endpoint-queue.ts frequent.)
 */
async function stopAndRemove(engine: Engine, id: string, endpoints: EndpointQueue, network?: string): Promise<void> {
  if (network) await endpoints(() => engine.disconnectNetwork(network, id));
  else await engine.stopContainer(id);
  await engine.removeContainer(id);
}

/** A sandbox leaving the network: its first engine call is a turn in the endpoint queue (stopAndRemove). */
export function leavesNetworkFirst(action: Action): boolean {
  return action.kind === 'remove-container' && action.network !== undefined;
}

/** What an action learnt on the way: a firewall's chain as the kernel listed it once applied. */
export interface ActionOutput {
  firewall?: { service: string; listing: string };
}

/** A started sandbox counts as started only once its firewall is in force (sandbox-ready.ts). */
async function startContainer(engine: Engine, name: string, service: string, role: Role, opts: Run): Promise<ActionOutput> {
  if (role !== 'sandbox') {
    await engine.startContainer(name);
    return {};
  }
  // a sandbox made before: its endpoint is in its config and comes back as it starts
  await opts.endpoints(() => engine.startContainer(name));
  return { firewall: { service, listing: await awaitFirewall(engine, name, service, opts) } };
}

/**
 * A new sandbox is created on the project's network (which gives it its network mode) and leaves it
 * before it ever runs: for a container not running, that only edits its config. It then starts with no
 * endpoint, side by side with others; once its rules are in force it joins the network at its address,
 * in the endpoint queue. Only the join waits its turn, not the whole start, and no packet reaches it
 * before its firewall. A sandbox left off the network by an interrupted `up` is recreated (`detached`).
 */
async function createSandbox(engine: Engine, spec: ContainerSpec, opts: Run): Promise<ActionOutput> {
  const network = spec.network!;
  if (!opts.created) await engine.createContainer(spec);
  await engine.disconnectNetwork(network.name, spec.name);
  const listing = await startSandbox(engine, spec.name, spec.service, opts, opts.sandboxes);
  await opts.endpoints(() => engine.connectNetwork(network.name, spec.name, network.ip));
  return { firewall: { service: spec.service, listing } };
}

async function createAndStart(engine: Engine, spec: ContainerSpec, opts: Run): Promise<ActionOutput> {
  if (spec.role === 'sandbox') return createSandbox(engine, spec, opts);
  if (!opts.created) await engine.createContainer(spec);
  return startContainer(engine, spec.name, spec.service, spec.role, opts);
}

export interface RunOptions extends Invocation {
  /** The container of a create-container action already exists (made early, see `createAfter`). */
  created?: boolean;
  /** Shared by every action of one plan; without it, endpoint calls run as they come (a lone action). */
  endpoints?: EndpointQueue;
  /** Shared by every action of one plan: the sandboxes' attached stdio, for readiness probes without an exec. */
  sandboxes?: SandboxChannels;
}

/**
 * `hitch-sandbox apply` in the running sandbox, which lists the chain once it took the rules. A stopped
 * one gets them recorded for its next start. The sandbox is looked at first, whatever the plan saw: it
 * may have stopped, started or been paused since. Something may start it between that look and the
 * record, and it may have read the old ones: then they are applied as well, and if that fails the record
 * is marked not confirmed, so the next `up` does not take it for the rules in force.
 */
async function updateFirewall(engine: Engine, action: FirewallUpdate, hitch: Invocation): Promise<ActionOutput> {
  const args = firewallArgs(action.firewall);
  const before = await look(engine, action, hitch);
  if (!before) return {}; // removed meanwhile: nothing will start it
  if (runsNow(before)) return applyRules(engine, action, args, hitch);
  if (!(await engine.recordRules(action.sandbox, args))) return {};
  const after = await look(engine, action, hitch);
  if (!after || !runsNow(after)) return {};
  return applyRules(engine, action, args, hitch).catch(async (err: unknown) => {
    const unmarked = await engine.recordRules(action.sandbox, undefined).then(() => undefined, (e: unknown) => e as Error);
    if (!unmarked) throw err;
    // the record claims rules the kernel may not hold: a start makes it apply them
    throw new UserError(`${(err as Error).message}; nor could its recorded rules be marked as not in force: ${unmarked.message}`, `restart it (\`${hitchCommand(hitch, `restart ${action.service}`)}\`): it applies the rules recorded for it when it starts`);
  });
}

/** The sandbox as it is now (undefined: removed); a paused one can neither apply rules nor read them at a start. */
async function look(engine: Engine, action: FirewallUpdate, hitch: Invocation): Promise<ContainerStatus | undefined> {
  const status = await unlessNotFound(engine.status(action.sandbox));
  if (status?.paused) throw new UserError(`cannot update the firewall of ${action.service}: its sandbox ${action.sandbox} is paused`, `${unpauseRemedy([action.sandbox])}, then run \`${hitchCommand(hitch, 'up')}\``);
  return status;
}

async function applyRules(engine: Engine, action: FirewallUpdate, args: string[], hitch: Invocation): Promise<ActionOutput> {
  const res = await engine.exec(action.sandbox, ['hitch-sandbox', 'apply', ...args]);
  if (res.exitCode !== 0) {
    // an orphan's rules are cut on every `up` until they are: removing it ends that
    const remedy = action.orphan ? `${action.service} is not in the manifest: remove it with \`${hitchCommand(hitch, 'up --remove-orphans')}\`` : undefined;
    throw new UserError(`cannot update the firewall of ${action.service}: ${res.stderr.trim()}`, remedy);
  }
  return { firewall: { service: action.service, listing: res.stdout } };
}

/** RunOptions with the endpoint queue settled (for a lone action, calls run as they come). */
type Run = RunOptions & { endpoints: EndpointQueue };

export async function runAction(engine: Engine, action: Action, options: RunOptions = {}): Promise<ActionOutput> {
  const opts: Run = { ...options, endpoints: options.endpoints ?? unqueued };
  const { endpoints } = opts;
  switch (action.kind) {
    case 'create-network':
      await engine.createNetwork(action.network);
      return {};
    case 'create-volume':
      await engine.createVolume(action.volume);
      return {};
    case 'recreate-container':
      if (action.replaces) await stopAndRemove(engine, action.replaces, endpoints, action.container.network?.name); // only a sandbox's spec has one
      return createAndStart(engine, action.container, { ...opts, created: false });
    case 'create-container':
      return createAndStart(engine, action.container, opts);
    case 'start-container':
      return startContainer(engine, action.name, action.service, action.role, opts);
    case 'restart-container':
      // graceful: the container's own stop signal and timeout (`hitch restart -t` may give another);
      // started again, it joins its sandbox's namespace as it is now
      await engine.stopContainer(action.name, action.stopTimeoutSec);
      return startContainer(engine, action.name, action.service, action.role, opts);
    case 'update-firewall':
      return updateFirewall(engine, action, opts);
    case 'await-ready':
      await awaitReady(engine, action, opts, opts.sandboxes);
      return {};
    case 'connect-external':
      await endpoints(() => engine.connectNetwork(action.network, action.container, action.ip));
      return {};
    case 'disconnect-external':
      await endpoints(() => engine.disconnectNetwork(action.network, action.container));
      return {};
    case 'remove-container':
      await stopAndRemove(engine, action.containerId, endpoints, action.network);
      return {};
    case 'remove-network':
      await removeNetwork(engine, action.networkId, action.name, opts);
      return {};
    case 'remove-volume':
      await engine.removeVolume(action.name);
      return {};
  }
}
