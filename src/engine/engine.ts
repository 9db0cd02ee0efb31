/// <reference types="node" preserve="true" />
// The one small interface through which hitch reaches a container engine.
// Only src/engine implements it; plan and manifest never see dockerode.
// The library exports it, and its exec streams and log signal are Node's: the reference above, kept in
// engine.d.ts, loads @types/node (a dependency of the package) in a user's program that does not
// include it itself ("types": []).
import type { BuildSpec } from '../manifest/model.js';
import type { ContainerSpec, NetworkSpec, Role, VolumeSpec } from '../plan/model.js';
import type { ObservedState } from '../plan/observed.js';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ContainerStatus {
  running: boolean;
  health?: 'starting' | 'healthy' | 'unhealthy';
  exitCode?: number; // of its last run, when it is not running or restarting
  restarting?: boolean; // between two starts of its restart policy (the engine says running meanwhile)
  paused?: boolean; // frozen by `docker pause`: running, but nothing can run in it
  finishedAt?: string; // when it last stopped (RFC 3339); undefined if it never did
}

/** One line a container wrote, without its line break. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  time?: string; // with LogOptions.timestamps: the engine's RFC 3339 timestamp of the line
}

export interface LogOptions {
  follow: boolean;
  tail?: number; // the last N lines; default: all
  since?: string; // only lines from then on, as the engine takes a moment: "seconds.nanoseconds"
  until?: string; // only lines before then; a followed log ends at the first line after it
  timestamps?: boolean;
  signal?: AbortSignal; // ends a followed log early
}

/** What `docker exec` also sets for the command. */
export interface ExecOptions {
  user?: string;
  workdir?: string;
  env?: string[]; // "KEY=VALUE" sets it; "KEY" alone unsets it, as with `docker exec -e`
  privileged?: boolean;
}

/** A service or sandbox container of a project started or stopped (the engine's `start` and `die`). */
export interface ContainerEvent {
  action: 'start' | 'die';
  id: string;
  service: string;
  role: Role;
  time: bigint; // the engine's clock, nanoseconds since the epoch
}

/** The engine's events as they come; stop() ends them, `ended` resolves when they ended however. */
export interface EventWatch {
  stop(): void;
  readonly ended: Promise<void>;
}

/** What an attached exec reads and writes. Terminal modes (raw stdin) stay with the caller. */
export interface ExecStreams {
  stdin?: NodeJS.ReadableStream; // attached when given (`docker exec -i`)
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Allocate a TTY of this size, and follow its resizes (onResize returns the unsubscribe). */
  tty?: { size(): { rows: number; columns: number }; onResize(listener: () => void): () => void };
}

/** A container's stdio, attached: what it writes on stdout from the attach on, and lines for its stdin. */
export interface Attachment {
  /** Calls `listener` with each line the container writes on stdout from now on. */
  onLine(listener: (line: string) => void): void;
  /** Resolves once its output is over: the container exited, or the engine hung up. */
  readonly ended: Promise<void>;
  /** Writes one line to its stdin (read only by a container made with OpenStdin). */
  send(line: string): void;
  /** Lets go of it; the container runs on, its stdin open for the next attach. */
  close(): void;
}

export interface ObserveOptions {
  externals?: string[]; // names of containers hitch does not manage that the manifest links (external_links)
  /**
   * Also read what only a request per container tells (start times, a sandbox's rules):
   * planning and `check` need it; commands that only find containers by their labels do not.
   */
  runtime?: boolean;
  /**
   * Without `runtime`: read only the start times, of the containers of each service whose two containers
   * run (an inspect each): enough to see a sandbox restarted under its service (`ps`, `ls`).
   */
  startTimes?: boolean;
}

/** A project as an observation reads it: its own labelled resources, and its externals, by name. */
export interface ChangeScope {
  project: string;
  externals: readonly string[];
}

export interface Engine {
  /** The engine's address as the user would name it (DOCKER_HOST or the socket path), for messages. */
  readonly address: string;
  ping(): Promise<void>;
  /** Observe one project: its network, containers and volumes, the given images, other networks' subnets, and its externals. */
  observe(project: string, imageRefs: string[], opts?: ObserveOptions): Promise<ObservedState>;
  imageExists(ref: string): Promise<boolean>;
  buildImage(tag: string, build: BuildSpec, labels: Record<string, string>): Promise<void>;
  pullImage(ref: string): Promise<void>;
  createNetwork(spec: NetworkSpec): Promise<string>;
  removeNetwork(id: string): Promise<void>;
  /** Attaches a container hitch does not manage to `network` at a fixed address; nothing else of it changes. */
  connectNetwork(network: string, container: string, ip: string): Promise<void>;
  /** Detaches it again; a container already detached or gone is fine. */
  disconnectNetwork(network: string, container: string): Promise<void>;
  createVolume(spec: VolumeSpec): Promise<void>;
  removeVolume(name: string): Promise<void>;
  createContainer(spec: ContainerSpec): Promise<string>;
  startContainer(nameOrId: string): Promise<void>;
  /** Attaches to a container without a TTY (before its start, to miss none of its output); undefined if the engine will not. */
  attach(nameOrId: string): Promise<Attachment | undefined>;
  stopContainer(nameOrId: string, timeoutSec?: number): Promise<void>;
  removeContainer(nameOrId: string): Promise<void>;
  status(nameOrId: string): Promise<ContainerStatus>;
  exec(nameOrId: string, cmd: string[]): Promise<ExecResult>;
  /**
   * Records the rules a stopped sandbox applies when it next starts, as `hitch-sandbox apply` records
   * them; without `args`, marks those recorded as not confirmed in force. False when it is gone.
   */
  recordRules(sandbox: string, args: string[] | undefined): Promise<boolean>;
  logsTail(nameOrId: string, lines: number): Promise<string>;
  /** Calls onLine for each line of the container's log; with follow, until the container stops. */
  logs(nameOrId: string, opts: LogOptions, onLine: (line: LogLine) => void): Promise<void>;
  /** Calls onEvent for each start and stop of the project's containers from now on, in the engine's order. */
  watchContainers(project: string, onEvent: (event: ContainerEvent) => void): Promise<EventWatch>;
  /** Runs a command attached to the given streams; resolves with its exit code. */
  execAttached(nameOrId: string, cmd: string[], streams: ExecStreams, opts?: ExecOptions): Promise<number>;
  /** Starts a command attached to nothing and resolves at once (`docker exec -d`). */
  execDetached(nameOrId: string, cmd: string[], opts?: ExecOptions): Promise<void>;
  /** One attempt at the engine-side mutex `name` (mutex.ts). */
  tryLock(name: string, labels: Record<string, string>): Promise<LockAttempt>;
  /** Whether someone holds the mutex `name` now; only looks (a stale lock is left to the next taker). */
  lockHeld(name: string): Promise<boolean>;
  /**
   * Whether anything an observation of `scope` reads may have changed in the `spanMs` before the lock
   * `lockId` (held now) was made, by the engine's events (changes.ts); true when the engine cannot tell.
   */
  changedBeforeLock(lockId: string, spanMs: number, scope: ChangeScope): Promise<boolean>;
}

/** Acquired (the lock container's id, as the engine's events name it), or held by someone (their lock's labels); no holder means a stale lock was cleared: retry. */
export type LockAttempt = { acquired: true; id: string; release(): Promise<void> } | { acquired: false; holder?: Record<string, string> };
