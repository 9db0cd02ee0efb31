// The planning stage's public API: pure functions from Manifest + ObservedState to Plan.
export { linkEnv, envAlias, type LinkEnvInput } from './link-env.js';
export { hostsEntry, hostsEntries, type HostsInput } from './hosts.js';
export { startOrder, topoOrder, type Edge } from './order.js';
export { addressing, pickSubnet, assignIps, parseCidr, formatIp, SUBNET_POOL, type Addressing } from './addressing.js';
export { firewallFor, firewallArgs, parentsOf } from './firewall.js';
export { offeredPorts, offeredEnv } from './offers.js';
export { sandboxSpec, serviceSpec, firewallOf } from './container-spec.js';
export { linksEnv, linksHosts, mergeEnv, hostnameOf, type PlanContext } from './injected.js';
export { canonicalJson, serviceHash, sandboxHash } from './hash.js';
export { reconcile } from './reconcile.js';
export { planDown } from './down.js';
export { planText, planJson, actionLine } from './plan-text.js';
export { SANDBOX_IMAGE, SANDBOX_CAPS, sandboxName, networkName } from './sandbox.js';
export * from './model.js';
