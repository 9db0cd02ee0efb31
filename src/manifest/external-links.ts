// `external_links:` → ExternalLinkSpec: links to containers hitch does not manage (compose's key), with
// `links`' parse rule (docker's ParseLink) and one alias per name across both lists, since each alias
// becomes a host name and a variable prefix in the parent.
import { entries, fail, type Ctx } from './context.js';
import { aliasKey, compareAliases, parseLink, sameAs } from './links.js';
import type { ExternalLinkSpec, LinkSpec, Service } from './model.js';
import type { Path } from './tree.js';

export function serviceExternalLinks(ctx: Ctx, service: string, svc: Path, links: LinkSpec[]): ExternalLinkSpec[] {
  const holders = new Map(links.map((l) => [aliasKey(l.alias), { alias: l.alias, who: `service "${l.target}"` }]));
  const out: ExternalLinkSpec[] = [];
  for (const e of entries(ctx, [...svc, 'external_links'])) {
    const link = parseLink(ctx, e.value as string, e.path, 'container');
    if (!link) continue;
    const holder = holders.get(aliasKey(link.alias));
    if (holder) {
      fail(ctx, e.path, `service "${service}" links ${holder.who} and container "${link.target}" both as ${sameAs(holder.alias, link.alias)}; give each link its own alias`);
      continue;
    }
    holders.set(aliasKey(link.alias), { alias: link.alias, who: `container "${link.target}"` });
    out.push({ container: link.target, alias: link.alias, pos: link.pos });
  }
  return out.sort(compareAliases);
}

/** A container of this project is a service: it is linked with `links`, which also opens its firewall. */
export function reportManagedExternals(ctx: Ctx, services: Service[]): void {
  const owners = new Map(services.map((s) => [s.containerName, s.name]));
  for (const s of services) {
    for (const l of s.externalLinks) {
      const owner = owners.get(l.container);
      if (owner === undefined) continue;
      ctx.report.error(l.pos, `external link "${l.container}" is the container of service "${owner}"; link the service instead: links: ["${owner}:${l.alias}"]`);
    }
  }
}
