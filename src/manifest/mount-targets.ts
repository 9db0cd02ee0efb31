// Two mounts of one service at one path. The engine refuses such a container ("Duplicate mount point")
// only at `up`, once the network, the sandbox and the volumes exist; hitch refuses it on load.
// docker 20.10: a mount's destination is the cleaned target (volume/mounts/linux_parser.go,
// filepath.Clean), and daemon/volumes.go refuses a destination already taken, whether each is a bind
// or a volume, sent as `Binds` or as `Mounts`: "/data", "/data/", "//data" and "/a/../data" collide.
import { posix } from 'node:path';
import { at, type Ctx } from './context.js';
import type { SourcePos, VolumeMount } from './model.js';
import type { Path } from './tree.js';

/** Go's path.Clean of an absolute path: no "//", "." or ".." segment, no trailing "/". */
export function mountPoint(target: string): string {
  const clean = posix.normalize(target);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

/** A mount, and where its target is written: the long form's target, or the short form's entry. */
export interface WrittenMount {
  mount: VolumeMount;
  at: Path;
}

/**
 * The mounts with a target not taken by an earlier entry; each later one is reported at its target,
 * naming where the first is. By position, not by index: `hitch convert` checks a list that lost the
 * entries it dropped, with positions in the compose file (convert/place.ts).
 */
export function uniqueTargets(ctx: Ctx, written: readonly WrittenMount[]): VolumeMount[] {
  const taken = new Map<string, { target: string; pos: SourcePos }>(); // by mount point: the first target
  const kept: VolumeMount[] = [];
  for (const w of written) {
    const point = mountPoint(w.mount.target);
    const first = taken.get(point);
    if (!first) {
      taken.set(point, { target: w.mount.target, pos: at(ctx, w.at) });
      kept.push(w.mount);
      continue;
    }
    ctx.report.error(at(ctx, w.at), duplicateMessage(w.mount.target, first.target, point, first.pos));
  }
  return kept;
}

function duplicateMessage(target: string, firstTarget: string, point: string, pos: SourcePos): string {
  const first = `${pos.line}:${pos.col}`;
  const which = target === firstTarget
    ? `volumes target ${JSON.stringify(target)} is also the target at ${first}`
    : `volumes target ${JSON.stringify(target)} and the target ${JSON.stringify(firstTarget)} at ${first} are one path, ${JSON.stringify(point)}, once cleaned as the engine compares them (no "//", "." or ".." segment, no trailing "/")`;
  return `${which}, and the engine refuses two mounts at one path ("Duplicate mount point"); mount each target only once per service`;
}
