// `link:`/`links:` → LinkSpec, with docker's parse rule (runconfig/opts ParseLink: `name` or
// `name:alias`) and hitch's stricter checks: one spelling per service, unique aliases, no self links,
// targets that exist (compose's wording).
import { at, entries, fail, failAtKey, get, type Ctx } from './context.js';
import type { LinkSpec } from './model.js';
import { printable } from './problems.js';
import { didYouMean } from './suggest.js';
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
    const dup = byAlias.get(link.alias);
    if (dup) {
      fail(ctx, e.path, `service "${service}" links two services as "${link.alias}": ${JSON.stringify(dup.text)} and ${JSON.stringify(text)}; give each link its own alias`);
    } else if (link.target === service) {
      fail(ctx, e.path, `service "${service}" links to itself (${JSON.stringify(text)}); a service can only link to other services`);
    } else {
      byAlias.set(link.alias, { link, text });
    }
  }
  return [...byAlias.values()].map((v) => v.link).sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
}

function parseLink(ctx: Ctx, text: string, path: Path): LinkSpec | undefined {
  const parts = text.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) {
    fail(ctx, path, `bad format for links: ${printable(text)}; use "service" or "service:alias"`);
    return undefined;
  }
  const [target, alias = target] = parts as [string, string?];
  if (!NAME.test(alias!)) {
    // without ":alias" the service name is the alias, and it is the name the user needs to fix
    const what = parts.length === 1 ? `link ${JSON.stringify(text)} is not a valid service name` : `link alias ${JSON.stringify(alias)} in ${JSON.stringify(text)} is not valid`;
    fail(ctx, path, `${what}; use letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters`);
    return undefined;
  }
  return { target, alias: alias!, pos: at(ctx, path) };
}

/** Drops links to unknown services, reporting each the way compose does, with a did-you-mean. */
export function knownLinks(ctx: Ctx, service: string, links: LinkSpec[], names: Set<string>): LinkSpec[] {
  return links.filter((l) => {
    if (names.has(l.target)) return true;
    const hint = didYouMean(l.target, names).replace(/^; did you mean/, ' Did you mean');
    ctx.report.error(l.pos, `Service "${service}" has a link to service ${JSON.stringify(l.target)} which does not exist.${hint}`);
    return false;
  });
}
