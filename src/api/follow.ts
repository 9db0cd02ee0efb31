// `logs -f` follows services, not containers, as docker compose v2 does: a service container that
// restarts (same id) or is replaced (a new container of the service, found by its labels: a recreate by
// `up`) is read on, from its new lines, none printed twice. The engine's events say when containers
// start and stop; each line's engine timestamp says where a container's log was left.
//
// When it ends: once no container of the followed services runs or is about to run again (a restart
// policy), and no `up`, `down` or `restart` is at work on the project, since those stop a container
// and start it (or its replacement) again before they let go of the project's lock. Compose's rule is
// the first half: it ends when every container it follows has exited. With `until`, it ends then.
import type { ContainerEvent, ContainerStatus, Engine, LogLine } from '../engine/engine.js';
import { isNotFound, unlessNotFound } from '../engine/engine-errors.js';
import { projectLockHeld } from './lock.js';
import { engineTime, timestampNanos } from './log-time.js';

export interface FollowTarget {
  service: string;
  id: string; // its service container
  running: boolean;
}

export interface FollowOptions {
  tail?: number; // of the containers followed from the start; one started later is read whole
  since?: bigint; // moments (src/api/log-time.ts)
  until?: bigint;
  onLine: (service: string, line: LogLine) => void; // line.time is always there
}

/** Where one container's log was left, so that reading it again goes on from there. */
interface Cursor {
  service: string;
  lastStamp?: string; // the engine timestamp of the newest line printed
  lastExit?: bigint; // when it last stopped
  awaitingStart: boolean; // stopped since it was last read: its next start is read
  reading: Promise<void>; // its latest read, which the next one waits for: they never overlap
}

const MAX_LOCK_POLL_MS = 1000;
const MAX_TIMER_MS = 2 ** 31 - 1; // a longer delay fires at once in Node

function later(a: bigint | undefined, b: bigint | undefined): bigint | undefined {
  return a === undefined ? b : b === undefined || a > b ? a : b;
}

export class Follower {
  private readonly cursors = new Map<string, Cursor>();
  private readonly following = new AbortController(); // ends the reads that follow (finished, or past until)
  private services = new Set<string>();
  private early: ContainerEvent[] | undefined = []; // events before run(): handled once the first reads are queued
  private open = 0; // reads queued or under way
  private pastUntil = false;
  private eventsOver = false; // no later start would be seen
  private finished = false;
  private checkAgain = false;
  private checking = false;
  private timer: NodeJS.Timeout | undefined;
  private settle = { resolve: () => {}, reject: (_: unknown) => {} };

  constructor(
    private readonly engine: Engine,
    private readonly project: string,
    private readonly opts: FollowOptions,
  ) {}

  /** Give this to the engine's events before looking at the project, so no start is missed in between. */
  readonly onEvent = (event: ContainerEvent): void => {
    if (this.early) this.early.push(event);
    else this.handle(event);
  };

  /** Follows the targets' services until the end (see above); `eventsEnded` resolves when the events do. */
  async run(targets: FollowTarget[], eventsEnded: Promise<void>): Promise<void> {
    const done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.services = new Set(targets.map((t) => t.service));
    // a container stopped now: its next start's lines are those after its last run
    const exits = await Promise.all(targets.map((t) => (t.running ? undefined : this.lastExit(t.id))));
    targets.forEach((t, i) => {
      this.cursors.set(t.id, { service: t.service, lastExit: exits[i], awaitingStart: !t.running, reading: Promise.resolve() });
      this.read(t.id, undefined, this.opts.tail);
    });
    for (const event of this.early ?? []) this.handle(event);
    this.early = undefined;
    this.stopAtUntil();
    void eventsEnded.then(() => {
      this.eventsOver = true;
      this.check();
    });
    this.check();
    return done;
  }

  /** The container's state as it is now; undefined once it is gone. */
  private status(id: string): Promise<ContainerStatus | undefined> {
    return unlessNotFound(this.engine.status(id));
  }

  private async lastExit(id: string): Promise<bigint | undefined> {
    const finishedAt = (await this.status(id))?.finishedAt;
    return finishedAt === undefined ? undefined : timestampNanos(finishedAt);
  }

