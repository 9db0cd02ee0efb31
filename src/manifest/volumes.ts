// `volumes:` in compose's short form (`src:/path[:ro|:rw]`) or long form → VolumeMount.
// compose's rule: a source starting with ".", "/" or "~" is a host path (bind), else a volume name.
import { isAbsolute, join, resolve } from 'node:path';
import { entries, fail, type Ctx } from './context.js';
import type { VolumeMount } from './model.js';
import { uniqueTargets, type WrittenMount } from './mount-targets.js';
import type { Path } from './tree.js';

const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const FORM = 'use "name:/path", "./dir:/path" or "/abs:/path", optionally followed by ":ro" or ":rw"';

interface LongVolume {
  type: 'volume' | 'bind';
  source: string;
  target: string;
  read_only?: boolean;
}

export function volumes(ctx: Ctx, svc: Path): VolumeMount[] {
  const written: WrittenMount[] = [];
  for (const e of entries(ctx, [...svc, 'volumes'])) {
    const short = typeof e.value === 'string';
    const mount = short ? shortForm(ctx, e.value as string, e.path) : longForm(ctx, e.value as LongVolume, e.path);
    if (mount) written.push({ mount, at: short ? e.path : [...e.path, 'target'] });
  }
  return uniqueTargets(ctx, written);
}

function shortForm(ctx: Ctx, s: string, path: Path): VolumeMount | undefined {
  const parts = s.split(':');
  const [source, target, mode] = parts;
  if (parts.length < 2 || parts.length > 3 || !source || !target?.startsWith('/') || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) {
    fail(ctx, path, `volumes entry ${JSON.stringify(s)} is not a volume; ${FORM}`);
    return undefined;
  }
  const bind = /^[./~]/.test(source);
  return mount(ctx, path, bind ? 'bind' : 'volume', source, target, mode === 'ro');
}

function longForm(ctx: Ctx, v: LongVolume, path: Path): VolumeMount | undefined {
  return mount(ctx, path, v.type, v.source, v.target, v.read_only ?? false);
}

function mount(ctx: Ctx, path: Path, type: VolumeMount['type'], source: string, target: string, readOnly: boolean): VolumeMount | undefined {
  if (type === 'volume' && !VOLUME_NAME.test(source)) {
    fail(ctx, path, `volume name ${JSON.stringify(source)} is not valid; use letters, digits, '_', '.' or '-' (or start a host path with ".", "/" or "~")`);
    return undefined;
  }
  return { type, source: type === 'bind' ? hostPath(ctx, source) : source, target, readOnly };
}

function hostPath(ctx: Ctx, source: string): string {
  if (source === '~' || source.startsWith('~/')) return join(ctx.home, source.slice(1));
  return isAbsolute(source) ? resolve(source) : resolve(ctx.dir, source);
}
