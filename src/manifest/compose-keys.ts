// compose's keys that hitch does not read, with why and what to do instead: one source for `hitch
// convert`, which drops them with the reason (README "Migrating from compose"), and for `hitch validate`,
// which refuses them with it where "unknown key" and the list of hitch's keys would leave a compose user
// guessing.
import { basename } from 'node:path';
import { dependencies, type Dependency } from './depends-on.js';
import { linkTargets } from './links.js';
import { printable } from './problems.js';
import { isMapping, type Path, type Tree } from './tree.js';

export interface ComposeKey {
  why: string; // what hitch does instead, or why it has no such thing
  fix?: string; // what to write instead, when removing the key is not all of it
}

const NETWORK_NAMESPACE = 'every hitch service has its own network namespace (its sandbox), reached through links';
const ONE_CONTAINER = 'hitch runs one container per service';

/** A service's compose keys. */
export const SERVICE_KEYS = new Map<string, ComposeKey>([
  ['networks', { why: "every hitch service is on the project's own network, where only links connect services" }],
  ['network_mode', { why: NETWORK_NAMESPACE }],
  ['net', { why: NETWORK_NAMESPACE }], // compose file format 1's network_mode
  ['volumes_from', { why: "hitch shares no service's mounts with another", fix: 'mount the same named volumes in both services instead' }],
  ['deploy', { why: ONE_CONTAINER }],
  ['scale', { why: ONE_CONTAINER }],
  ['extends', { why: 'a hitch service is read from its own fields only', fix: 'copy the fields of the extended service into this one' }],
  ['profiles', { why: 'every service of a hitch manifest runs' }],
  ['extra_hosts', { why: 'hitch writes the hosts lines of links itself' }],
  ['stdin_open', { why: 'hitch attaches no stdin to a service', fix: 'use `hitch exec -it SERVICE sh` for an interactive shell' }],
]);

/** The top level's compose keys (`volumes` aside: createdVolume). */
export const TOP_KEYS = new Map<string, ComposeKey>([
  ['version', { why: "compose's file format version is obsolete, in compose too" }],
  ['networks', { why: 'every hitch project has one network of its own, where only links connect services' }],
  ['secrets', { why: 'hitch has no secrets of its own', fix: 'pass secrets as environment variables or env_file, or mount them as files with volumes' }],
  ['configs', { why: 'hitch has no configs of its own', fix: 'mount configuration files with volumes' }],
]);

/** Why compose's `depends_on` is not needed: links order the start. */
export const DEPENDS_ON_WHY = 'hitch starts a service after the services it links to, and only a link lets it reach them';

/** Why no link does what `condition: service_completed_successfully` asks: wait for a one-shot job to exit. */
export function notForExit(services: readonly string[]): string {
  return `hitch waits for ${services.join(' and ')} to be ready (healthy, or accepting connections on its exposed ports), not for ${services.length === 1 ? 'it' : 'them'} to exit`;
}

/** Why a top-level volume's settings are not needed. */
export function createdVolume(name: string): string {
  return `hitch creates and labels the volume <project>_${name} itself`;
}

export const NO_ANONYMOUS_VOLUMES = 'hitch has no anonymous volumes';

/** A name for the volume compose would leave anonymous on `target`: its last folder's, if one would do. */
export function volumeNameFor(target: string): string {
  const last = target.split('/').filter(Boolean).pop() ?? '';
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(last) ? last : 'data';
}

/** compose's anonymous volume on `target`, with the named one to write instead: "data:/data". */
export function anonymousVolume(target: string): ComposeKey {
  return { why: NO_ANONYMOUS_VOLUMES, fix: `name it, like ${JSON.stringify(`${volumeNameFor(target)}:${target}`)}, to keep its data` };
}

/** compose's mount types other than volume and bind (its schema's enum); any other word is a typo. */
export const OTHER_MOUNT_TYPES: ReadonlySet<string> = new Set(['tmpfs', 'npipe', 'cluster', 'image']);

/** compose's `type: tmpfs` (or npipe, cluster, image) on `written` (its target): a named volume or a host folder there instead, or on /data without an absolute target. */
export function otherMount(type: string, written: unknown): ComposeKey {
  const target = typeof written === 'string' && written.startsWith('/') ? written : '/data';
  const name = volumeNameFor(target);
  const volume = `{type: volume, source: ${name}, target: ${target}}`;
  return { why: `hitch has no ${type} mounts`, fix: `use a named volume, like ${volume}, or a bind mount of a host folder, like {type: bind, source: ./${name}, target: ${target}}` };
}

