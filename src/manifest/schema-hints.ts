// What a schema error means at a few places, said better than its keyword can: a number where a
// duration goes (`timeout: 5`: the unit is missing, not the quotes), a fraction where an integer goes
// ("must be an integer, not a number" reads as a contradiction), compose's anonymous volume and its
// tmpfs mount, and an image reference whose only fault is its tag's length.
import type { ErrorObject } from 'ajv';
import { anonymousVolume, NO_ANONYMOUS_VOLUMES, OTHER_MOUNT_TYPES, otherMount, reason, volumeNameFor } from './compose-keys.js';
import { imageTagTooLong } from './image-names.js';
import { isImageReference } from './schema.js';
import { scalarText, type Path, type Tree } from './tree.js';

/** The message for `e` at `path` (named `subject`), when one of these explains it; else undefined. */
export function specificMessage(e: ErrorObject, path: Path, subject: string, tree: Tree): string | undefined {
  const data = e.data;
  const duration = e.schemaPath.startsWith('#/$defs/duration/');
  if (e.keyword === 'type' && duration && typeof data === 'number' && Number.isFinite(data)) return noUnit(subject, scalarText(tree, path, data), data);
  if (e.keyword === 'pattern' && duration && typeof data === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(data)) return noUnit(subject, JSON.stringify(data), Number(data));
  if (e.keyword === 'type' && typeof data === 'number' && Number.isFinite(data) && !Number.isInteger(data) && [(e.params as { type: string | string[] }).type].flat().includes('integer')) {
    return `${subject} ${scalarText(tree, path, data)} is not a whole number; use a whole number, like ${Math.trunc(data)}`;
  }
  const volume = path.length === 4 && path[0] === 'services' && path[2] === 'volumes';
  if (volume && e.keyword === 'required' && (e.params as { missingProperty: string }).missingProperty === 'source') return longAnonymous(subject, data);
  const mountType = path.length === 5 && path[0] === 'services' && path[2] === 'volumes' && path[4] === 'type';
  if (mountType && e.keyword === 'enum' && typeof data === 'string' && OTHER_MOUNT_TYPES.has(data)) return otherMountMessage(subject, data, tree, path);
  if (e.keyword !== 'pattern' || typeof data !== 'string' || path[0] !== 'services') return undefined;
  if (volume && /^\/[^:]*$/.test(data)) return `${subject} ${JSON.stringify(data)}: ${reason(anonymousVolume(data))}`;
  const tag = path.length === 3 && path[2] === 'image' ? imageTagTooLong(data, isImageReference) : undefined;
  return tag && `image ${JSON.stringify(data)}: ${tag}; use a shorter tag`;
}

/** `{type: volume, target: /data}` is compose's anonymous volume in the long form. */
function longAnonymous(subject: string, data: unknown): string | undefined {
  const v = data as { type?: unknown; target?: unknown };
  if (v.type !== 'volume' || typeof v.target !== 'string') return undefined;
  return `${subject} on ${JSON.stringify(v.target)}: ${NO_ANONYMOUS_VOLUMES}; give it a source (a volume name, like source: ${volumeNameFor(v.target)}) to keep its data`;
}

/** compose's `type: tmpfs` (or npipe, cluster, image): hitch mounts a named volume or a host folder. */
function otherMountMessage(subject: string, type: string, tree: Tree, path: Path): string {
  const mount = path.slice(0, -1).reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], tree.root) as { target?: unknown };
  return `${subject} ${JSON.stringify(type)} is not allowed: ${reason(otherMount(type, mount.target))}`;
}

/** `timeout: 5`: quoting it would not help, a unit does. */
function noUnit(subject: string, written: string, n: number): string {
  return n < 0 ? `${subject} ${written} is negative; use a duration like "${-n}s"` : `${subject} ${written} has no unit; use a duration like "${n}s"`;
}
