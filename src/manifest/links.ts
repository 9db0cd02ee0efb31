// `link:`/`links:` → LinkSpec, with docker's parse rule (runconfig/opts ParseLink: `name` or
// `name:alias`) and hitch's stricter checks: one spelling per service, unique aliases, no self links,
// targets that exist.
import { at, entries, fail, failAtKey, get, type Ctx } from './context.js';
import type { LinkSpec } from './model.js';
import { printable } from './problems.js';
import { closest } from './suggest.js';
import type { Path } from './tree.js';

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

/** The links one service declares, sorted by alias (upstream order is a random Go map). */
export function serviceLinks(ctx: Ctx, service: string, svc: Path): LinkSpec[] {
  const raw = get(ctx, svc) as Record<string, unknown> | undefined;
  if (raw && 'link' in raw && 'links' in raw) {
    failAtKey(ctx, [...svc, 'links'], `service "${service}" has both "link" and "links"; they mean the same, use one`);
  }
  const key = raw && 'link' in raw ? 'link' : 'links';
  const byAlias = new Map<string, { link: LinkSpec; text: string }>();
  for (const e of entries(ctx, [...svc, key])) {
    const text = e.value as string;
    const link = parseLink(ctx, text, e.path);
    if (!link) continue;
    const dup = byAlias.get(aliasKey(link.alias));
    if (dup && dup.link.target === link.target) {
      fail(ctx, e.path, `service "${service}" links ${JSON.stringify(link.target)} twice as ${sameAs(dup.link.alias, link.alias)}: ${JSON.stringify(dup.text)} and ${JSON.stringify(text)}; remove one`);
    } else if (dup) {
      fail(ctx, e.path, `service "${service}" links two services as ${sameAs(dup.link.alias, link.alias)}: ${JSON.stringify(dup.text)} and ${JSON.stringify(text)}; give each link its own alias`);
    } else if (link.target === service) {
      fail(ctx, e.path, `service "${service}" links to itself (${JSON.stringify(text)}); a service can only link to other services`);
    } else {
      byAlias.set(aliasKey(link.alias), { link, text });
    }
  }
  return [...byAlias.values()].map((v) => v.link).sort(compareAliases);
}

/**
 * Two aliases collide when they give the same variable prefix (upper-cased, `-` as `_`: spec/links.md §2)
 * — `my-db` and `my_db`, `db` and `DB` — since their variables would mix in the parent.
 */
export function aliasKey(alias: string): string {
  return alias.toUpperCase().replace(/-/g, '_');
}

/** `"db"`, or for two spellings of one prefix, `"my-db" and "my_db" (both MY_DB_*)`. */
export function sameAs(first: string, second: string): string {
  if (first === second) return JSON.stringify(first);
  return `${JSON.stringify(first)} and ${JSON.stringify(second)} (both ${aliasKey(first)}_*)`;
}

export function compareAliases(a: { alias: string }, b: { alias: string }): number {
  return a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0;
}

const CONTAINER = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/; // the schema's container_name rule

const KINDS = {
  service: { noun: 'link', form: '"service" or "service:alias"' },
  container: { noun: 'external link', form: '"container" or "container:alias"' },
} as const;

/**
 * docker's ParseLink for `links` (a service) and `external_links` (a container): `name` or
 * `name:alias`, the alias a valid name either way, since it becomes a host name in the parent.
 */
export function parseLink(ctx: Ctx, text: string, path: Path, what: 'service' | 'container' = 'service'): LinkSpec | undefined {
  const { noun, form } = KINDS[what];
  const parts = text.split(':');
  const [target, alias = target] = parts as [string, string?];
  const problem = malformed(parts, what);
  if (problem !== undefined) {
    // "db:" is one alias short of a link: say what it would be without it
    const use = parts.length === 2 && target !== '' && alias === '' ? `${JSON.stringify(target)}, or ${JSON.stringify(`${target}:alias`)}` : form;
    fail(ctx, path, `${noun} ${JSON.stringify(text)} ${problem}; use ${use}`);
    return undefined;
  }
  if (what === 'container' && !CONTAINER.test(target)) {
    fail(ctx, path, `${noun} ${JSON.stringify(text)}: ${JSON.stringify(target)} is not a valid container name; use letters, digits, '_', '.' or '-', starting with a letter or digit`);
    return undefined;
  }
  if (!NAME.test(alias!)) {
    // without ":alias" the target's name is the alias, and it is the name the user needs to fix
    const problem = parts.length === 1 ? `${noun} ${JSON.stringify(text)} is not a valid ${what} name` : `${noun} alias ${JSON.stringify(alias)} in ${JSON.stringify(text)} is not valid`;
    fail(ctx, path, `${problem}; use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters`);
    return undefined;
  }
  return { target, alias: alias!, pos: at(ctx, path) };
}

/** What is wrong with the form of `name[:alias]`, split at its colons, or undefined. */
function malformed(parts: string[], what: 'service' | 'container'): string | undefined {
  if (parts.length > 2) return `has ${parts.length - 1} ":", where one separates the ${what} from its alias`;
  if (parts[0] === '') return `has no ${what} name before ":"`;
  if (parts[1] === '') return 'has no alias after ":"';
  return undefined;
}

/**
 * The services a `links:` value names, by docker's rule (`db` and `db:alias` both link to db), each read by
 * `expand` first (convert interpolates it as hitch will); one `expand` cannot read is left out.
 */
export function linkTargets(value: unknown, expand: (link: string) => string | undefined = (link) => link): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  // a mapping names no service (and may hold a `toString` key, which String() would call)
  const named = items.flatMap((l) => (typeof l === 'string' ? [l] : typeof l === 'number' ? [String(l)] : []));
  return named.flatMap((l) => expand(l)?.split(':')[0] ?? []);
}

// A list of services in a message stops here: a manifest of hundreds would bury the line.
const LISTED = 10;

/** Drops links to unknown services, reporting each with a did-you-mean, else the services there are. */
export function knownLinks(ctx: Ctx, service: string, links: LinkSpec[], names: Set<string>): LinkSpec[] {
  return links.filter((l) => {
    if (names.has(l.target)) return true;
    const others = [...names].filter((n) => n !== service).sort();
    const shown = others.slice(0, LISTED).map(printable).join(', ');
    const listed = others.length <= LISTED ? shown : `${shown} and ${others.length - LISTED} more`;
    const services = others.length === 0 ? `add the service ${JSON.stringify(l.target)}` : `link one of its services (${listed})`;
    const guess = closest(l.target, others);
    const remedy = guess !== undefined ? `did you mean ${JSON.stringify(guess)}?` : `${services}, or a container hitch does not manage with external_links`;
    ctx.report.error(l.pos, `service ${JSON.stringify(service)} links to ${JSON.stringify(l.target)}, which the manifest does not have; ${remedy}`);
    return false;
  });
}
