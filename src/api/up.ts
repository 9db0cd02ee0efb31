// `up`: converge the engine to the manifest. Observe once, plan purely, execute the plan, all under the
// project's lock; a dry run only observes and plans (no lock, no image pulls: it changes nothing).
import type { Engine } from '../engine/engine.js';
import { SubnetTakenError } from '../engine/engine-errors.js';
import { execute, type ExecEvent, type ExecutionResult } from '../engine/executor.js';
import type { Manifest } from '../manifest/model.js';
import type { Invocation } from '../plan/hitch-command.js';
import type { LinkEnforcement } from '../plan/matrix.js';
import type { Plan } from '../plan/model.js';
import { externalNames } from '../plan/externals.js';
import { selectServices } from '../plan/selection.js';
import type { UserError } from '../user-error.js';
import { lastLogLines } from './failures.js';
import { heldUntilNetwork } from './held-display.js';
import { linkEnforcement } from './link-enforcement.js';
import { ensureImages, type ImageEvent } from './images.js';
import { observeAndPlan, outdatedWarnings, planUp, type ServiceSelection } from './plan-up.js';
import { lockOptions, withProjectLock, type ProjectLockOptions } from './lock.js';
import { failuresOf, summarize, type Summary } from './summary.js';

const SUBNET_ATTEMPTS = 3;

/** `invocation`: how the project was named, for the commands the remedies give (hitch-command.ts). */
export interface UpOptions extends ServiceSelection, ProjectLockOptions, Invocation {
  removeOrphans?: boolean;
  forceRecreate?: boolean; // recreate the selection's containers, changed or not
  dryRun?: boolean;
  build?: boolean;
  concurrency?: number;
  onImage?: (e: ImageEvent) => void;
  onPlan?: (plan: Plan) => void;
  onEvent?: (e: ExecEvent) => void;
  /**
   * What the plan leaves out, said once, before onPlan: on a dry run, what an image not on the engine yet
   * gives; with `services`, the parents outside the selection it leaves out of date. And a subnet hitch
   * picked that another network took meanwhile, before the plan made again on the next free one.
   */
  onWarning?: (message: string) => void;
}

export interface UpResult {
  plan: Plan;
  execution?: ExecutionResult; // absent on a dry run
  summary: Summary;
  ok: boolean;
  /** Each link (of the selected parents) against its child's firewall once `up` succeeded; none on a dry run or a failure. */
  links: LinkEnforcement[];
}

/**
 * A service whose image could not be had fails where its container would be made, and its parents wait on
 * that. Its sandbox is left as it is too: a new one would cut the running service container, which
 * shares the old one's namespace, off the network (the plan may also see a change that is only the
 * unknown image's EXPOSE).
 */
function knownFailures(plan: Plan, images: Record<string, UserError>): Record<string, Error> {
  const ids = new Set(plan.actions.map((a) => a.id));
  const failures = Object.entries(images).flatMap(([s, e]) => [[`sandbox:${s}`, e], [`service:${s}`, e]] as const);
  return Object.fromEntries(failures.filter(([id]) => ids.has(id)));
}

/** The last log lines of each service of the manifest that failed, for the summary (failures.ts). */
async function failureLogs(engine: Engine, manifest: Manifest, plan: Plan, exec: ExecutionResult): Promise<Record<string, string[]>> {
  const failed = failuresOf(plan, exec, {}).map((f) => f.service).filter((s) => manifest.services[s]);
  return lastLogLines(engine, manifest.project, failed);
}

export async function up(engine: Engine, manifest: Manifest, opts: UpOptions = {}): Promise<UpResult> {
  const started = Date.now();
  if (opts.dryRun) {
    const plan = await planUp(engine, manifest, opts); // selects the services itself
    opts.onPlan?.(plan);
    return { plan, summary: summarize(plan, undefined, started), ok: true, links: [] };
  }
  const selected = selectServices(manifest, opts.services ?? [], opts);
  const planning = { removeOrphans: opts.removeOrphans, forceRecreate: opts.forceRecreate, selected, invocation: opts.invocation };
  const warn = (plan: Plan) => {
    for (const w of outdatedWarnings(plan, opts)) opts.onWarning?.(w);
  };
  // Images first, outside the lock: pulls and builds can be long, touch none of the project's resources,
  // and the lock itself runs on the sandbox image this ensures. Meanwhile an optimistic plan: with nothing
  // to do there is nothing to lock (like `plan`, this only read the engine, which matched the manifest
  // when observed: the outcome of running just before any concurrent `up`). It counts only if no image
  // was built or pulled meanwhile, and a failure to plan is left for the plan made under the lock.
  let fetched = false;
  const onImage = (e: ImageEvent) => {
    fetched = true;
    opts.onImage?.(e);
  };
  const observing = performance.now();
  const [images, optimistic] = await Promise.all([
    ensureImages(engine, manifest, { build: opts.build, services: selected, onEvent: onImage, invocation: opts.invocation }),
    observeAndPlan(engine, manifest, planning).catch(() => undefined),
  ]);
  if (optimistic && !fetched && Object.keys(images).length === 0) {
    const { plan, observed } = optimistic;
    if (plan.actions.length === 0) {
      warn(plan);
      opts.onPlan?.(plan);
      const execution: ExecutionResult = { outcomes: {}, errors: {}, blockers: {} };
      const links = await linkEnforcement(engine, manifest, { observed, parents: selected, invocation: opts.invocation });
      return { plan, execution, summary: summarize(plan, execution, started), ok: true, links };
    }
  }
  // Under the lock, the optimistic plan stands if nothing it was made from changed since its observation
  // began (a concurrent `up` that held the lock meanwhile shows in the engine's events): observing again
  // costs a request per container.
  const scope = { project: manifest.project, externals: externalNames(manifest) };
  const standing = async (lockId: string) =>
    optimistic && !fetched && !(await engine.changedBeforeLock(lockId, performance.now() - observing, scope)) ? optimistic : undefined;
  return withProjectLock(engine, manifest.project, 'up', lockOptions(opts), async (lock) => {
    const lost: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const { plan, observed } = (attempt === 1 && (await standing(lock.id))) || (await observeAndPlan(engine, manifest, planning, lost));
      if (attempt === 1) warn(plan);
      // The subnet hitch picked was taken meanwhile: nothing else ran (everything waits for the network),
      // so observe again and pick another, and that try is not shown (held-display.ts). A subnet the
      // manifest fixed is the user's to change. Decided once, when the network fails: the display drops
      // the try on the same decision.
      let taken: string | undefined;
      const retryOnNextSubnet = (err: Error) => {
        if (err instanceof SubnetTakenError && !manifest.subnet && attempt < SUBNET_ATTEMPTS) taken = err.subnet;
        return taken !== undefined; // and records the subnet lost, for the next try
      };
      const onEvent = heldUntilNetwork(plan, opts, retryOnNextSubnet);
      const execution = await execute(engine, plan, { concurrency: opts.concurrency, onEvent, failed: knownFailures(plan, images), invocation: opts.invocation });
      if (taken) {
        lost.push(taken);
        opts.onWarning?.(`subnet ${taken} was taken by another network meanwhile; using the next free one`);
        continue;
      }
      const ok = Object.keys(execution.errors).length === 0;
      const logs = ok ? {} : await failureLogs(engine, manifest, plan, execution);
      const links = ok ? await linkEnforcement(engine, manifest, { listed: execution.firewalls, before: observed, parents: selected, invocation: opts.invocation }) : [];
      return { plan, execution, summary: summarize(plan, execution, started, logs), ok, links };
    }
  });
}
