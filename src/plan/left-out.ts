// What `up SERVICE…` leaves out of its plan, and answers for. The sandboxes it concerns keep the
// manifest's rules, in place (rulesToFollow). A child it does not select (--no-deps) must already be up
// as the manifest has it: its address, env and exposed ports make its selected parents' link env and
// hosts lines, so hitch refuses rather than give a parent a link that does not match the child it
// reaches. A parent it does not select keeps the link env and hosts lines it was made with (compose does
// not recreate it either), so it is named when a full `up` would recreate it: one the manifest links to a
// selected child, and one made with a link the manifest dropped, which that child no longer lets in.
import type { Service } from '../manifest/model.js';
import { hitchCommand, type Invocation } from './hitch-command.js';
import { UserError } from '../user-error.js';
import type { Addressing } from './addressing.js';
import { sortedStrings } from './compare.js';
import { externalNames, observedExternal } from './externals.js';
import { childrenOf } from './family.js';
import { allowedSources } from './firewall.js';
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
 * The services outside the selection whose sandbox gets the manifest's rules, in place (nothing restarts;
 * a stopped one gets them recorded for its next start): the children a selected service links, which must
 * let it in (--no-deps), and those it linked when it was made, which must not any more; and any whose
 * rules let in the address of a selected service or of an external the selection attaches: old rules may
 * hold an address a removed service freed, or a link whose record went with its parent's container
 * (`docker rm -f`). The selection's services come up only once those rules are in force (stale-rules.ts).
 * Every other sandbox keeps its rules, as its containers are kept.
 */
export function rulesToFollow(ctx: PlanContext, selected: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const name of selected) {
    for (const child of childrenOf(ctx.manifest.services[name]!)) names.add(child);
    for (const child of observedOf(ctx, name, 'service')?.links ?? []) names.add(child);
  }
  const used = selectionAddresses(ctx, selected);
  for (const c of ctx.observed.containers) if (c.role === 'sandbox' && admitsAny(c.firewallArgs, used)) names.add(c.service);
  return names;
}

/** The addresses of the selection, and of the externals it links that are not attached yet. */
function selectionAddresses(ctx: PlanContext, selected: ReadonlySet<string>): Set<string> {
  const attached = new Set(ctx.observed.externals.flatMap((e) => (e.attached ? [e.name] : [])));
  const services = [...selected].map((n) => ctx.addresses.ips[n]!);
  const externals = externalNames(ctx.manifest, selected).filter((e) => !attached.has(e)).map((e) => ctx.addresses.externals[e]!);
  return new Set([...services, ...externals]);
}

/** Whether recorded rules let in any of `ips`; rules not observed may. */
function admitsAny(args: readonly string[] | undefined, ips: ReadonlySet<string>): boolean {
  if (ips.size === 0) return false;
  if (!args) return true;
  const from = allowedSources(args);
  return [...ips].some((ip) => from.has(ip));
}

/** What a full `up` would do to the two containers of `service`; none when both are as the manifest has them. */
function fullUp(service: Service, ctx: PlanContext): Action[] {
  const { sandbox } = sandboxActions(service, ctx);
  const own = serviceAction(service, ctx, sandbox, []);
  return [sandbox, own].filter((a): a is Action => a !== undefined);
}

/** Each child outside the selection that a selected service links, and that is not up as the manifest has it. */
export function childrenNotUp(ctx: PlanContext, selected: ReadonlySet<string>, hitch: Invocation): UserError | undefined {
  const parents = new Map<string, string[]>();
  for (const name of sortedStrings(selected)) {
    for (const child of childrenOf(ctx.manifest.services[name]!)) {
      if (!selected.has(child)) parents.set(child, [...(parents.get(child) ?? []), name]);
    }
  }
  const notUp = sortedStrings(parents.keys()).flatMap((child) => {
    const [change] = fullUp(ctx.manifest.services[child]!, ctx);
    return change ? [{ child, cause: change.cause, by: parents.get(child)! }] : [];
  });
  if (notUp.length === 0) return undefined;
  const children = notUp.map((n) => n.child);
  const remedy = `bring ${children.join(', ')} up first (\`${hitchCommand(hitch, `up ${children.join(' ')}`)}\`), or leave out --no-deps`;
  const linkedBy = (by: string[]) => `${by.join(', ')} ${by.length === 1 ? 'links' : 'link'} it`;
  if (notUp.length === 1) {
    const [{ child, cause, by }] = notUp as [(typeof notUp)[number]];
    return new UserError(`service "${child}" is not up as the manifest has it (${cause}): ${linkedBy(by)}, and --no-deps leaves it alone`, remedy);
  }
  // one line: the CLI marks only a message's first line as hitch's (`hitch: …`)
  const each = notUp.map(({ child, cause, by }) => `"${child}" (${cause}; ${linkedBy(by)})`);
  return new UserError(`${notUp.length} services --no-deps leaves alone are not up as the manifest has them: ${each.join(', ')}`, remedy);
}

/**
 * The services outside the selection that link a selected one, in the manifest or as their container was
 * made (LABEL.links: a link the manifest dropped, which the selected child's rules no longer let in), and
 * that a full `up` would recreate, or restart to rejoin its sandbox.
 */
export function outdatedParents(ctx: PlanContext, selected: ReadonlySet<string>): Outdated[] {
  return sortedStrings(Object.keys(ctx.manifest.services)).flatMap((name): Outdated[] => {
    const service = ctx.manifest.services[name]!;
    const now = new Set(childrenOf(service));
    const links = [...now].filter((c) => selected.has(c));
    const linked = sortedStrings(new Set(observedOf(ctx, name, 'service')?.links ?? [])).filter((c) => selected.has(c) && !now.has(c));
    // a parent linking a missing external cannot be planned: the full `up` would refuse it, and says why
    if (selected.has(name) || links.length + linked.length === 0 || service.externalLinks.some((l) => !observedExternal(ctx.observed, l.container))) return [];
    const changes = fullUp(service, ctx).filter((a) => a.kind === 'recreate-container' || a.kind === 'restart-container');
    if (changes.length === 0) return [];
    const cause = [...new Set(changes.flatMap((a) => a.cause.split('; ')))].join('; ');
    // its sandbox restarted under it, and nothing else: it has no network, but its link env and hosts lines hold
    const restart = changes.every((a) => a.kind === 'restart-container') ? { restart: true as const } : {};
    return [{ service: name, links, ...(linked.length ? { linked } : {}), cause, ...restart }];
  });
}

/** What `up` and `plan` say of a parent left out of date; `hitch up PARENT` updates it (and its children) and nothing else. */
export function outdatedWarning(o: Outdated, hitch: Invocation): string {
  const rest = `it is left as it is, though a full \`${hitchCommand(hitch, 'up')}\` would ${o.restart ? 'restart' : 'recreate'} it (${o.cause}); run \`${hitchCommand(hitch, `up ${o.service}`)}\` to update it`;
  if (o.links.length > 0) return `${o.service} links ${o.links.join(', ')} but was not selected: ${rest}`;
  const linked = o.linked ?? [];
  const lets = linked.length === 1 ? `${linked[0]} no longer lets in` : 'they no longer let in';
  return `${o.service} was made with a link to ${linked.join(', ')}, which ${lets}, and was not selected: ${rest}`;
}
