// `restart`'s plan, run by the executor as `up`'s and `start`'s are: each service container stopped and
// started again, children before parents, its sandbox brought back first if it does not run (started,
// firewall in force; a restarting one stopped first, which ends its restart loop). A parent restarts once
// the children this restart restarts are ready again, probed as `start` probes them (ready-probe.ts), when
// a manifest says what ready is for them: under `-p NAME` none is read, and it waits for their restart only.
import type { Manifest } from '../manifest/model.js';
import type { Action, Plan } from './model.js';
import { offeredPorts } from './offers.js';
import { runsNow, type ObservedContainer, type ObservedState } from './observed.js';
import { readyProbe, type AwaitReady } from './ready-probe.js';

/** A service to restart: both its containers, as observed. */
export interface RestartTarget {
  service: string;
  sandbox: ObservedContainer;
  main: ObservedContainer;
}

export interface RestartPlanInput {
  project: string;
  targets: RestartTarget[]; // in start order, children first
  observed: ObservedState; // with the manifest's images, for what they offer and their HEALTHCHECK
  manifest?: Manifest; // what makes each child ready; absent under -p
  stopTimeoutSec?: number; // `restart -t`
}

type Restart = Extract<Action, { kind: 'start-container' | 'restart-container' }>;

/** A sandbox that does not run is brought back before its service restarts into its namespace. */
function sandboxAction(t: RestartTarget, stopTimeoutSec: number | undefined): Restart | undefined {
  if (runsNow(t.sandbox)) return undefined;
  const { name } = t.sandbox;
  const common = { cause: 'restart', waitsFor: [], name, service: t.service, role: 'sandbox' as const };
  return t.sandbox.restarting ? { ...common, id: `restart ${name}`, kind: 'restart-container', stopTimeoutSec } : { ...common, id: `start ${name}`, kind: 'start-container' };
}

/** The probe of `child` from `parent`'s sandbox, when the manifest knows the child and the engine its address. */
function probeOf(input: RestartPlanInput, parent: RestartTarget, child: RestartTarget, waitsFor: string[]): AwaitReady | undefined {
  const service = input.manifest?.services[child.service];
  const ip = child.sandbox.ip ?? child.main.ip;
  if (!service || !ip) return undefined;
  const path = { parent: parent.service, from: parent.sandbox.name, container: child.main.name, ip };
  return readyProbe(service, offeredPorts(service, input.observed), input.observed, path, `${parent.service} restarts`, waitsFor);
}

export function planRestart(input: RestartPlanInput): Plan {
  const actions: Action[] = [];
  const restarts = new Map<string, Restart>(); // by service, those planned so far: the children of the next
  for (const t of input.targets) {
    const sandbox = sandboxAction(t, input.stopTimeoutSec);
    const children = (t.main.links ?? []).flatMap((c) => {
      const restart = restarts.get(c);
      return restart ? [{ restart, target: input.targets.find((x) => x.service === c)! }] : [];
    });
    const waits = (ids: Array<string | undefined>) => ids.filter((id): id is string => id !== undefined);
    const probes = children.flatMap((c) => probeOf(input, t, c.target, waits([c.restart.id, sandbox?.id])) ?? []);
    const own: Restart = {
      id: `restart ${t.main.name}`,
      kind: 'restart-container',
      cause: 'restart',
      waitsFor: waits([sandbox?.id, ...children.map((c) => c.restart.id), ...probes.map((p) => p.id)]),
      name: t.main.name,
      service: t.service,
      role: 'service',
      stopTimeoutSec: input.stopTimeoutSec,
    };
    actions.push(...(sandbox ? [sandbox] : []), ...probes, own);
    restarts.set(t.service, own);
  }
  return { project: input.project, actions, unchanged: [], orphans: [] };
}
