// What `up SERVICE…` leaves out of its plan, and answers for. The sandboxes it concerns keep the
// manifest's rules, in place (rulesToFollow). A child it does not select (--no-deps) must already be up
// as the manifest has it: its address, env and exposed ports make its selected parents' link env and
// hosts lines, so hitch refuses rather than give a parent a link that does not match the child it
// reaches. A parent it does not select keeps the link env and hosts lines it was made with (compose does
// not recreate it either), so it is named when a full `up` would recreate it.
import type { Service } from '../manifest/model.js';
import { UserError } from '../user-error.js';
import type { Addressing } from './addressing.js';
import { sortedStrings } from './compare.js';
import { externalNames, observedExternal } from './externals.js';
import { parseAllow } from './firewall.js';
import type { PlanContext } from './injected.js';
import type { Action, Outdated } from './model.js';
import { observedOf, sandboxActions, serviceAction } from './service-actions.js';

/**
 * A full `up` lets each parent into its children at the address it is about to make it at. A selection
 * makes only some: a child's rules let in the parents selected or on the engine, and one not made yet once
 * it is (its address may yet change: a freed lower address goes first).
 */
export function admittedAddresses(ctx: PlanContext, selected: ReadonlySet<string>): Addressing {
  const onEngine = new Set(ctx.observed.containers.map((c) => c.service));
  const ips = Object.entries(ctx.addresses.ips).filter(([name]) => selected.has(name) || onEngine.has(name));
  return { ...ctx.addresses, ips: Object.fromEntries(ips) };
}

/**
 * The services outside the selection whose running sandbox gets the manifest's rules, in place (nothing
 * restarts): the children a selected service links, which must let it in (--no-deps), and those it linked
 * when it was made, which must not any more; and any whose rules let in an address this plan gives out,
 * since a new service must never get in where the manifest has no link (old rules may hold an address a
 * removed service freed). Every other sandbox keeps its rules, as its containers are kept.
 */
export function rulesToFollow(ctx: PlanContext, selected: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const name of selected) {
    for (const l of ctx.manifest.services[name]!.links) names.add(l.target);
    for (const child of observedOf(ctx, name, 'service')?.links ?? []) names.add(child);
  }
  const given = newAddresses(ctx, selected);
  for (const c of ctx.observed.containers) if (c.role === 'sandbox' && admitsAny(c.firewallArgs, given)) names.add(c.service);
  return names;
}

/** The addresses of the selection and of the externals it links that nothing held when observed. */
function newAddresses(ctx: PlanContext, selected: ReadonlySet<string>): Set<string> {
  const held = new Set([...ctx.observed.containers, ...ctx.observed.externals].flatMap((c) => (c.ip ? [c.ip] : [])));
  const services = [...selected].map((n) => ctx.addresses.ips[n]!);
  const externals = externalNames(ctx.manifest, selected).map((e) => ctx.addresses.externals[e]!);
  return new Set([...services, ...externals].filter((ip) => !held.has(ip)));
}

/** Whether recorded rules let in any of `ips`; rules not observed may. */
function admitsAny(args: readonly string[] | undefined, ips: ReadonlySet<string>): boolean {
  if (ips.size === 0) return false;
  if (!args) return true;
  return args.some((arg, i) => args[i - 1] === '--allow' && ips.has(parseAllow(arg).ip));
}

/** What a full `up` would do to the two containers of `service`; none when both are as the manifest has them. */
function fullUp(service: Service, ctx: PlanContext): Action[] {
  const { sandbox } = sandboxActions(service, ctx);
  const own = serviceAction(service, ctx, sandbox, []);
  return [sandbox, own].filter((a): a is Action => a !== undefined);
}

function childrenOf(service: Service): string[] {
  return sortedStrings(new Set(service.links.map((l) => l.target)));
}

/** Each child outside the selection that a selected service links, and that is not up as the manifest has it. */
export function childrenNotUp(ctx: PlanContext, selected: ReadonlySet<string>): UserError | undefined {
  const parents = new Map<string, string[]>();
  for (const name of sortedStrings(selected)) {
    for (const child of childrenOf(ctx.manifest.services[name]!)) {
      if (!selected.has(child)) parents.set(child, [...(parents.get(child) ?? []), name]);
    }
  }
  const problems: string[] = [];
  const children: string[] = [];
  for (const child of sortedStrings(parents.keys())) {
    const [change] = fullUp(ctx.manifest.services[child]!, ctx);
    if (!change) continue;
    const by = parents.get(child)!;
    children.push(child);
    problems.push(`service "${child}" is not up as the manifest has it (${change.cause}): ${by.join(', ')} ${by.length === 1 ? 'links' : 'link'} it, and --no-deps leaves it alone`);
  }
  if (problems.length === 0) return undefined;
  return new UserError(problems.join('\n'), `bring ${children.join(', ')} up first (\`hitch up ${children.join(' ')}\`), or leave out --no-deps`);
}

/** The services outside the selection that link a selected one and that a full `up` would recreate. */
export function outdatedParents(ctx: PlanContext, selected: ReadonlySet<string>): Outdated[] {
  return sortedStrings(Object.keys(ctx.manifest.services)).flatMap((name): Outdated[] => {
    const service = ctx.manifest.services[name]!;
    const links = childrenOf(service).filter((c) => selected.has(c));
    // a parent linking a missing external cannot be planned: the full `up` would refuse it, and says why
    if (selected.has(name) || links.length === 0 || service.externalLinks.some((l) => !observedExternal(ctx.observed, l.container))) return [];
    const recreated = fullUp(service, ctx).filter((a) => a.kind === 'recreate-container');
    if (recreated.length === 0) return [];
    const cause = [...new Set(recreated.flatMap((a) => a.cause.split('; ')))].join('; ');
    return [{ service: name, links, cause }];
  });
}

/** What `up` and `plan` say of a parent left out of date. */
export function outdatedWarning(o: Outdated): string {
  return `${o.service} links ${o.links.join(', ')} but was not selected: it is left as it is, though \`hitch up\` would recreate it (${o.cause}); run \`hitch up\` to update it`;
}