  /**
   * The engine ends a followed log at `until` only when a later line comes, so a quiet container would
   * be followed for ever: at `until` the reads stop following, and each reads what it has not yet printed.
   */
  private stopAtUntil(): void {
    if (this.opts.until === undefined) return;
    const wait = Number(this.opts.until / 1_000_000n) - Date.now();
    if (wait > MAX_TIMER_MS) return;
    this.timer = setTimeout(() => {
      this.pastUntil = true;
      this.following.abort();
      this.check();
    }, Math.max(0, wait));
  }

  private handle(event: ContainerEvent): void {
    if (event.role !== 'service' || !this.services.has(event.service) || this.finished || this.pastUntil) return;
    const cursor = this.cursors.get(event.id);
    if (event.action === 'die') {
      if (cursor) Object.assign(cursor, { lastExit: event.time, awaitingStart: true });
      return this.check();
    }
    if (cursor && !cursor.awaitingStart) return; // a start from before we looked: its run is being read
    if (cursor) cursor.awaitingStart = false;
    else this.cursors.set(event.id, { service: event.service, awaitingStart: false, reading: Promise.resolve() }); // a new container: all of it
    // its last stop, taken now: by the time the read starts, this new run may be over too
    this.read(event.id, cursor?.lastExit);
  }

  /** Queues a read of the container's log after its previous one, from `since` (its last stop) on. */
  private read(id: string, since: bigint | undefined, tail?: number): void {
    const cursor = this.cursors.get(id)!;
    const previous = cursor.reading;
    this.open++;
    cursor.reading = (async () => {
      await previous;
      try {
        const from = later(this.opts.since, since);
        if (!this.finished && !this.pastUntil) await this.readFrom(cursor, id, from, tail, true);
        if (!this.finished && this.pastUntil) await this.readFrom(cursor, id, from, tail, false);
      } catch (err) {
        this.fail(err);
      } finally {
        this.open--;
        this.check();
      }
    })();
  }

  /** Prints the container's lines from `since` or the one after the last printed, whichever is later. */
  private async readFrom(cursor: Cursor, id: string, since: bigint | undefined, tail: number | undefined, follow: boolean): Promise<void> {
    const printed = cursor.lastStamp === undefined ? undefined : timestampNanos(cursor.lastStamp);
    const opts = {
      follow,
      timestamps: true,
      tail: printed === undefined ? tail : undefined,
      since: engineTime(later(since, printed === undefined ? undefined : printed + 1n)),
      until: engineTime(this.opts.until),
      ...(follow ? { signal: this.following.signal } : {}),
    };
    await this.engine
      .logs(id, opts, (line) => {
        cursor.lastStamp = line.time ?? cursor.lastStamp;
        this.opts.onLine(cursor.service, line);
      })
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err; // removed before it could be read: nothing of it to print
      });
  }

  /** Asks whether following is over; asked again after a check under way, which may have looked too early. */
  private check(): void {
    this.checkAgain = true;
    if (this.checking || this.finished) return;
    this.checking = true;
    void (async () => {
      try {
        while (this.checkAgain && !this.finished) {
          this.checkAgain = false;
          if (await this.over()) this.finish();
        }
      } catch (err) {
        this.fail(err);
      } finally {
        this.checking = false;
      }
    })();
  }

  private async over(): Promise<boolean> {
    if (this.open > 0) return false;
    if (this.pastUntil || this.eventsOver) return true;
    for (let delay = 100; await projectLockHeld(this.engine, this.project); delay = Math.min(delay * 2, MAX_LOCK_POLL_MS)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (this.open > 0 || this.finished) return false;
    }
    // the containers by label, each then asked for its state: the engine's list can lag behind a stop
    const { containers } = await this.engine.observe(this.project, []);
    const followed = containers.filter((c) => c.role === 'service' && this.services.has(c.service));
    const states = await Promise.all(followed.map((c) => this.status(c.id)));
    return !states.some((s) => s?.running || s?.restarting);
  }

  private stop(): Promise<void> {
    this.finished = true;
    clearTimeout(this.timer);
    this.following.abort();
    return Promise.all([...this.cursors.values()].map((c) => c.reading)).then(() => {});
  }

  private finish(): void {
    if (this.finished) return;
    void this.stop().then(() => this.settle.resolve());
  }

  private fail(err: unknown): void {
    if (this.finished) return;
    void this.stop().then(() => this.settle.reject(err));
  }
}
