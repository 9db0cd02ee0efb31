// compose's `depends_on` → hitch's links. hitch starts a service after the services it links to, and
// waits for them to be ready (DESIGN: readiness), so a `depends_on` entry on a linked service is covered;
// one on a service that is not linked, or an option hitch has no such thing as, is dropped and named.
import { DEPENDS_ON_WHY, notForExit } from '../manifest/compose-keys.js';
import { dependencies } from '../manifest/depends-on.js';
import { linkTargets } from '../manifest/links.js';
import { printable } from '../manifest/problems.js';
import type { Lookup } from '../manifest/template.js';
import type { Drop, Obj, Value } from './fields.js';
import { expanded } from './variables.js';

/** Why an option of a covered entry is dropped, or undefined when hitch does what it asks anyway. */
function optionWhy(key: string, value: Value, name: string, target: string): string | undefined {
  if (key === 'required') return value === true ? undefined : 'hitch has no optional links: a link needs its service in the manifest';
  if (key === 'restart') {
    return value === false ? undefined : `hitch recreates ${printable(name)} when what its link shows of ${printable(target)} changes (shared env, exposed ports), not when ${printable(target)} restarts`;
  }
  return 'not supported by hitch';
}

export function dependsOn(name: string, svc: Obj, drop: Drop, lookup: Lookup): void {
  const linked = linkTargets(svc.links, (link) => expanded(link, lookup));
  for (const { service: dep, options: { condition, ...options }, at } of dependencies(svc.depends_on)) {
    const target = expanded(dep, lookup) ?? dep;
    // a one-shot job first, linked or not, as validate names it: a link would not wait for it either
    if (condition === 'service_completed_successfully') {
      drop(`depends_on: ${printable(dep)}`, notForExit([printable(target)]), [at]);
    } else if (!linked.includes(target)) {
      drop(`depends_on: ${printable(dep)}`, `${DEPENDS_ON_WHY}: add ${JSON.stringify(target)} to links if ${printable(name)} connects to it`, [at]);
    } else {
      for (const [key, value] of Object.entries(options)) {
        const why = optionWhy(key, value, name, target);
        if (why) drop(`depends_on.${printable(dep)}.${printable(key)}`, why, [at, key]);
      }
    }
  }
}
