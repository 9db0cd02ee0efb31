// What `up`, `start` and `restart` say when the engine refuses to start a container: the engine's words,
// and what to do, named for the service the container's label gives.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { startContainer } from '../../../src/engine/containers.js';
import { UserError } from '../../../src/user-error.js';

/** An engine whose start answers as dockerode reports an HTTP error; its inspect names the service web. */
function refusing(statusCode: number, message: string): Docker {
  const err = Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), { statusCode, json: { message } });
  const container = { start: () => Promise.reject(err), inspect: () => Promise.resolve({ Config: { Labels: { 'io.hitch.service': 'web' } } }) };
  return { getContainer: () => container } as unknown as Docker;
}

async function refusal(docker: Docker): Promise<{ message: string; remedy?: string }> {
  const err = await startContainer(docker, 'shop-web').then(() => undefined, (e: unknown) => e);
  if (!(err instanceof UserError)) throw new Error(`expected a UserError, got ${String(err)}`);
  return { message: err.message, remedy: err.remedy };
}

const PROGRAM = 'the command of service "web" names a program its image does not have: correct command: or entrypoint: (or the image), then run `hitch up`';
const CONVERGE = 'correct what the engine names, in service "web" of the manifest (`hitch config` shows it as hitch reads it) or on the engine, then run `hitch up`';

describe('startContainer refused', () => {
  it.each([
    [
      'a command its image has no program for (runc, as 20.10 words it)',
      'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown',
      PROGRAM,
    ],
    [
      'a command given as a path that does not exist',
      'OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "/app/run": stat /app/run: no such file or directory: unknown',
      PROGRAM,
    ],
    ['a user: group the image lacks', 'unable to find group nogroupx: no matching entries in group file', CONVERGE],
    ['a working_dir that is a file', 'Cannot mkdir: /etc/passwd is not a directory', CONVERGE],
  ])('%s', async (_, message, remedy) => {
    expect(await refusal(refusing(500, message))).toEqual({ message: `cannot start shop-web: ${message}`, remedy });
  });

  it('a published port taken on the host keeps its own words', async () => {
    const taken = await refusal(refusing(500, 'driver failed programming external connectivity on endpoint shop-web-sandbox: Bind for 127.0.0.1:8080 failed: port is already allocated'));
    expect(taken.message).toMatch(/^port 127\.0\.0\.1:8080.* of service "web" is already in use on the host/);
  });
});
