// The sandbox container owns a service's network namespace (DESIGN.md, "one sandbox per service").
// Its image runs `hitch-sandbox` (images/sandbox/hitch-sandbox), which applies the firewall, then serves
// readiness probes on its stdin.

/** Bump when images/sandbox changes, so engines with an older build get a fresh one. */
export const SANDBOX_IMAGE = 'hitch/sandbox:4';

/** Sandboxes need NET_ADMIN to manage iptables inside their own namespace, and nothing else. */
export const SANDBOX_CAPS = ['NET_ADMIN'];

export { sandboxName } from '../manifest/container-names.js';

export function networkName(project: string): string {
  return `${project}-hitch`;
}
