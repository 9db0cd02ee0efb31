// When a project's lock container (mutex.ts) is held, and when it is stale and anyone may remove it.
// Pure but for `thisHost` and `processTable`: the clock, the host's name and its process table are given,
// so the rule is tested as a table (test/unit/engine/lock-owner.test.ts).
import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** Who took the lock, in words users read in "project X is busy: …" and the rule below parses. */
export const OWNER_LABEL = 'io.hitch.lock.owner';

/** Which process table the owner's pid belongs to (`processTable`): a pid means nothing outside its own. */
export const PIDS_LABEL = 'io.hitch.lock.pids';

/** A lock created but never started is its creator's for this long (its holder starts it after START_DELAY_MS). */
export const START_GRACE_MS = 30_000;

/**
 * How long a holder works before it starts its lock: well within START_GRACE_MS, so a lock never looks
 * stale while its holder lives; longer than most commands on a few services, which then never pay the
 * start (about 110 ms of the engine's CPU beside their work) nor the removal of a running container (50
 * ms more than of a created one, on the critical path). The price: a holder on another host killed
 * within its first seconds holds the lock for START_GRACE_MS, where one of this host is seen gone at once.
 */
export const START_DELAY_MS = 5_000;

export function ownerLabel(command: string, pid: number, host: string): string {
  return `hitch ${command} (pid ${pid} on ${host})`;
}

// As ownerLabel writes it; the host is all up to the last `)` (os.hostname() may hold anything).
const OWNER = /^hitch \S+ \(pid ([1-9]\d{0,8}) on (.+)\)$/; // a pid below 2^31, as process.kill takes

/** The owner's process, or undefined for a label in another form (an older or foreign lock). */
export function ownerOf(label: string | undefined): { pid: number; host: string } | undefined {
  const m = OWNER.exec(label ?? '');
  return m ? { pid: Number(m[1]), host: m[2]! } : undefined;
}

const unread = Symbol('unread');
let table: string | undefined | typeof unread = unread;

/**
 * The process table this process's pid is in, where Linux tells it: the machine's boot (two machines may
 * share a host name) and the pid namespace (so do containers run with the host's network, each with pids
 * of its own). Undefined elsewhere: the host name then stands alone, as it always did.
 */
export function processTable(): string | undefined {
  // the same for the whole life of the process: read once, not at every look at a lock
  if (table === unread) table = readProcessTable();
  return table;
}

function readProcessTable(): string | undefined {
  try {
    return `${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return undefined;
  }
}

/** What the rule needs to know of the machine it runs on. */
export interface Here {
  now: number; // ms since the epoch
  host: string; // os.hostname(), as ownerLabel records it
  pids: string | undefined; // processTable(), as the lock's PIDS_LABEL records it
  alive(pid: number): boolean;
}

/** What the rule needs to know of the lock container, from its inspect. */
export interface LockState {
  running: boolean;
  status: string; // created, running, exited…
  created: string; // ISO time of the create
  owner: string | undefined; // the OWNER_LABEL
  pids: string | undefined; // the PIDS_LABEL
}

/**
 * Held while its `cat` runs, or while its creator is about to start it; stale at once, started or not,
 * when its owner is a process of this very host and process table that no longer exists (an interrupted
 * or killed hitch): waiting START_GRACE_MS for a start that cannot come only blocked the next command. An
 * owner elsewhere, one whose process table is not ours or unknown to one of us, or a label in another
 * form, keeps the rules above: its process cannot be seen from here.
 */
export function isHeld(lock: LockState, here: Here): boolean {
  const owner = ownerOf(lock.owner);
  if (owner && owner.host === here.host && lock.pids === here.pids && !here.alive(owner.pid)) return false;
  const starting = lock.status === 'created' && here.now - Date.parse(lock.created) < START_GRACE_MS;
  return lock.running || starting;
}

/** Whether a process exists: signal 0 checks without sending. EPERM is someone else's process: alive. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export function thisHost(): Here {
  return { now: Date.now(), host: hostname(), pids: processTable(), alive: pidAlive };
}
