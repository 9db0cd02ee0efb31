// What `up` says when the engine refuses to create a container: each refusal with what to do about it.
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createContainer } from '../../../src/engine/containers.js';
import type { ContainerSpec } from '../../../src/plan/model.js';
import { UserError } from '../../../src/user-error.js';

const spec = { name: 'shop-web', service: 'web', role: 'service', image: 'hitch-test/busybox:1', labels: {}, env: [], extraHosts: [], exposedPorts: [], portBindings: [], publishAll: false, capAdd: [], mounts: [], tty: false } as ContainerSpec;

/** An engine whose create answers as dockerode reports an HTTP error: status, and the engine's message. */
function refusing(statusCode: number, message: string): Docker {
  const err = Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), { statusCode, json: { message } });
  return { createContainer: () => Promise.reject(err) } as unknown as Docker;
}

async function refusal(docker: Docker): Promise<{ type: string; message: string; remedy?: string }> {
  const err = await createContainer(docker, spec).then(() => undefined, (e: unknown) => e);
  if (!(err instanceof UserError)) throw new Error(`expected a UserError, got ${String(err)}`);
  return { type: err.name, message: err.message, remedy: err.remedy };
}

const CONVERGE = 'correct what the engine names, in service "web" of the manifest (`hitch config` shows it as hitch reads it) or on the engine, then run `hitch up` again: it converges from where this run stopped';

describe('createContainer refused', () => {
  it.each([
    [
      'a setting the engine finds invalid (20.10 says so with a 500)',
      refusing(500, `invalid volume specification: '/tmp:/': invalid mount config for type "bind": invalid specification: destination can't be '/'`),
      { type: 'UserError', message: `cannot create shop-web: invalid volume specification: '/tmp:/': invalid mount config for type "bind": invalid specification: destination can't be '/'`, remedy: CONVERGE },
    ],
    [
      'its image removed since up made sure of it',
      refusing(404, 'No such image: hitch-test/busybox:1'),
      { type: 'UserError', message: 'cannot create shop-web: No such image: hitch-test/busybox:1', remedy: CONVERGE },
    ],
    [
      'its name taken by a container hitch does not manage',
      refusing(409, 'Conflict. The container name "/shop-web" is already in use'),
      { type: 'UserError', message: 'container name "shop-web" is already in use by a container hitch does not manage', remedy: 'rename or remove that container, or set container_name for service "web"' },
    ],
  ])('%s', async (_, docker, expected) => {
    expect(await refusal(docker)).toEqual(expected);
  });
});
