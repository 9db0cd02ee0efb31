// The floor: the engine operations hitch's own plan contains (network, sandboxes, service containers),
// issued straight through dockerode with ideal scheduling: everything at once, each container as soon
// as the containers it needs exist, no readiness probes, no observation, no progress display. Only what
// keeps dockerd 20.10's endpoint count exact (moby#42119, see README "Reliability") is kept from hitch's
// schedule: a sandbox is started off the network and joins it, and leaves it before it stops, one at a
// time; without that, a `down` of 100 stopped at once left the network impossible to remove.
import Docker from 'dockerode';
import { loadManifest } from '../dist/manifest/index.js';
import { DockerEngine } from '../dist/engine/docker-engine.js';
import { planUp } from '../dist/api/plan-up.js';
import { createOptions } from '../dist/engine/container-config.js';
import { endpointQueue } from '../dist/engine/endpoint-queue.js';
import { LABEL } from '../dist/plan/model.js';
import { timeAsync } from './timing.mjs';

const docker = new Docker();

async function runCreates(plan) {
  const endpoints = endpointQueue();
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
        const net = a.container.network; // sandboxes only
        if (net) await docker.getNetwork(net.name).disconnect({ Container: c.id });
        await c.start();
        if (net) await endpoints(() => docker.getNetwork(net.name).connect({ Container: c.id, EndpointConfig: { IPAMConfig: { IPv4Address: net.ip } } }));
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

/** Milliseconds for the ideal `down`: every container stopped and removed at once, each sandbox once it left the network, then the network. */
export async function floorDown(project) {
  const filters = { label: [`${LABEL.project}=${project}`] };
  const endpoints = endpointQueue();
  return timeAsync(async () => {
    const [containers, networks] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters })]);
    await Promise.all(containers.map(async (c) => {
      const container = docker.getContainer(c.Id);
      if (c.Labels[LABEL.role] === 'sandbox') await endpoints(() => Promise.all(networks.map((n) => docker.getNetwork(n.Id).disconnect({ Container: c.Id }).catch(() => {}))));
      await container.stop().catch(() => {}); // already stopped is fine
      await container.remove();
    }));
    await Promise.all(networks.map((n) => docker.getNetwork(n.Id).remove()));
  });
}
