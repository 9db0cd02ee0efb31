// What `hitch plan` shows under each container it will create: the final env (link variables
// included), the hosts lines and the firewall rules, with secret-looking values masked.
import { keyValue } from '../manifest/environment.js';
import type { Action, ContainerSpec, FirewallSpec } from './model.js';

export interface ShowOptions {
  showSecrets?: boolean; // print values of secret-looking keys as they are
}

/** Keys whose values are not printed unless asked: what compose and CI systems mask too. */
const SECRET_KEY = /PASSWORD|SECRET|TOKEN|KEY/i;
export const MASK = '***';

/** "KEY=VALUE" with the value masked when the key looks like a secret (DB_ENV_POSTGRES_PASSWORD too). */
export function maskEntry(entry: string, opts: ShowOptions): string {
  const [key, value] = keyValue(entry);
  if (opts.showSecrets || value === undefined || !SECRET_KEY.test(key)) return entry;
  return `${key}=${MASK}`;
}

/** Docker's ExtraHosts "names:ip" as the /etc/hosts line it becomes (a space for its tab, to stay visible). */
function hostsLine(extraHost: string): string {
  const colon = extraHost.lastIndexOf(':');
  return `${extraHost.slice(colon + 1)} ${extraHost.slice(0, colon)}`;
}

/** The rules as the sandbox applies them (images/sandbox/hitch-sandbox), in its order: the spec's. */
export function ruleLines(fw: FirewallSpec): string[] {
  return [
    'accept established, loopback',
    ...fw.allow.map((r) => `accept ${r.proto} from ${r.from} to port ${r.port}`),
    `drop from ${fw.subnet}`,
  ];
}

// Appended line by line: a plan of 1000 services has ~20k of these lines.
function containerDetails(c: ContainerSpec, fw: FirewallSpec | undefined, opts: ShowOptions, out: string[]): void {
  for (const e of c.env) out.push(`    env    ${maskEntry(e, opts)}`);
  for (const h of c.extraHosts) out.push(`    hosts  ${hostsLine(h)}`);
  if (fw) for (const r of ruleLines(fw)) out.push(`    rule   ${r}`);
}

/** Indented lines under an action, appended to `out`; none for actions that create nothing. */
export function actionDetails(a: Action, opts: ShowOptions, out: string[]): void {
  if (a.kind === 'create-container' || a.kind === 'recreate-container') containerDetails(a.container, a.firewall, opts, out);
  if (a.kind === 'update-firewall') for (const r of ruleLines(a.firewall)) out.push(`    rule   ${r}`);
}

/** The action with secret-looking env values masked (for the JSON form). */
export function maskAction(a: Action, opts: ShowOptions): Action {
  if (a.kind !== 'create-container' && a.kind !== 'recreate-container') return a;
  return { ...a, container: { ...a.container, env: a.container.env.map((e) => maskEntry(e, opts)) } };
}
