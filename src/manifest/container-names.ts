// The names of the containers hitch makes for a service. They live here, not in src/plan, because the
// manifest must reject two services whose containers would collide before anything reaches the engine.

/** Each service's sandbox (DESIGN.md, "one sandbox per service") is named after its container. */
export function sandboxName(containerName: string): string {
  return `${containerName}-sandbox`;
}

/** Both containers of a service: its own, then its sandbox. */
export function containerNamesOf(containerName: string): [string, string] {
  return [containerName, sandboxName(containerName)];
}

/**
 * The container that serializes `up`, `down`, `restart`, `stop` and `start` of a project (src/engine/mutex.ts). Its prefix
 * is kept from containers of services: a service named so would take a project's lock, or be taken for it.
 */
export const LOCK_PREFIX = 'hitch-lock-';

export function lockName(project: string): string {
  return `${LOCK_PREFIX}${project}`;
}
