// Phases 4–5: cross-service checks and the final, frozen Manifest. Runs even when the schema found
// problems (skipping what it rejected), so one run reports everything wrong with a manifest.
import { basename } from 'node:path';
import { reportInvalidBuildTags, reportSharedBuildTags, type ProjectOrigin } from './build-tags.js';
import { containerNamesOf, LOCK_PREFIX } from './container-names.js';
import { fail, get, usable, type Ctx } from './context.js';
import { reportCycles } from './cycles.js';
import { reportManagedExternals } from './external-links.js';
import { reportLongImages } from './image-names.js';
import { knownLinks } from './links.js';
import type { Dialect, LinkSpec, Manifest, Service } from './model.js';
import { PROJECT_NAME, PROJECT_NAME_RULE } from './project-name.js';
import { normalizeService } from './service.js';
import { checkedSubnet } from './subnet.js';
import { keyPos, isMapping, valuePos } from './tree.js';

export function normalize(ctx: Ctx, file: string, projectOverride: string | undefined): Manifest {
  const { project, origin } = projectName(ctx, projectOverride);
  const raw = get(ctx, ['services']);
  const names = Object.keys(isMapping(raw) ? raw : {}).filter((n) => usable(ctx, ['services', n])).sort();
  const services: Record<string, Service> = {};
  for (const name of names) services[name] = normalizeService(ctx, project, name);
  const all = new Set(Object.keys(isMapping(raw) ? raw : {}));
  const links: Record<string, LinkSpec[]> = {};
  for (const s of Object.values(services)) links[s.name] = s.links = knownLinks(ctx, s.name, s.links, all);
  reportCycles(links, ctx.report);
  uniqueContainerNames(ctx, Object.values(services));
  reportManagedExternals(ctx, Object.values(services));
  reportSharedBuildTags(ctx, Object.values(services));
  reportLongImages(ctx, Object.values(services));
  if (origin) reportInvalidBuildTags(ctx, Object.values(services), project, origin);
  const subnet = checkedSubnet(ctx, Object.values(services));
  return deepFreeze({
    file,
    dir: ctx.dir,
    project,
    linkEnv: (get(ctx, ['link_env']) as Dialect | undefined) ?? 'modern',
    ...(subnet === undefined ? {} : { subnet }),
    services,
  });
}

/**
 * `-p` wins, then `name:`, then the folder name made valid the way compose does it; with where it came
 * from, unless it is refused (that problem is said here).
 */
function projectName(ctx: Ctx, override: string | undefined): { project: string; origin?: ProjectOrigin } {
  if (override !== undefined) {
    if (PROJECT_NAME.test(override)) return { project: override, origin: { path: [], from: '-p' } };
    fail(ctx, [], `project name ${JSON.stringify(override)} (from -p) is not valid; ${PROJECT_NAME_RULE}`);
    return { project: override };
  }
  const name = get(ctx, ['name']);
  if (typeof name === 'string') return { project: name, origin: { path: ['name'], from: 'name:' } };
  const derived = basename(ctx.dir).toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
  if (derived !== '') return { project: derived, origin: { path: [], from: `the folder's name, ${JSON.stringify(basename(ctx.dir))}` } };
  fail(ctx, [], `cannot make a project name from the folder ${JSON.stringify(basename(ctx.dir))}; set "name:" in the manifest or pass -p`);
  return { project: derived };
}

/** Two containers can't share a name; a container_name may also collide with another's default. */
function uniqueContainerNames(ctx: Ctx, services: Service[]): void {
  // Every name hitch will give a container (a service's own and its sandbox's), with the services it serves.
  const byName = new Map<string, Service[]>();
  for (const s of services) {
    for (const name of containerNamesOf(s.containerName)) {
      const group = byName.get(name);
      if (group) group.push(s);
      else byName.set(name, [s]);
    }
  }
  const locked = new Set<Service>(); // said once, for its own name: the sandbox's repeats it
  for (const [name, group] of byName) {
    if (name.startsWith(LOCK_PREFIX)) {
      const s = group[0]!;
      if (locked.has(s)) continue;
      locked.add(s);
      const message = `container name "${name}" starts with "${LOCK_PREFIX}", which hitch keeps for the lock of a project's \`up\`, \`down\`, \`restart\`, \`stop\` and \`start\``;
      ctx.report.error(containerNameWhere(ctx, s), `${message}; set a different container_name`);
      continue;
    }
    // Two services with one container name also share a sandbox name: that is the same mistake, said once.
    if (group.length < 2 || group.every((s) => name !== s.containerName)) continue;
    const quoted = group.map((s) => `"${s.name}"`);
    const owners = `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]!}`;
    const what = (s: Service) => (name === s.containerName ? 'container' : 'sandbox');
    for (const s of group.slice(1)) {
      const where = containerNameWhere(ctx, s);
      const uses = group.map((g) => `the ${what(g)} of "${g.name}"`).join(' and ');
      const message = group.every((g) => what(g) === 'container')
        ? `container name "${name}" is used by services ${owners}; set a different container_name`
        : `container name "${name}" would be both ${uses} (a sandbox is named <container>-sandbox); set a different container_name`;
      ctx.report.error(where, message);
    }
  }
}

/** Where a service's container name comes from: its container_name's value, else the service's own name. */
function containerNameWhere(ctx: Ctx, s: Service) {
  const written = ['services', s.name, 'container_name'];
  return get(ctx, written) === undefined ? keyPos(ctx.tree, ['services', s.name]) : valuePos(ctx.tree, written);
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null && !Object.isFrozen(o)) {
    Object.freeze(o);
    // by index and by key, without Object.values' copy of each object (1000 services: ~12k objects)
    if (Array.isArray(o)) for (let i = 0; i < o.length; i++) deepFreeze(o[i]);
    else for (const k of Object.keys(o)) deepFreeze((o as Record<string, unknown>)[k]);
  }
  return o;
}
