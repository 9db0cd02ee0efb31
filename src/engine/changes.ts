// Whether anything an observation of a project reads (observe.ts) may have changed in a span of the
// engine's clock, told by the engine's events: so `up` can plan under its lock from the observation it
// made before taking it, where observing again costs a request per container (about 150 ms at 100
// services). Any doubt (an event not known to be harmless, too many events, no answer) counts as a change.
import type Docker from 'dockerode';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { LABEL } from '../plan/model.js';
import { networkName } from '../plan/sandbox.js';
import type { ChangeScope } from './engine.js';

/** An event as the engine writes it (the fields read here). */
export interface EngineEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

// Container actions that change nothing an observation reads (archive reads, attaches, terminal sizes,
// a health probe's verdict). An exec is harmless only in a service container: in a sandbox it may be
// `hitch-sandbox apply`, which rewrites the rules an observation reads.
const READS_ONLY = new Set(['attach', 'detach', 'resize', 'top', 'export', 'archive-path', 'copy']);

function containerChange(action: string, attributes: Record<string, string>, scope: ChangeScope): boolean {
  if (attributes[LABEL.lock] !== undefined) return false; // a lock, ours or a former holder's: never observed
  const ours = attributes[LABEL.project] === scope.project;
  const external = scope.externals.includes(attributes.name ?? '');
  // a container of no concern, unless renamed: it may now bear an external's name
  if (!ours && !external) return action.startsWith('rename');
  if (READS_ONLY.has(action) || action.startsWith('health_status')) return false;
  if (action.startsWith('exec_')) return !ours || attributes[LABEL.role] === 'sandbox';
  return true;
}

/** Whether `event` may change what an observation of `scope` reads. */
export function changesObservation(event: EngineEvent, scope: ChangeScope): boolean {
  const action = event.Action ?? '';
  const attributes = event.Actor?.Attributes ?? {};
  switch (event.Type) {
    case 'container':
      return containerChange(action, attributes, scope);
    case 'network':
      // every network's subnets are read; the project network's endpoints too (externals attached to it)
      return !(action === 'connect' || action === 'disconnect') || attributes.name === networkName(scope.project);
    case 'volume':
      return action !== 'mount' && action !== 'unmount';
    case 'image':
      return action !== 'push' && action !== 'save';
    case 'daemon':
      return true;
    default:
      return false; // swarm objects, plugins, the builder's cache: nothing observed
  }
}

/** More events than this in the span: the engine is busy, and its buffer of 256 may have lost some. */
const MAX_EVENTS = 100;
const WAIT_MS = 2000;

/** An RFC 3339 time with up to nanoseconds (the engine's `Created`) as nanoseconds since the epoch. */
export function nanosOf(time: string): bigint | undefined {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(time);
  const seconds = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || Number.isNaN(seconds)) return undefined;
  return BigInt(seconds) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/**
 * Whether anything `scope`'s observation reads may have changed in the `spanMs` before the lock `lockId`
 * was made, up to its making. The span is measured on this machine and placed on the engine's clock by
 * the lock's creation time, so the two clocks may disagree; the engine's events of that span come from
 * its buffer, up to the lock's own `create`, which every earlier event precedes.
 */
export async function changedBeforeLock(docker: Docker, lockId: string, spanMs: number, scope: ChangeScope): Promise<boolean> {
  const created = nanosOf((await docker.getContainer(lockId).inspect()).Created);
  if (created === undefined) return true;
  const since = created - BigInt(Math.ceil(spanMs) + 10) * 1_000_000n; // 10 ms more: rounding, and the clocks' drift
  // seconds, as the engine takes them: a double keeps them to the microsecond, well within the margin
  const stream = (await docker.getEvents({ since: Number(since) / 1e9 })) as Readable;
  stream.on('error', () => {});
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const timer = setTimeout(() => stream.destroy(), WAIT_MS);
  try {
    let seen = 0;
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const event = JSON.parse(line) as EngineEvent;
      if (event.Type === 'container' && event.Action === 'create' && event.Actor?.ID === lockId) return false;
      if (++seen > MAX_EVENTS || changesObservation(event, scope)) return true;
    }
    return true; // ended before the lock's create: cut off, or the engine hung up
  } finally {
    clearTimeout(timer);
    stream.destroy();
  }
}
