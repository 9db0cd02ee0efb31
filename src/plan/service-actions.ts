// What one service needs: its sandbox, its firewall and its service container, each compared with
// what the engine has (DESIGN.md, "Convergence"). Await-ready actions are decided in reconcile.ts.
import type { Service } from '../manifest/model.js';
import { changeCause } from './change-cause.js';
import { decodeParts } from './config-parts.js';
import { firewallOf, sandboxSpec, serviceSpec } from './container-spec.js';
import type { PlanContext } from './injected.js';
import { LABEL, type Action, type ContainerSpec, type FirewallSpec, type Role } from './model.js';
import type { ObservedContainer } from './observed.js';
import { perPlan } from './per-plan.js';
import { restartedUnder } from './restarted-under.js';
import { rulesUpdate } from './rules-update.js';

export interface ServiceActions {
  sandbox?: Action;
  firewall?: Action;
  service?: Action;
}

export function observedOf(ctx: PlanContext, service: string, role: Role): ObservedContainer | undefined {
  return perPlan(ctx, 'observed', 'containers', () => byServiceAndRole(ctx.observed.containers)).get(`${role}:${service}`);
}

/** Searching the list for each container of a plan is quadratic (1000 services: 6M comparisons). */
function byServiceAndRole(containers: ObservedContainer[]): Map<string, ObservedContainer> {
  const index = new Map<string, ObservedContainer>();
  // the first one found wins, as a search would find it
  for (const c of containers) if (!index.has(`${c.role}:${c.service}`)) index.set(`${c.role}:${c.service}`, c);
  return index;
}

/** Why a container must go (recreate), or only stop and start again (restart: same container, same layer). */
interface Causes {
  recreate?: string;
  restart?: string;
  firewall?: FirewallSpec;
}

function containerAction(id: string, spec: ContainerSpec, obs: ObservedContainer | undefined, waitsFor: string[], extra: Causes): Action | undefined {
  const firewall = extra.firewall ? { firewall: extra.firewall } : {};
  if (!obs) return { id, kind: 'create-container', cause: 'not found', waitsFor, container: spec, ...firewall };
  const now = decodeParts(spec.labels[LABEL.configParts])!;
  const own = obs.configHash !== spec.labels[LABEL.configHash] ? changeCause(decodeParts(obs.configParts), now) : undefined;
  const changed = [own, extra.recreate].filter((c) => c !== undefined);
  // a recreate joins the sandbox anew as well: the cause says both
  const cause = [...changed, extra.restart].filter((c) => c !== undefined).join('; ');
  if (changed.length > 0) return { id, kind: 'recreate-container', cause, waitsFor, container: spec, ...firewall, replaces: obs.id };
  const again = { id, cause, waitsFor, name: obs.name, service: spec.service, role: spec.role };
  // a restarting container counts as running, as the engine counts it: its restart policy starts it, not
  // `up`, which would otherwise start it or not by the moment it looked
  if (extra.restart && obs.running) return { ...again, kind: 'restart-container' };
  if (!obs.running) return { ...again, kind: 'start-container', cause: 'stopped' };
  return undefined;
}

/** `up --force-recreate`'s cause: every container of the selection is made again, changed or not, as in compose. */
export const FORCE_RECREATE = '--force-recreate';

export function sandboxActions(service: Service, ctx: PlanContext, networkAction?: string, force = false): Pick<ServiceActions, 'sandbox' | 'firewall'> {
  const fw = firewallOf(service, ctx);
  const obs = observedOf(ctx, service.name, 'sandbox');
  const causes = [obs?.detached ? 'not on the project network' : undefined, force ? FORCE_RECREATE : undefined].filter((c) => c !== undefined);
  const recreate = causes.length > 0 ? causes.join('; ') : undefined;
  const sandbox = containerAction(`sandbox:${service.name}`, sandboxSpec(service, ctx, fw), obs, networkAction ? [networkAction] : [], { firewall: fw, recreate });
  // a new sandbox applies the rules of its command; one kept applies them in place (`hitch-sandbox apply`)
  if (sandbox && sandbox.kind !== 'start-container') return { sandbox };
  const firewall = rulesUpdateOf(service, fw, obs!);
  // a stopped one applies at its start the rules it recorded: recorded first, it never enforces the old ones
  if (sandbox && firewall) sandbox.waitsFor.push(firewall.id);
  return { sandbox, firewall };
}

/** The manifest's rules for a sandbox that the plan keeps as it is (left-out.ts says which). */
export function rulesInPlace(service: Service, ctx: PlanContext): Action | undefined {
  const obs = observedOf(ctx, service.name, 'sandbox');
  return obs && rulesUpdateOf(service, firewallOf(service, ctx), obs);
}

/** `fw` for the existing sandbox `obs`, unless it holds them already. */
function rulesUpdateOf(service: Service, fw: FirewallSpec, obs: ObservedContainer): Action | undefined {
  return rulesUpdate(service.name, obs, fw, obs.firewallArgs ? 'rules changed' : 'rules not observed');
}

/**
 * A service container made to join a sandbox that was replaced since (an `up` cut short between the
 * two): the engine cannot start it, as the namespace it names is gone.
 */
function joinsReplaced(service: ObservedContainer, sandbox: ObservedContainer | undefined): boolean {
  return service.joins !== undefined && sandbox !== undefined && service.joins !== sandbox.id && service.joins !== sandbox.name;
}

/**
 * A new sandbox is a new namespace, so the service container must be recreated to join it. A sandbox
 * started again (by this plan, or under the running service: restartedUnder) keeps its id, which the
 * service container's network mode names: stopped and started, the container joins its new namespace
 * and keeps its writable layer. `waitsFor` gets the ready ids from reconcile; `force` recreates it
 * whatever it is (`up --force-recreate`).
 */
export function serviceAction(service: Service, ctx: PlanContext, sandbox: Action | undefined, waitsFor: string[], force = false): Action | undefined {
  const obs = observedOf(ctx, service.name, 'service');
  const observedSandbox = observedOf(ctx, service.name, 'sandbox');
  const own = sandbox ? [sandbox.id] : [];
  const causes: Causes = {};
  // forced, its sandbox is recreated too: the flag is the reason for both
  if (force) causes.recreate = FORCE_RECREATE;
  else if (sandbox?.kind === 'create-container' || sandbox?.kind === 'recreate-container') causes.recreate = 'sandbox recreated';
  else if (obs && joinsReplaced(obs, observedSandbox)) causes.recreate = 'sandbox replaced';
  // a restarting one too: its restart policy may try before the sandbox runs, and then gives up
  else if (sandbox?.kind === 'start-container' && obs?.running) causes.restart = 'sandbox restarted';
  else if (!sandbox && obs && restartedUnder(obs, observedSandbox)) causes.restart = 'sandbox restarted';
  return containerAction(`service:${service.name}`, serviceSpec(service, ctx), obs, [...own, ...waitsFor], causes);
}
