// Makes sure every image a plan needs exists on the engine before planning, so the plan can read
// each child's image ENV and EXPOSE: builds what has a `build:`, pulls the rest, builds the sandbox.
import { fileURLToPath } from 'node:url';
import type { Engine } from '../engine/engine.js';
import { engineMessage } from '../engine/engine-errors.js';
import type { Manifest } from '../manifest/model.js';
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { LABEL } from '../plan/model.js';
import { SANDBOX_IMAGE } from '../plan/sandbox.js';
import { UserError } from '../user-error.js';

/** The sandbox image's online Dockerfile ships in the package (images/sandbox). */
const SANDBOX_CONTEXT = fileURLToPath(new URL('../../images/sandbox', import.meta.url));

export type ImageEvent = { image: string; how: 'build' | 'pull'; service?: string };

async function ensureSandboxImage(engine: Engine, onEvent: (e: ImageEvent) => void): Promise<void> {
  if (await engine.imageExists(SANDBOX_IMAGE)) return;
  onEvent({ image: SANDBOX_IMAGE, how: 'build' });
  try {
    await engine.buildImage(SANDBOX_IMAGE, { context: SANDBOX_CONTEXT, args: {} }, { [LABEL.role]: 'sandbox' });
  } catch (err) {
    throw new UserError(
      `the sandbox image ${SANDBOX_IMAGE} is missing and could not be built: ${(err as Error).message}`,
      'hitch enforces links with it and will not run without it: make a registry with alpine reachable, ' +
        'or build it offline with `bash scripts/build-images.sh` in a hitch checkout',
    );
  }
}

/**
 * The sandbox image or nothing; then the image of each service (of `services`, default all: `up
 * SERVICE…` builds and pulls for its selection only, as compose). A service whose image cannot be had is
 * returned with its error, not thrown: `up` fails that service and its parents and starts the rest.
 */
export async function ensureImages(
  engine: Engine,
  manifest: Manifest,
  opts: Invocation & { build?: boolean; services?: readonly string[]; onEvent?: (e: ImageEvent) => void } = {},
): Promise<Record<string, UserError>> {
  const onEvent = opts.onEvent ?? (() => {});
  await ensureSandboxImage(engine, onEvent);
  const wanted = opts.services && new Set(opts.services);
  const services = Object.values(manifest.services).filter((s) => !wanted || wanted.has(s.name));
  // One look per distinct image, all at once; then each missing image is built or pulled once.
  const refs = [...new Set(services.map((s) => s.image))];
  const present = new Map(await Promise.all(refs.map(async (ref) => [ref, await engine.imageExists(ref)] as const)));
  const unavailable = new Map<string, UserError>();
  const failed: Record<string, UserError> = {};
  for (const service of services) {
    const known = unavailable.get(service.image);
    if (known) {
      failed[service.name] = known;
      continue;
    }
    const exists = present.get(service.image)!;
    if (service.build && (opts.build || !exists)) {
      onEvent({ image: service.image, how: 'build', service: service.name });
      await engine.buildImage(service.image, service.build, { [LABEL.project]: manifest.project, [LABEL.service]: service.name }).catch((err: Error) => {
        failed[service.name] = new UserError(`image ${service.image} could not be built: ${engineMessage(err).trim()}`, `fix the build and run \`${hitchCommand(opts, 'up')}\` again`);
      });
    } else if (!exists) {
      onEvent({ image: service.image, how: 'pull', service: service.name });
      await engine.pullImage(service.image).catch((err: Error) => {
        failed[service.name] = new UserError(
          `image ${service.image} is not on the engine and cannot be pulled: ${engineMessage(err).trim()}`,
          'build or load the image locally, or fix the image name',
        );
      });
    }
    if (failed[service.name]) unavailable.set(service.image, failed[service.name]!);
    else present.set(service.image, true);
  }
  return failed;
}
