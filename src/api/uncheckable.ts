// What keeps `hitch check` from proving anything, said before any probe runs, with the way out.
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { unpauseRemedy } from '../plan/paused.js';
import { keepRestarting, lastRuns, restartingRemedy } from '../plan/restarting-sandbox.js';
import { UserError } from '../user-error.js';
import type { Live } from './link-enforcement.js';

/**
 * A paused sandbox runs no probe, nor does one its restart policy keeps restarting. A service whose
 * sandbox restarted under it kept the old, empty namespace: its parents' probes would be refused, which
 * `check` counts as let in (nothing listens), so the matrix would pass while the service has no network.
 */
export function uncheckable(project: string, stack: Live, hitch: Invocation): UserError | undefined {
  const again = `then run \`${hitchCommand(hitch, 'check')}\` again`;
  if (stack.paused.length > 0) {
    return new UserError(
      `cannot check project ${project}: probes run in every sandbox, and nothing runs in a paused one: ${stack.paused.join(', ')}`,
      `${unpauseRemedy(stack.paused)}, ${again}`,
    );
  }
  if (stack.restarting.length > 0) {
    return new UserError(
      `cannot check project ${project}: probes run in every sandbox, and ${keepRestarting(stack.restarting)}: ${lastRuns(stack.restarting)}`,
      `${restartingRemedy(stack.restarting, hitch)}, ${again}`,
    );
  }
  const cut = stack.restarted;
  if (cut.length === 0) return undefined;
  const one = cut.length === 1;
  return new UserError(
    one
      ? `cannot check project ${project}: ${cut[0]} has no network: its sandbox restarted under its running container, which kept the old, empty namespace`
      : `cannot check project ${project}: ${cut.join(', ')} have no network: their sandboxes restarted under their running containers, which kept the old, empty namespaces`,
    `restart ${one ? 'it' : 'them'} to rejoin ${one ? 'its sandbox' : 'their sandboxes'} (\`${hitchCommand(hitch, 'up')}\`, or \`${hitchCommand(hitch, `restart ${cut.join(' ')}`)}\`), ${again}`,
  );
}