/** `why; fix`, as a dropped key's reason: "networks is dropped: <this>". */
export function reason(k: ComposeKey): string {
  return k.fix === undefined ? k.why : `${k.why}; ${k.fix}`;
}

/** Why `hitch convert` drops `key`, one of `keys` (SERVICE_KEYS or TOP_KEYS) or any other. */
export function dropReason(keys: ReadonlyMap<string, ComposeKey>, key: string): string {
  const k = keys.get(key);
  return k ? reason(k) : 'not supported by hitch';
}

/**
 * What `hitch validate` says after `unknown key "K" …` when K is compose's: `: why; fix`, with "remove it"
 * for a fix where dropping the key is all it takes; undefined for any other key.
 */
export function composeAdvice(tree: Tree, path: Path, key: string): string | undefined {
  if (path.length === 0) {
    if (key === 'volumes') return `: ${createdVolume('NAME')} for each "NAME:/path" a service mounts; remove it`;
    return refused(TOP_KEYS.get(key));
  }
  if (path.length !== 2 || path[0] !== 'services') return undefined;
  if (key === 'depends_on') return `: ${dependsOnAdvice(serviceOf(tree, path), String(path[1]))}`;
  return refused(SERVICE_KEYS.get(key));
}

function refused(k: ComposeKey | undefined): string | undefined {
  return k && `: ${k.why}; ${k.fix ?? 'remove it'}`;
}

function serviceOf(tree: Tree, path: Path): Record<string, unknown> {
  const services = isMapping(tree.root) ? tree.root.services : undefined;
  const svc = isMapping(services) ? services[path[1]!] : undefined;
  return isMapping(svc) ? svc : {};
}

/** What to do instead of `depends_on`: run its one-shot jobs apart, and link the services it waits for. */
function dependsOnAdvice(svc: Record<string, unknown>, name: string): string {
  const deps = dependencies(svc.depends_on);
  const isJob = (d: Dependency) => d.options.condition === 'service_completed_successfully';
  const jobs = deps.filter(isJob).map((d) => printable(d.service));
  const wanted = deps.filter((d) => !isJob(d)).map((d) => d.service);
  const links = `${DEPENDS_ON_WHY}; ${linksInstead(svc, wanted)}`;
  if (jobs.length === 0) return links;
  return wanted.length === 0 ? oneShotJobs(jobs, name) : `${oneShotJobs(jobs, name)}; ${links}`;
}

/** `condition: service_completed_successfully`, which `hitch convert` drops for the same reason. */
function oneShotJobs(jobs: string[], name: string): string {
  const [what, them] = jobs.length === 1 ? ['is a one-shot job', 'it'] : ['are one-shot jobs', 'them'];
  const link = jobs.length === 1 ? 'a link' : 'links';
  return `${jobs.join(' and ')} ${what} (condition: service_completed_successfully), not ${link}: ${notForExit(jobs)}; run ${them} before \`hitch up\`, outside the manifest, or at the start of ${printable(name)}'s command`;
}

/** The `links:` that does what the service's `depends_on` asked for, `wanted` being the services it waits for. */
function linksInstead(svc: Record<string, unknown>, wanted: string[]): string {
  const linked = linkTargets(svc.link ?? svc.links);
  const missing = wanted.filter((d) => !linked.includes(d)).map(printable);
  if (wanted.length === 0) return 'link the services it needs instead, like links: [db]';
  if (missing.length === 0) return 'remove it: its links start those services first already';
  return linked.length === 0 ? `use links: [${missing.join(', ')}] instead` : `add ${missing.join(', ')} to its links instead`;
}

// compose-go's DefaultFileNames
const COMPOSE_FILE_NAMES = new Set(['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml']);

/**
 * `hitch convert`, suggested where the manifest is evidently a whole compose file: compose's name for a
 * file, or a top-level key only compose has.
 */
export function convertHint(tree: Tree): string | undefined {
  const name = basename(tree.file);
  const top = isMapping(tree.root) ? Object.keys(tree.root) : [];
  if (!COMPOSE_FILE_NAMES.has(name) && !top.some((k) => k === 'volumes' || TOP_KEYS.has(k))) return undefined;
  const file = name === '-' ? 'docker-compose.yml' : name;
  return ` (a whole compose file? \`hitch convert ${file}\` prints the hitch manifest it makes)`;
}
