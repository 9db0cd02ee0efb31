// `start`: start the existing stopped containers of services (default: all; named, with the services
// they link, as `up SERVICE…` selects them), creating nothing, as compose's `start` does. It plans as
// `up` does, under the project's lock, and runs that plan only if starting is all it holds: each sandbox
// before its service, with the rules it will apply recorded first when they changed, each child ready
// before its parents start. Anything else (a container to create or recreate) is `up`'s, and is named.
import type { Engine } from '../engine/engine.js';
import { execute, type ExecEvent } from '../engine/executor.js';
import type { Manifest } from '../manifest/model.js';
import { reconcile } from '../plan/reconcile.js';
import { selectServices } from '../plan/selection.js';
import { beyondStarting, servicesStarted } from '../plan/start-only.js';
import { UserError } from '../user-error.js';
import { withProjectLock, type LockOptions } from './lock.js';
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { containersOf, noContainer, notCreated, pick, type ProjectScope } from './lookup.js';
import { failuresOfRun } from './failures.js';
import { observeForPlan } from './plan-up.js';
import type { Failure } from './summary.js';

export interface StartOptions extends Invocation {
  onEvent?: (e: ExecEvent) => void;
  lock?: LockOptions;
}

/** What was started, and what failed: as `up` and `down` (and restart, stop), a failure is in the result, not thrown. */
export interface StartResult {
  started: string[]; // the services with a container started, children first
  failed: Failure[]; // each failed service once, as up's summary lists it
}

/** Services of the selection with no container at all: `start` has nothing to start them from. */
function neverCreated(services: readonly string[], scope: ProjectScope): UserError {
  const { said, them } = noContainer(scope.name, services);
  return new UserError(`${said}, and start only starts existing containers; nothing was started`, `create ${them} with \`${hitchCommand(scope, `up ${services.join(' ')}`)}\``);
}

export async function start(engine: Engine, manifest: Manifest, services: string[], opts: StartOptions = {}): Promise<StartResult> {
  const scope = { name: manifest.project, declared: Object.keys(manifest.services), invocation: opts.invocation };
  return withProjectLock(engine, manifest.project, 'start', opts.lock ?? {}, async () => {
    const observed = await observeForPlan(engine, manifest);
    // the names as every command checks them (an orphan's name is refused next: it is not the manifest's)
    pick(observed, scope, services);
    const selected = selectServices(manifest, services);
    const plan = reconcile(manifest, observed, { selected, invocation: opts.invocation });
    const absent = (selected ?? Object.keys(manifest.services)).filter((s) => notCreated(containersOf(observed, s))).sort();
    if (absent.length > 0) throw neverCreated(absent, scope);
    const refusal = beyondStarting(plan, services, hitchCommand(scope, 'up'));
    if (refusal) throw refusal;
    const execution = await execute(engine, plan, { onEvent: opts.onEvent, invocation: opts.invocation });
    const failed = await failuresOfRun(engine, plan, execution);
    const done = new Set(Object.entries(execution.outcomes).filter(([, o]) => o === 'done').map(([id]) => id));
    // started: every start of the service done (a sandbox started whose service failed is not)
    const started = servicesStarted(plan).filter((s) => plan.actions.every((a) => a.kind !== 'start-container' || a.service !== s || done.has(a.id)));
    return { started, failed };
  });
}
