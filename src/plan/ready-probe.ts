// The probe that holds a parent's start until a child is ready (DESIGN.md "Readiness"): healthy if it has
// a healthcheck, else running and accepting TCP on the ports it offers its parents, probed from the
// parent's sandbox, through the child's firewall. `up` and `start` plan it (reconcile.ts), and so does
// `restart` for the children it restarts (restart-plan.ts).
import type { PortSpec, Service } from '../manifest/model.js';
import type { Action } from './model.js';
import type { ObservedState } from './observed.js';

export type AwaitReady = Extract<Action, { kind: 'await-ready' }>;

/** Who waits, and where the probe goes: from the parent's sandbox to the child's container at its address. */
export interface ProbePath {
  parent: string;
  from: string; // the parent's sandbox
  container: string; // the child's service container
  ip: string; // the child's address on the project network
}

/** `offered`: the ports the child offers its parents (offers.ts); `observed`: for its image's HEALTHCHECK. */
export function readyProbe(child: Service, offered: readonly PortSpec[], observed: ObservedState, path: ProbePath, cause: string, waitsFor: string[]): AwaitReady {
  const test = child.healthcheck?.test;
  return {
    id: `ready:${child.name}@${path.parent}`,
    kind: 'await-ready',
    cause,
    waitsFor,
    service: child.name,
    container: path.container,
    from: path.from,
    target: { ip: path.ip, tcpPorts: offered.filter((p) => p.proto === 'tcp').map((p) => p.port) },
    // the service's own healthcheck (one with no test keeps the image's), else its image's HEALTHCHECK
    healthcheck: test !== undefined ? test[0] !== 'NONE' : observed.images[child.image]?.healthcheck === true,
    timeoutMs: child.readyTimeoutMs,
  };
}
