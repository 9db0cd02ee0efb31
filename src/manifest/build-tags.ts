// The tags services build. Two services that build one tag: the second build replaces the first image,
// and both services run whichever came last. A default tag (<project>-<service>, lower-cased because
// Docker image names are) makes that easy to miss: services "web" and "Web" both build "shop-web"; and
// it may be no image reference at all.
import { get, usable, type Ctx } from './context.js';
import { IMAGE_NAME_MAX, imageNameTooLong } from './image-names.js';
import type { Service } from './model.js';
import { isImageReference } from './schema.js';
import { keyPos, valuePos, type Path } from './tree.js';

/** Where the project name came from, for a problem it causes: the node to point at and how to say it. */
export interface ProjectOrigin {
  path: Path; // ['name'], or [] (the file's start) for -p and the folder's name
  from: string; // "name:", "-p", "the folder's name"
}

/**
 * A default tag must be an image reference, which a service name need not make (`w..eb`, `web-`): said
 * at the service, on load, where the engine would refuse it once the build is done. A project name that
 * makes none for any service (`shop_`: `shop_-web`) is said once, at the project name.
 */
export function reportInvalidBuildTags(ctx: Ctx, services: Service[], project: string, origin: ProjectOrigin): void {
  // an image the schema refused is not defaulted, and its problem is said already
  const defaulted = services.filter((s) => s.build && usable(ctx, ['services', s.name, 'image']) && !explicitImage(ctx, s));
  if (defaulted.length === 0) return;
  if (!isImageReference(`${project}-x`)) {
    const names = defaulted.map((s) => `"${s.name}"`).join(', ');
    const message = `project name "${project}" (from ${origin.from}) makes no image tag for the services that build without image: (${names}), as "${project}-<service>" is no image reference`;
    ctx.report.error(valuePos(ctx.tree, origin.path), `${message}; end it with a letter or digit and use no "_-", "-_" or "___" in it, or give each of them an image:`);
    return;
  }
  if (imageNameTooLong(`${project}-x`)) {
    const names = defaulted.map((s) => `"${s.name}"`).join(', ');
    const message = `project name "${project}" (from ${origin.from}) makes image tags too long for the services that build without image: (${names}): "${project}-<service>" is over the ${IMAGE_NAME_MAX} characters Docker allows in an image name`;
    ctx.report.error(valuePos(ctx.tree, origin.path), `${message}; use a shorter project name, or give each of them an image:`);
    return;
  }
  for (const s of defaulted) {
    const where = keyPos(ctx.tree, ['services', s.name]);
    const message = `service "${s.name}" builds without image:, and its default tag "${s.image}" (<project>-<service>, in lower case)`;
    const tooLong = isImageReference(s.image) ? imageNameTooLong(s.image) : undefined;
    if (!isImageReference(s.image)) {
      ctx.report.error(where, `${message} is no image reference; give it an image: to tag the build with, like "${project}-web:1", or name it with letters and digits and, between them, one '.', one or two '_', or any number of '-'`);
    } else if (tooLong) {
      ctx.report.error(where, `${message} is too long: ${tooLong}; give it an image: to tag the build with, or a shorter name`);
    }
  }
}

/** Reported at each service after the first (in file order) that builds a tag another builds too. */
export function reportSharedBuildTags(ctx: Ctx, services: Service[]): void {
  const byTag = new Map<string, Service[]>();
  for (const s of services) {
    if (!s.build) continue;
    const group = byTag.get(s.image);
    if (group) group.push(s);
    else byTag.set(s.image, [s]);
  }
  for (const [tag, group] of byTag) {
    // Two services that both name one image may build it on purpose (one context, two commands);
    // a tag that nobody wrote is never meant to be shared.
    if (group.length < 2 || group.every((s) => explicitImage(ctx, s))) continue;
    const [first, ...rest] = group.sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
    for (const s of rest) {
      const how = [first!, s].some((x) => !explicitImage(ctx, x)) ? ' (a service that builds without image: gets the tag <project>-<service>, in lower case)' : '';
      const where = explicitImage(ctx, s) ? valuePos(ctx.tree, ['services', s.name, 'image']) : keyPos(ctx.tree, ['services', s.name]);
      ctx.report.error(where, `services "${first!.name}" and "${s.name}" would both build the image "${tag}"${how}, and one build would replace the other; set a different image: on "${s.name}"`);
    }
  }
}

function explicitImage(ctx: Ctx, s: Service): boolean {
  return get(ctx, ['services', s.name, 'image']) !== undefined;
}
