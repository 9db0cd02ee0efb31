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
