// Images on the engine: whether one is there, building one from a context, pulling one.
import type Docker from 'dockerode';
import type { BuildSpec } from '../manifest/model.js';
import { isRemoteContext } from '../manifest/remote-context.js';
import { UserError } from '../user-error.js';
import { packContext, type PackedContext } from './build-context.js';
import { unlessNotFound } from './engine-errors.js';

export async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  return (await unlessNotFound(docker.getImage(ref).inspect())) !== undefined;
}

/** Build and pull report failures inside the stream, not as an HTTP status. */
function follow(docker: Docker, stream: NodeJS.ReadableStream, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, events: Array<{ error?: string; errorDetail?: { message?: string } }>) => {
        const failed = events?.find((e) => e.error || e.errorDetail);
        if (err) reject(err);
        else if (failed) reject(new UserError(`${what} failed: ${failed.errorDetail?.message ?? failed.error}`));
        else resolve();
      },
    );
  });
}

export async function buildImage(docker: Docker, tag: string, build: BuildSpec, labels: Record<string, string>): Promise<void> {
  // forcerm: the legacy builder otherwise leaves a failed step's container behind, unlabelled, where no
  // `down` finds it
  const options = { t: tag, dockerfile: build.dockerfile, buildargs: build.args, labels, forcerm: true };
  let stream: NodeJS.ReadableStream;
  if (isRemoteContext(build.context)) {
    // no body: the engine fetches the git repository or tarball itself (Engine API `remote`)
    stream = await docker.buildImage(undefined as unknown as string, { ...options, remote: build.context });
  } else {
    const packed = await localContext(build.context, build.dockerfile);
    stream = await docker.buildImage(packed.tar, { ...options, dockerfile: packed.dockerfile });
  }
  await follow(docker, stream, `build of ${tag}`);
}

/** The loader checked the folder and the Dockerfile; they may have gone since (or be unreadable). */
async function localContext(context: string, dockerfile: string | undefined): Promise<PackedContext> {
  try {
    return await packContext(context, dockerfile);
  } catch (err) {
    throw new UserError(`cannot read the build context ${context}: ${(err as Error).message}`);
  }
}

export async function pullImage(docker: Docker, ref: string): Promise<void> {
  await follow(docker, await docker.pull(ref), `pull of ${ref}`);
}
