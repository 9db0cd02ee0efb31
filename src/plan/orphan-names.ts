// A new container may take the name an orphan's container still holds: a service renamed in the
// manifest with its `container_name` kept. The engine refuses a second container by one name, so with
// `--remove-orphans` the create waits for that orphan's removal, and without it `up` says so before
// anything runs (the create could never succeed).
import { UserError } from '../user-error.js';
import type { Action } from './model.js';
import type { ObservedState } from './observed.js';

export function waitForOrphanNames(actions: Action[], observed: ObservedState, orphans: string[], removeOrphans: boolean): UserError | undefined {
  const held = new Map(observed.containers.filter((c) => orphans.includes(c.service)).map((c) => [c.name, c]));
  const problems: string[] = [];
  for (const a of actions) {
    const made = a.kind === 'create-container' || a.kind === 'recreate-container'; // a recreate may take a new name
    const orphan = made ? held.get(a.container.name) : undefined;
    if (!made || !orphan) continue;
    if (!removeOrphans) {
      problems.push(`container name ${a.container.name} of service "${a.container.service}" is held by service "${orphan.service}", which the manifest no longer has`);
      continue;
    }
    const removal = `remove:${orphan.role}:${orphan.service}`; // orphanRemovals' id
    a.waitsFor.push(removal);
    a.createAfter?.push(removal);
  }
  const remedy = 'remove the orphans first with `hitch up --remove-orphans`, or give the service another container_name';
  return problems.length ? new UserError(problems.join('\n'), remedy) : undefined;
}
