// Images on the engine: whether one is there, building one from a context, pulling one.
import type Docker from 'dockerode';
import type { BuildSpec } from '../manifest/model.js';
import { UserError } from '../user-error.js';
import { buildContextFiles } from './build-context.js';
import { isNotFound } from './engine-errors.js';

export async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
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
  // The loader checked the folder; it may have gone since (or a subfolder may not be readable).
  const src = await buildContextFiles(build.context).catch((err: Error) => {
    throw new UserError(`cannot read the build context ${build.context}: ${err.message}`);
  });
  const stream = await docker.buildImage(
    { context: build.context, src },
    { t: tag, dockerfile: build.dockerfile, buildargs: build.args, labels },
  );
  await follow(docker, stream, `build of ${tag}`);
}

export async function pullImage(docker: Docker, ref: string): Promise<void> {
  await follow(docker, await docker.pull(ref), `pull of ${ref}`);
}
