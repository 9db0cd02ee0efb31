// A sandbox is worth nothing until its firewall is in force: its service must never start in an open
// namespace. `hitch-sandbox run` applies the rules, lists them as the kernel holds them and says
// "hitch-sandbox: in force", or exits when it cannot (no NET_ADMIN, no iptables support in the kernel).
// A new sandbox is started attached to its stdio, and that line is awaited there (no exec, no process
// in the container); the attachment then carries readiness probes (sandbox-channel.ts). Should the line
// not come in time, and for a sandbox started again, `hitch-sandbox show` is asked: it succeeds only
// once INPUT jumps to the rules, and lists them. That listing is what `up` reports; a sandbox that
// exited fails with its own words.
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import { runsNow } from '../plan/observed.js';
import { unpauseRemedy } from '../plan/paused.js';
import { UserError } from '../user-error.js';
import type { Attachment, Engine } from './engine.js';
import type { SandboxChannels } from './sandbox-channel.js';

const FIRST_DELAY_MS = 25;
const MAX_DELAY_MS = 500;
const LOG_LINES = 10;
export const FIREWALL_TIMEOUT_MS = 15_000;
const IN_FORCE = 'hitch-sandbox: in force';
/** Ample for a loaded engine; past it, `show` decides (a line written before the attach took hold is missed). */
const WATCH_MS = 5_000;

function remedy(hitch: Invocation): string {
  return (
    'hitch enforces links with iptables rules inside each sandbox, which needs the NET_ADMIN capability ' +
    "in the sandbox's own network namespace (no host privileges): use an engine that grants `cap_add: NET_ADMIN` " +
    `to containers and whose kernel has netfilter (nf_tables), then run \`${hitchCommand(hitch, 'up')}\`. ` +
    'hitch will not run a service without its firewall.'
  );
}

async function failure(engine: Engine, sandbox: string, service: string, why: string, hitch: Invocation): Promise<UserError> {
  const logs = (await engine.logsTail(sandbox, LOG_LINES).catch(() => '')).trimEnd();
  return new UserError(
    `the firewall of service "${service}" is not in force: ${why}${logs ? `; sandbox ${sandbox} says:\n${logs}` : ''}`,
    remedy(hitch),
  );
}

/**
 * Resolves once the sandbox's rules are in force, with the chain as the kernel listed it then; a
 * UserError with its log if it exited or never got there; paused, at once, with the way out (unpause).
 */
export async function awaitFirewall(engine: Engine, sandbox: string, service: string, hitch: Invocation, timeoutMs = FIREWALL_TIMEOUT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    const status = await engine.status(sandbox);
    // restarting: it exited, and its restart policy starts it again, where it would exit the same way
    if (!runsNow(status)) throw await failure(engine, sandbox, service, `sandbox ${sandbox} exited (code ${status.exitCode ?? 'unknown'})`, hitch);
    // paused since it started (nothing runs in it, so `show` could never answer): no capability is missing
    if (status.paused) {
      throw new UserError(
        `the firewall of service "${service}" cannot be confirmed: its sandbox ${sandbox} is paused`,
        `${unpauseRemedy([sandbox])}, then run \`${hitchCommand(hitch, 'up')}\``,
      );
    }
    // it may exit between the two calls: the next status says so
    const shown = await engine.exec(sandbox, ['hitch-sandbox', 'show']).catch((err: Error) => ({ exitCode: -1, stdout: '', stderr: err.message }));
    if (shown.exitCode === 0) return shown.stdout;
    if (Date.now() + delay > deadline) {
      const last = shown.stderr.trim() || `\`hitch-sandbox show\` exited ${shown.exitCode}`;
      throw await failure(engine, sandbox, service, `still not applied after ${timeoutMs / 1000}s (${last})`, hitch);
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Resolves true once the attached sandbox says its rules are in force, false if it ended or time ran out. */
function inForce(attachment: Attachment, listed: string[]): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const timer = setTimeout(() => resolve(false), WATCH_MS);
    const settle = (result: boolean) => {
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    attachment.onLine((line) => {
      if (settled) return;
      if (line === IN_FORCE) settle(true);
      else if (line.startsWith('-')) listed.push(line);
    });
    void attachment.ended.then(() => settle(false));
  });
}

/**
 * Starts a new sandbox and resolves once its rules are in force, with the chain as the kernel listed it
 * then; a UserError with its log if it exited or never got there. The attachment its start was watched
 * through goes to `channels` (for readiness probes), or is let go.
 */
export async function startSandbox(engine: Engine, sandbox: string, service: string, hitch: Invocation, channels?: SandboxChannels): Promise<string> {
  const attachment = await engine.attach(sandbox);
  if (!attachment) {
    // An engine that cannot attach to a container not yet started: start it, and ask.
    await engine.startContainer(sandbox);
    return awaitFirewall(engine, sandbox, service, hitch);
  }
  const listed: string[] = [];
  const watched = inForce(attachment, listed);
  try {
    await engine.startContainer(sandbox);
  } catch (err) {
    attachment.close();
    throw err;
  }
  const reached = await watched;
  if (channels) channels.adopt(sandbox, attachment);
  else attachment.close();
  if (reached) return listed.join('\n') + '\n';
  return awaitFirewall(engine, sandbox, service, hitch, FIREWALL_TIMEOUT_MS - WATCH_MS);
}
