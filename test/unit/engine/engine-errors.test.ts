// Which failures mean "the engine does not answer" (only those of reaching its socket or address), "no such object",
// and "nothing runs in a paused container".
import { describe, expect, it, test } from 'vitest';
import { execRefusal, unlessNotFound } from '../../../src/engine/engine-errors.js';
import { isUnreachable } from '../../../src/engine/engine-unreachable.js';
import { UserError } from '../../../src/user-error.js';

/** An error shaped as node's system errors are: code, syscall and the path or address. */
function systemError(code: string, syscall: string, where: Record<string, string | number> = {}): Error {
  return Object.assign(new Error(`${syscall} ${code}`), { code, syscall, errno: -1, ...where });
}

describe('isUnreachable', () => {
  test.each<[string, unknown, boolean]>([
    ['no socket file', systemError('ENOENT', 'connect', { address: '/var/run/docker.sock' }), true],
    ['a socket it may not open', systemError('EACCES', 'connect', { address: '/var/run/docker.sock' }), true],
    ['nothing listening on the TCP address', systemError('ECONNREFUSED', 'connect', { address: '127.0.0.1', port: 2375 }), true],
    ['an address that never answers', systemError('ETIMEDOUT', 'connect', { address: '10.255.255.1', port: 2375 }), true],
    ['the engine closed the connection', systemError('ECONNRESET', 'read'), true],
    ['a host name that does not resolve', systemError('ENOTFOUND', 'getaddrinfo', { hostname: 'nohost' }), true],
    // a build context read before the engine is called: a file error, not the engine's
    ['a build context that vanished', systemError('ENOENT', 'scandir', { path: '/tmp/x/nope' }), false],
    ['a build context subfolder it may not read', systemError('EACCES', 'scandir', { path: '/tmp/x/secret' }), false],
    ['a file it may not open', systemError('EACCES', 'open', { path: '/tmp/x/Dockerfile' }), false],
    ['an HTTP error of the engine', Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 }), false],
    ['not an error at all', undefined, false],
  ])('%s: %s', (_, err, want) => {
    expect(isUnreachable(err)).toBe(want);
  });
});

describe('unlessNotFound', () => {
  it("gives the request's value, undefined for the engine's 404, and any other failure as it is", async () => {
    const failing = (statusCode: number) => Promise.reject(Object.assign(new Error(`(HTTP code ${statusCode})`), { statusCode }));
    expect(await unlessNotFound(Promise.resolve('info'))).toBe('info');
    expect(await unlessNotFound(failing(404))).toBeUndefined();
    await expect(unlessNotFound(failing(500))).rejects.toMatchObject({ statusCode: 500 });
    await expect(unlessNotFound(Promise.reject(new Error('socket hang up')))).rejects.toThrow('socket hang up');
  });
});

describe('execRefusal', () => {
  const engineError = (statusCode: number, message: string) => Object.assign(new Error(`(HTTP code ${statusCode}) conflict - ${message}`), { statusCode, json: { message } });

  it.each([
    ['paused', 'Container shop-db is paused, unpause the container before exec', 'cannot run a command in shop-db: it is paused', 'unpause it (`docker unpause shop-db`)'],
    [
      'between two starts of its restart policy',
      'Container 7ac41513e6ee is restarting, wait until the container is running',
      'cannot run a command in shop-db: it is restarting (it exited, and its restart policy starts it again)',
      'see why with `docker logs shop-db`; once it runs, run this again, or make its service anew with `hitch up --force-recreate --no-deps SERVICE`',
    ],
    ['stopped', 'Container 7ac41513e6ee is not running', 'cannot run a command in shop-db: it is not running (it stopped meanwhile)', 'start its service with `hitch start SERVICE` or `hitch up`, then run this again'],
  ])('turns the engine refusing an exec in a container %s into the way out', (_, said, message, remedy) => {
    const refusal = execRefusal(engineError(409, said), 'shop-db');
    expect(refusal).toBeInstanceOf(UserError);
    expect({ message: refusal?.message, remedy: refusal?.remedy }).toEqual({ message, remedy });
  });

  test.each<[string, unknown]>([
    ['another conflict', engineError(409, 'Conflict. The container name "/shop-db" is already in use')],
    ['the same words with another status', engineError(500, 'Container shop-db is paused, unpause the container before exec')],
    ['no engine error at all', new Error('socket hang up')],
  ])('leaves %s as it is', (_, err) => {
    expect(execRefusal(err, 'shop-db')).toBeUndefined();
  });
});
