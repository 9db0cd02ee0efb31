// What an orphan's containers still hold that a new container may want: its name (a service renamed in
// the manifest with its `container_name` kept) and, for a running sandbox, its published host ports (a
// service renamed with its `ports:` kept). The engine refuses a second container by one name or a
// second binding of one host port, so with `--remove-orphans` the create waits for that orphan's removal,
// as compose removes orphans before it converges; without it, `up` says so before anything runs (the
// create could never succeed).
import { UserError } from '../user-error.js';
import { hitchCommand, type Invocation } from './hitch-command.js';
import type { Action, ContainerSpec } from './model.js';
import type { ObservedContainer, ObservedState } from './observed.js';
import { parsePublished } from './published.js';

export function waitForOrphanNames(actions: Action[], observed: ObservedState, orphans: string[], opts: { removeOrphans?: boolean } & Invocation): UserError | undefined {
  const theirs = observed.containers.filter((c) => orphans.includes(c.service));
  const held = new Map(theirs.map((c) => [c.name, c]));
  const problems: string[] = [];
  const instead = new Set<string>(); // what the service could take instead, for the remedy
  for (const a of actions) {
    if (a.kind !== 'create-container' && a.kind !== 'recreate-container') continue; // a recreate may take a new name
    const holders = new Map<ObservedContainer, string>();
    const byName = held.get(a.container.name);
    if (byName) holders.set(byName, `container name ${a.container.name}`);
    for (const c of theirs) {
      const ports = sharedHostPorts(a.container, c);
      if (ports.length > 0 && !holders.has(c)) holders.set(c, `host port ${ports.join(', ')}`);
    }
    for (const [orphan, what] of holders) {
      if (!opts.removeOrphans) {
        instead.add(what.startsWith('host port') ? 'host port' : 'container_name');
        problems.push(`${what} of service "${a.container.service}" is held by service "${orphan.service}", which the manifest no longer has`);
        continue;
      }
      const removal = `remove:${orphan.role}:${orphan.service}`; // orphanRemovals' id
      a.waitsFor.push(removal);
      a.createAfter?.push(removal);
    }
  }
  const remedy = `remove the orphans first with \`${hitchCommand(opts, 'up --remove-orphans')}\`, or give the service another ${[...instead].sort().join(' or ')}`;
  return problems.length ? new UserError(problems.join('\n'), remedy) : undefined;
}

/**
 * The fixed host ports (`8080/tcp`) `spec` publishes that `orphan` publishes too, whatever the addresses:
 * a wildcard address takes the port on every one. A port the engine picks, also from a range
 * (`127.0.0.1::80`, `8000-8010:80`), may be another one: not counted.
 */
function sharedHostPorts(spec: ContainerSpec, orphan: ObservedContainer): string[] {
  const theirs = new Set((orphan.published ?? []).flatMap((text) => {
    const p = parsePublished(text);
    return p ? [`${p.hostPort}/${p.proto}`] : [];
  }));
  const mine = spec.portBindings.filter((b) => /^\d+$/.test(b.hostPort)).map((b) => `${b.hostPort}/${b.proto}`);
  return [...new Set(mine.filter((p) => theirs.has(p)))].sort();
}
