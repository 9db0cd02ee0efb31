// The engine did not answer: told apart from every other failure, for the user and for a library user.
import { UserError } from '../user-error.js';
import type { DockerodeError } from './engine-errors.js';

// Codes only a connection gives: whatever the call did, the engine did not answer it.
const CONNECTION_FAILED = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);
// Codes a file gives too (a build context's `scandir`): the engine's only when connecting to its socket.
const SOCKET_FAILED = new Set(['ENOENT', 'EACCES', 'EPERM']);

/**
 * Whether the engine's socket or address could not be reached, as node's net module reports it
 * (`connect ENOENT /var/run/docker.sock`, `getaddrinfo ENOTFOUND host`). A local file error during a
 * call (a build context that vanished: `scandir` ENOENT) is not: it is reported as what it is.
 */
export function isUnreachable(err: unknown): boolean {
  const { code, syscall } = (err ?? {}) as DockerodeError;
  if (typeof code !== 'string') return false;
  if (syscall === 'getaddrinfo') return true; // the host name in DOCKER_HOST does not resolve
  return CONNECTION_FAILED.has(code) || (syscall === 'connect' && SOCKET_FAILED.has(code));
}

/**
 * The engine at `address` did not answer: a class of its own, so a library user tells it from a mistake
 * in the manifest (ManifestError) without reading the message.
 */
export class EngineUnreachableError extends UserError {
  override name = 'EngineUnreachableError';

  constructor(
    readonly address: string,
    err: unknown,
  ) {
    super(
      `cannot connect to the Docker engine at ${address}: ${(err as Error).message ?? err}`,
      'start the engine (e.g. `dockerd`, or `bash scripts/ensure-engine.sh` in a hitch checkout), or point DOCKER_HOST at a running one',
    );
  }
}
