// Two services that build one image tag: the second build replaces the first image, and both services
// run whichever came last. A default tag (<project>-<service>, lower-cased because Docker image names
// are) makes that easy to miss: services "web" and "Web" both build "shop-web".
import { get, type Ctx } from './context.js';
import type { Service } from './model.js';
import { keyPos, valuePos } from './tree.js';

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
