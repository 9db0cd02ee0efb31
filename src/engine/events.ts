// The engine's event stream for one project's containers: when they start and stop, by the engine's clock.
import type Docker from 'dockerode';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { LABEL, type Role } from '../plan/model.js';
import type { ContainerEvent, EventWatch } from './engine.js';

interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

/** One line of the stream (one JSON object) as a ContainerEvent; undefined for any other event. */
export function containerEvent(line: string): ContainerEvent | undefined {
  const event = JSON.parse(line) as EngineEvent;
  // timeNano is past 2^53: read from the text, not from the number JSON.parse rounds
  const nanos = /"timeNano":(\d+)/.exec(line)?.[1];
  const action = event.Action;
  const attributes = event.Actor?.Attributes ?? {};
  if (event.Type !== 'container' || (action !== 'start' && action !== 'die') || !nanos || !event.Actor?.ID) return undefined;
  const role = (attributes[LABEL.role] ?? 'service') as Role;
  return { action, id: event.Actor.ID, service: attributes[LABEL.service] ?? '', role, time: BigInt(nanos) };
}

export async function watchContainers(docker: Docker, project: string, onEvent: (event: ContainerEvent) => void): Promise<EventWatch> {
  const filters = { type: ['container' as const], event: ['start', 'die'], label: [`${LABEL.project}=${project}`] };
  const stream = (await docker.getEvents({ filters })) as Readable;
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const event = line.trim() === '' ? undefined : containerEvent(line);
    if (event) onEvent(event);
  });
  // a reset connection (the engine went away) ends the events like any other end
  stream.on('error', () => {});
  const ended = new Promise<void>((resolve) => stream.once('close', resolve));
  return { stop: () => void stream.destroy(), ended };
}
