// reconcile(manifest, observed) → Plan: the pure decision of what `up` does (DESIGN.md, "Convergence").
// Every action says why (cause) and waits only for what it needs, so the executor starts each as early
// as it can: a parent waits for its own children's readiness, never for a whole "level".
import type { Manifest, Service } from '../manifest/model.js';
import { UserError } from '../user-error.js';
import { addressing } from './addressing.js';
import type { Invocation } from './hitch-command.js';
import { sortedStrings } from './compare.js';
import { orphanRemovals } from './down.js';
import { checkExternals, externalActions } from './externals.js';
import { childrenOf } from './family.js';
import { portsOffered, type PlanContext } from './injected.js';
import { admittedAddresses, childrenNotUp, outdatedParents, rulesToFollow } from './left-out.js';
import { LABEL, type Action, type Plan } from './model.js';
import type { ObservedState } from './observed.js';
import { startOrder } from './order.js';
import { waitForOrphanNames } from './orphan-names.js';
import { orphanIsolation } from './orphan-rules.js';
import { pausedInTheWay } from './paused.js';
import { readyProbe } from './ready-probe.js';
import { restartingInTheWay } from './restarting-sandbox.js';
import { networkName, sandboxName } from './sandbox.js';
import { reliedOn } from './selection.js';
import { rulesInPlace, sandboxActions, serviceAction, type ServiceActions } from './service-actions.js';
import { afterStaleRules } from './stale-rules.js';
import { volumeActions, volumeIds } from './volumes.js';

export { planDown } from './down.js';

/** `invocation`: how the project was named, for the commands the plan's refusals give (hitch-command.ts). */
export interface ReconcileOptions extends Invocation {
  removeOrphans?: boolean;
  /**
   * `up SERVICE…` (selectServices): the only services whose containers, volumes and externals' attachments
   * the plan may make. The others keep their containers; the sandboxes the selection concerns get the
   * manifest's rules in place, or recorded for their next start when stopped (left-out.ts).
   */
  selected?: readonly string[];
  /** `up --force-recreate`: recreate both containers of every service of the selection, changed or not. */
  forceRecreate?: boolean;
}

export function reconcile(manifest: Manifest, observed: ObservedState, opts: ReconcileOptions = {}): Plan {
  const order = startOrder(manifest.services);
  const selected = opts.selected ? new Set(opts.selected) : undefined;
  const missing = checkExternals(manifest, observed, selected && reliedOn(manifest, selected));
  if (missing) throw missing;
  const addresses = addressing(manifest, observed, order, opts);
  if (addresses instanceof UserError) throw addresses;
  const whole: PlanContext = { manifest, observed, addresses };
  const ctx: PlanContext = selected ? { ...whole, ruleAddresses: admittedAddresses(whole, selected) } : whole;
  const notUp = selected && childrenNotUp(ctx, selected, opts);
  if (notUp) throw notUp;
  const inPlan = (name: string) => !selected || selected.has(name);
  const followRules = selected && rulesToFollow(ctx, selected);
  const actions: Action[] = [...networkActions(ctx), ...volumeActions(ctx, inPlan)];
  const network = actions.find((a) => a.kind === 'create-network')?.id;
  actions.push(...externalActions(manifest, observed, addresses.externals, network, selected));
  const early = new Set(actions.map((a) => a.id)); // volumes and externals: what a service may wait for
  const decided = new Map<string, ServiceActions>();
  const unchanged: string[] = [];
  for (const name of order) {
    const service = manifest.services[name]!;
    if (!inPlan(name)) {
      const firewall = followRules?.has(name) ? rulesInPlace(service, ctx) : undefined;
      decided.set(name, { firewall });
      if (firewall) actions.push(firewall);
      continue;
    }
    const force = opts.forceRecreate ?? false;
    const { sandbox, firewall } = sandboxActions(service, ctx, network, force);
    const needs = [...volumeIds(service, early), ...connectIds(service, early)];
    const own = serviceAction(service, ctx, sandbox, needs, force);
    const ready = readyActions(service, ctx, decided, sandbox, own !== undefined);
    // Created as soon as its sandbox and volumes exist, so only its start is left once its children are
    // ready: a container create per level off the critical path of a deep stack.
    if (own?.kind === 'create-container' && ready.length > 0) own.createAfter = [...own.waitsFor];
    own?.waitsFor.push(...ready.map((a) => a.id));
    decided.set(name, { sandbox, firewall, service: own });
    // a stopped sandbox starts with the rules recorded for it (service-actions.ts): listed in that order
    const rules = firewall?.kind === 'update-firewall' && firewall.stopped ? [firewall, sandbox] : [sandbox, firewall];
    for (const a of [...rules, ...ready, own]) if (a) actions.push(a);
    if (!sandbox && !own) unchanged.push(name);
  }
  const orphans = sortedStrings(new Set(observed.containers.filter((c) => !Object.hasOwn(manifest.services, c.service)).map((c) => c.service)));
  const clash = waitForOrphanNames(actions, observed, orphans, opts);
  if (clash) throw clash;
  if (opts.removeOrphans) actions.push(...orphanRemovals(observed, orphans));
  else actions.push(...orphanIsolation(ctx, followRules ? orphans.filter((o) => followRules.has(o)) : orphans));
  afterStaleRules(ctx, actions, decided);
  const inTheWay = pausedInTheWay(actions, observed, opts) ?? restartingInTheWay(actions, observed, opts);
  if (inTheWay) throw inTheWay;
  const plan: Plan = { project: manifest.project, actions, unchanged: sortedStrings(unchanged), orphans };
  return selected ? { ...plan, selected: sortedStrings(selected), outdated: outdatedParents(ctx, selected) } : plan;
}

function networkActions(ctx: PlanContext): Action[] {
  if (ctx.observed.network) return [];
  const { subnet, gateway } = ctx.addresses;
  const labels = { [LABEL.project]: ctx.manifest.project };
  const network = { name: networkName(ctx.manifest.project), subnet, gateway, labels };
  return [{ id: 'network', kind: 'create-network', cause: 'not found', waitsFor: [], network }];
}

/** A parent's service starts only once the externals it links are attached: its env names their addresses. */
function connectIds(service: Service, planned: Set<string>): string[] {
  return service.externalLinks.map((l) => `connect:${l.container}`).filter((id) => planned.has(id));
}

/**
 * One probe per (child, parent), from the parent's sandbox through the child's firewall. Emitted when
 * the parent's service (re)starts, or when the child changed (so `up` ends with the link proven).
 */
function readyActions(
  parent: Service,
  ctx: PlanContext,
  decided: Map<string, ServiceActions>,
  parentSandbox: Action | undefined,
  parentStarts: boolean,
): Action[] {
  return childrenOf(parent).flatMap((name): Action[] => {
    const child = ctx.manifest.services[name]!;
    const done = decided.get(name) ?? {};
    if (!parentStarts && !done.sandbox && !done.firewall && !done.service) return [];
    const waits = [done.service?.id, done.firewall?.id, parentSandbox?.id].filter((id): id is string => id !== undefined);
    const path = { parent: parent.name, from: sandboxName(parent.containerName), container: child.containerName, ip: ctx.addresses.ips[name]! };
    return [readyProbe(child, portsOffered(ctx, child), ctx.observed, path, parentStarts ? `${parent.name} starts` : `${name} changed`, waits)];
  });
}
