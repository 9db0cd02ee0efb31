// What `up` shows of a plan that makes the project network: nothing until that network is made. The subnet
// hitch picked for it may be taken by another network meanwhile (two `up`s of different projects at once);
// nothing else has run then, as everything waits for the network, and `up` plans again on the next free
// subnet (up.ts). That first try is no failure of the run, so it is never shown: neither its plan nor the
// network's failure and the skips behind it.
import type { ExecEvent } from '../engine/executor.js';
import type { Plan } from '../plan/model.js';

export interface Display {
  onPlan?: (plan: Plan) => void;
  onEvent?: (e: ExecEvent) => void;
}

/**
 * The onEvent that runs `plan` for `display`: its plan and its events are passed on once its network is made
 * (or failed for good), at once when it makes none; everything is dropped once the network failed of an
 * error `retried` says `up` tries again after.
 */
export function heldUntilNetwork(plan: Plan, display: Display, retried: (err: Error) => boolean): (e: ExecEvent) => void {
  const network = plan.actions.find((a) => a.kind === 'create-network');
  let held: ExecEvent[] | undefined = network ? [] : undefined;
  let dropped = false;
  if (!held) display.onPlan?.(plan);
  return (e) => {
    if (dropped) return;
    if (!held) return display.onEvent?.(e);
    if (e.action.id !== network!.id || e.type === 'start') return void held.push(e);
    if (e.type === 'failed' && retried(e.error)) return void (dropped = true);
    display.onPlan?.(plan);
    for (const h of [...held, e]) display.onEvent?.(h);
    held = undefined;
  };
}
