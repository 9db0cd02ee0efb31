// How the executor picks which ready action runs next when every slot is busy: the one with the longest
// chain of actions still waiting on it. Arrival order would run all sandboxes first (they wait only for
// the network), and a deep stack's leaf service would queue behind every parent's sandbox although a
// whole chain of readiness probes and starts waits on it.
import type { Action } from '../plan/model.js';

/** Each action's critical path: itself plus the longest chain of actions that wait on it, transitively. */
export function criticalPaths(actions: readonly Action[]): Map<string, number> {
  const waiters = new Map<string, string[]>(actions.map((a) => [a.id, []]));
  for (const a of actions) for (const dep of a.waitsFor) waiters.get(dep)?.push(a.id);
  const length = new Map<string, number>();
  const visit = (id: string): number => {
    const known = length.get(id);
    if (known !== undefined) return known;
    length.set(id, 1); // a cycle (never in a valid plan) ends here instead of recursing forever
    const own = 1 + Math.max(0, ...waiters.get(id)!.map(visit));
    length.set(id, own);
    return own;
  };
  for (const a of actions) visit(a.id);
  return length;
}

/** Each action's rank: its critical path, and above any other action those that `goFirst`. */
export function priorities(actions: readonly Action[], goFirst: (action: Action) => boolean): Map<string, number> {
  const chains = criticalPaths(actions);
  return new Map(actions.map((a) => [a.id, chains.get(a.id)! + (goFirst(a) ? actions.length : 0)]));
}

/** A running work's hold on its slot. */
export interface Slot {
  /**
   * Frees the slot while `wait` runs and takes it back (by priority) after: for a turn in a queue that is
   * its own bound, where a held slot would only keep ready work from running.
   */
  aside<U>(wait: () => Promise<U>): Promise<U>;
}

export type Limiter = <T>(work: (slot: Slot) => Promise<T>, priority: number) => Promise<T>;

/** At most `max` at once; a freed slot goes to the waiter of highest priority (the earliest among equals). */
export function priorityLimiter(max: number): Limiter {
  let active = 0;
  const queue: Array<{ priority: number; go: () => void }> = [];
  // nothing to wait for when a slot is free: the work then starts in the caller's own turn
  const acquire = (priority: number): Promise<void> | undefined => {
    if (active < max) {
      active++;
      return undefined;
    }
    return new Promise<void>((go) => {
      const at = queue.findIndex((w) => w.priority < priority);
      queue.splice(at < 0 ? queue.length : at, 0, { priority, go });
    });
  };
  // A freed slot passes straight to the next waiter: counting it free in between would let a newcomer
  // take it too, one over the bound. It passes once the work's own waiters have had their turn to queue
  // (a macrotask later): handed on at once, it went to whoever waited already, even below them.
  const release = () =>
    setImmediate(() => {
      const next = queue.shift();
      if (next) next.go();
      else active--;
    });
  return async (work, priority) => {
    const turn = acquire(priority);
    if (turn) await turn;
    let state: 'held' | 'aside' | 'ended' = 'held';
    const slot: Slot = {
      async aside(wait) {
        // one wait at a time, while the work runs: anything else would count the slot twice, or not at all
        if (state !== 'held') throw new Error(`slot.aside called while the slot is ${state === 'aside' ? 'already aside' : 'released'}`);
        state = 'aside';
        release();
        try {
          return await wait();
        } finally {
          await acquire(priority);
          state = 'held';
        }
      },
    };
    try {
      return await work(slot);
    } finally {
      state = 'ended';
      release();
    }
  };
}
