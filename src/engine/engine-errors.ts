// Turns dockerode's failures into values hitch can reason about and show to users.
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { unpauseRemedy } from '../plan/paused.js';
import { UserError } from '../user-error.js';

export interface DockerodeError {
  statusCode?: number;
  code?: string;
  syscall?: string; // node's, on a system error: 'connect', 'getaddrinfo', 'scandir', 'open'…
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
}

export function statusOf(err: unknown): number | undefined {
  return (err as DockerodeError)?.statusCode;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** What `request` gives, or undefined when the engine has no such object (404); other failures stay failures. */
export function unlessNotFound<T>(request: Promise<T>): Promise<T | undefined> {
  return request.catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
}

/** The engine's own words, without dockerode's "(HTTP code 409) conflict -" prefix. */
export function engineMessage(err: unknown): string {
  const e = err as DockerodeError;
  const fromJson = e?.json?.message;
  if (typeof fromJson === 'string' && fromJson) return fromJson;
  return (e?.message ?? String(err)).replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/**
 * The engine refusing an exec (409) in a container that runs nothing at that moment, as what to do: one
 * paused ("… is paused, unpause the container before exec"); one its restart policy has between two
 * starts ("… is restarting, wait until the container is running"), which may keep exiting; or one that
 * stopped ("… is not running") since the command looked at it.
 */
export function execRefusal(err: unknown, container: string): UserError | undefined {
  if (statusOf(err) !== 409) return undefined;
  const said = engineMessage(err);
  const cannot = `cannot run a command in ${container}`;
  if (/ is paused\b/.test(said)) return new UserError(`${cannot}: it is paused`, unpauseRemedy([container]));
  if (/ is restarting\b/.test(said)) {
    return new UserError(
      `${cannot}: it is restarting (it exited, and its restart policy starts it again)`,
      `see why with \`docker logs ${container}\`; once it runs, run this again, or make its service anew with \`hitch up --force-recreate --no-deps SERVICE\``,
    );
  }
  if (/ is not running\b/.test(said)) return new UserError(`${cannot}: it is not running (it stopped meanwhile)`, `start its service with \`hitch start SERVICE\` or \`hitch up\`, then run this again`);
  return undefined;
}

/**
 * The host address of a published port something else holds, from the engine's own words: its userland
 * proxy's "listen tcp4 127.0.0.1:8080: bind: address already in use", or, when another container holds
 * it, "Bind for 0.0.0.0:8080 failed: port is already allocated".
 */
export function takenPort(message: string): string | undefined {
  const proxy = /listen (tcp|udp)\d? (\S+): bind: address already in use/.exec(message);
  if (proxy) return `${proxy[2]}/${proxy[1]}`;
  return /Bind for (\S+) failed: port is already allocated/.exec(message)?.[1];
}

export function portTaken(port: string, service: string, detail: string): UserError {
  return new UserError(
    `port ${port} of service "${service}" is already in use on the host: ${detail}`,
    `stop what holds ${port} (\`ss -ltnup\`, \`docker ps\`), or publish another host port in ports: of service "${service}"`,
  );
}

/**
 * A refusal to create or start a container, whose way out is a correction and then `up`. The engine throws
 * it without knowing how the project was named (its remedy says a bare `hitch`); the executor, told in its
 * options, words it as given (`named`), so that the remedy works when pasted.
 */
export class RefusedError extends UserError {
  constructor(
    message: string,
    private readonly remedyFor: (hitch: Invocation) => string,
    hitch: Invocation = {},
  ) {
    super(message, remedyFor(hitch));
  }

  named(hitch: Invocation): RefusedError {
    return new RefusedError(this.message, this.remedyFor, hitch);
  }
}

/**
 * The engine refusing to create a container of `spec.service` for a reason hitch has no word of its own
 * for: a setting it finds invalid that the manifest's checks let through (a bind mount on `/`), or
 * something on the engine (an image removed meanwhile). Its words say which; hitch does not guess.
 */
export function createRefused(spec: { name: string; service: string }, detail: string): RefusedError {
  return new RefusedError(
    `cannot create ${spec.name}: ${detail}`,
    (hitch) => `correct what the engine names, in service "${spec.service}" of the manifest (\`${hitchCommand(hitch, 'config')}\` shows it as hitch reads it) or on the engine, then run \`${hitchCommand(hitch, 'up')}\` again: it converges from where this run stopped`,
  );
}

/**
 * The engine refusing to start a container of `service`: most often its command names a program the image
 * does not have (runc's "executable file not found", or "no such file or directory" for a path), else a
 * setting only a start checks (a `user:` group the image lacks, a `working_dir` that is a file). Its words
 * say which; `hitch up` starts what is left stopped once it is corrected.
 */
export function startRefused(name: string, service: string, detail: string): RefusedError {
  const missingProgram = /exec: .*(executable file not found|no such file or directory)/i.test(detail);
  const what = (hitch: Invocation) =>
    missingProgram
      ? `the command of service "${service}" names a program its image does not have: correct command: or entrypoint: (or the image)`
      : `correct what the engine names, in service "${service}" of the manifest (\`${hitchCommand(hitch, 'config')}\` shows it as hitch reads it) or on the engine`;
  return new RefusedError(`cannot start ${name}: ${detail}`, (hitch) => `${what(hitch)}, then run \`${hitchCommand(hitch, 'up')}\``);
}

/** Another network took the subnet between observing and creating (e.g. two `up`s at once). */
export class SubnetTakenError extends UserError {
  constructor(
    readonly subnet: string,
    detail: string,
  ) {
    super(`subnet ${subnet} is already used by another network: ${detail}`, 'pick another `subnet:` in the manifest, or remove it to let hitch choose');
  }
}

/** A network that refuses removal for its endpoints, with the containers still attached to it, by name. */
export class NetworkBusyError extends Error {
  constructor(message: string, readonly attached: string[]) {
    super(message);
  }
}
