// Docker refuses an image whose name is over 255 characters, counted as it normalizes the name: "web"
// is "docker.io/library/web" and "team/web" is "docker.io/team/web", so their own limits are 237 and
// 245 characters (checked on dockerd 20.10: "repository name must not be more than 255 characters").
// The schema's pattern checks the form alone; a regular expression that also counted the normalized
// length would be unreadable.
import { get, usable, type Ctx } from './context.js';
import type { Service } from './model.js';
import { valuePos } from './tree.js';

export const IMAGE_NAME_MAX = 255;
// distribution/reference's tag: [\w][\w.-]{0,127}; the schema's pattern says the same
export const IMAGE_TAG_MAX = 128;

/** The name as written, without its tag and digest; and the tag, if any. */
function partsOf(ref: string): { name: string; tag?: string } {
  const noDigest = ref.split('@')[0]!;
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? { name: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) } : { name: noDigest };
}

function nameOf(ref: string): string {
  return partsOf(ref).name;
}

/** The name (no tag, no digest) as Docker counts it, of a reference the schema's pattern accepts. */
export function normalizedImageName(ref: string): string {
  const name = nameOf(ref);
  const slash = name.indexOf('/');
  const first = name.slice(0, Math.max(slash, 0));
  // A first part is a registry when it has a '.' or a port, is localhost or has capitals (Docker's rule).
  const registry = slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (!registry) return `docker.io/${libraryPath(name)}`;
  if (first === 'docker.io' || first === 'index.docker.io') return `docker.io/${libraryPath(name.slice(slash + 1))}`;
  return name;
}

function libraryPath(path: string): string {
  return path.includes('/') ? path : `library/${path}`;
}

/** Why Docker would refuse `ref` for its length, or undefined. */
export function imageNameTooLong(ref: string): string | undefined {
  const name = normalizedImageName(ref);
  if (name.length <= IMAGE_NAME_MAX) return undefined;
  const counted = name === nameOf(ref) ? '' : ` as Docker counts it ("${name.slice(0, 28)}…")`;
  return `its name is ${name.length} characters${counted}, over the ${IMAGE_NAME_MAX} Docker allows`;
}

/**
 * Why Docker would refuse `ref`, which the schema's pattern refused, for its tag's length: a reference
 * whose only fault is a tag over 128 characters; else undefined (the pattern's message says the rest).
 */
export function imageTagTooLong(ref: string, isReference: (ref: string) => boolean): string | undefined {
  const { name, tag } = partsOf(ref);
  const digest = ref.includes('@') ? ref.slice(ref.indexOf('@')) : '';
  if (tag === undefined || tag.length <= IMAGE_TAG_MAX || !/^\w[\w.-]*$/.test(tag) || !isReference(`${name}:${tag.slice(0, IMAGE_TAG_MAX)}${digest}`)) return undefined;
  return `its tag is ${tag.length} characters, over the ${IMAGE_TAG_MAX} Docker allows`;
}

/** Each image: written in the manifest whose name Docker would refuse as too long, said at the value. */
export function reportLongImages(ctx: Ctx, services: Service[]): void {
  for (const s of services) {
    const path = ['services', s.name, 'image'];
    if (get(ctx, path) === undefined || !usable(ctx, path)) continue;
    const problem = imageNameTooLong(s.image);
    if (problem) ctx.report.error(valuePos(ctx.tree, path), `image "${s.image}": ${problem}; use a shorter name`);
  }
}
