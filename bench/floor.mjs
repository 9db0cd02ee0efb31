// The floor: the engine operations hitch's own plan contains (network, sandboxes, service containers),
// issued straight through dockerode with ideal scheduling: everything at once, each container as soon
// as the containers it needs exist, no readiness probes, no observation, no progress display.
import Docker from 'dockerode';
import { loadManifest } from '../dist/manifest/index.js';
import { DockerEngine } from '../dist/engine/docker-engine.js';
import { planUp } from '../dist/api/plan-up.js';
import { createOptions } from '../dist/engine/container-config.js';
import { timeAsync } from './timing.mjs';

const docker = new Docker();

async function runCreates(plan) {
  const done = new Map();
  const byId = new Map(plan.actions.map((a) => [a.id, a]));
  const run = (a) => {
    if (done.has(a.id)) return done.get(a.id);
    const p = (async () => {
      await Promise.all(a.waitsFor.filter((id) => byId.has(id)).map((id) => run(byId.get(id))));
      if (a.kind === 'create-network') {
        const s = a.network;
        await docker.createNetwork({ Name: s.name, Labels: s.labels, IPAM: { Config: [{ Subnet: s.subnet, Gateway: s.gateway }] } });
      } else if (a.kind === 'create-container') {
        const c = await docker.createContainer(createOptions(a.container));
        await c.start();
      }
    })();
    done.set(a.id, p);
    return p;
  };
  await Promise.all(plan.actions.map(run));
}

/** Milliseconds for the ideal `up` from nothing; the stack is left running. */
export async function floorUp(file) {
  const { manifest } = await loadManifest({ file });
  const plan = await planUp(new DockerEngine(), manifest);
  return timeAsync(() => runCreates(plan));
}

/**
 * Milliseconds for the ideal `down`: every container stopped and removed at once, then the network.
 * Stopped first, as hitch and compose do: force-removing dozens of running containers at once leaves
 * dockerd 20.10 with a stale endpoint count on their network (moby#42119), which then cannot be removed.
 */
export async function floorDown(project) {
  const filters = { label: [`io.hitch.project=${project}`] };
  return timeAsync(async () => {
    const containers = await docker.listContainers({ all: true, filters });
    await Promise.all(containers.map(async (c) => {
      const container = docker.getContainer(c.Id);
      await container.stop().catch(() => {}); // already stopped is fine
      await container.remove();
    }));
    const networks = await docker.listNetworks({ filters });
    await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
  });
}
