// Builders for the executor tests: a plan of actions, and the volume, start and removal actions in it.
import type { Action, Plan } from '../../../src/plan/model.js';

export function plan(actions: Action[]): Plan {
  return { project: 'p', actions, unchanged: [], orphans: [] };
}

export function volume(id: string, waitsFor: string[] = []): Action {
  return { id, kind: 'create-volume', cause: 'not found', waitsFor, volume: { name: id, labels: {} } };
}

export function start(service: string, role: 'sandbox' | 'service'): Action {
  return { id: `start:${role}:${service}`, kind: 'start-container', cause: 'stopped', waitsFor: [], name: `${service}-${role}`, service, role };
}

export function removal(service: string, network?: string): Action {
  const name = network ? `${service}-sandbox` : service;
  return { id: `remove:${name}`, kind: 'remove-container', cause: 'down', waitsFor: [], name, containerId: name, service, ...(network ? { network } : {}) };
}
