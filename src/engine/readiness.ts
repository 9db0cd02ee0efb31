// A child is ready when it is healthy (if it has a healthcheck), else running and accepting TCP on its
// exposed tcp ports, probed from the parent's sandbox: the real path, through the child's firewall.
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';
import type { AwaitReady } from '../plan/ready-probe.js';
import { UserError } from '../user-error.js';
import type { ContainerStatus, Engine } from './engine.js';
import type { SandboxChannel, SandboxChannels } from './sandbox-channel.js';

// Probes start fast and back off, so a quick child costs tens of ms, a slow one a probe a second.
const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 1000;
const PROBE_TIMEOUT_SEC = 1;

/**
 * Its last log lines are in the summary, not here: one failure, one place to read it. `up` is the way on
 * whichever command waited (up, start or restart): only `up` makes the container anew with a corrected
 * command or image, and it starts it as it is when nothing changed.
 */
function notRunning(a: AwaitReady, exitCode: number | undefined, hitch: Invocation): UserError {
  return new UserError(
    `service "${a.service}" is not running (exit code ${exitCode ?? 'unknown'})`,
    `fix the service's command or image, then run \`${hitchCommand(hitch, 'up')}\``,
  );
}

/** Through the parent sandbox's channel when it answers, else by exec (the same `hitch-sandbox probe`). */
async function probe(engine: Engine, a: AwaitReady, channel: SandboxChannel | undefined, deadline: number): Promise<boolean> {
  for (const port of a.target.tcpPorts) {
    const answer = await channel?.probe(a.target.ip, port, PROBE_TIMEOUT_SEC, deadline - Date.now());
    const open = answer === undefined
      ? (await engine.exec(a.from, ['hitch-sandbox', 'probe', a.target.ip, String(port), String(PROBE_TIMEOUT_SEC)])).exitCode === 0
      : answer === 'open';
    if (!open) return false;
  }
  return true;
}

/** Not ready in time; a child its restart policy kept restarting says so, with how its last run ended. */
function notReady(a: AwaitReady, status: ContainerStatus, hitch: Invocation): UserError {
  const why = status.restarting ? `it kept restarting (last exit code ${status.exitCode ?? 'unknown'})` : `waited for ${waitedFor(a)}`;
  return new UserError(`service "${a.service}" was not ready after ${a.timeoutMs / 1000}s: ${why}`, `check the service with \`${hitchCommand(hitch, `logs ${a.service}`)}\`, or raise its ready_timeout`);
}

function waitedFor(a: AwaitReady): string {
  if (a.healthcheck) return 'its healthcheck to pass';
  const ports = a.target.tcpPorts.map((p) => `${a.target.ip}:${p}`).join(', ');
  return ports ? `TCP connections on ${ports} from ${a.from}` : 'it to be running';
}

export async function awaitReady(engine: Engine, a: AwaitReady, hitch: Invocation, channels?: SandboxChannels): Promise<void> {
  const deadline = Date.now() + a.timeoutMs;
  const channel = a.target.tcpPorts.length > 0 ? await channels?.get(a.from) : undefined;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    // Without a healthcheck, probe first: a child that takes connections is running, so its status is
    // needed only to tell "not yet" from "never".
    const probedFirst = !a.healthcheck && a.target.tcpPorts.length > 0;
    if (probedFirst && (await probe(engine, a, channel, deadline))) return;
    const status = await engine.status(a.container);
    if (!status.running) throw notRunning(a, status.exitCode, hitch);
    if (status.health === 'unhealthy') {
      throw new UserError(`service "${a.service}" is unhealthy`, `see \`${hitchCommand(hitch, `logs ${a.service}`)}\`, and its healthcheck's last output with \`docker inspect -f '{{json .State.Health.Log}}' ${a.container}\``);
    }
    // A healthcheck that names no test defers to the image's; an image without one reports no health
    // at all, and then the TCP probe decides, as for a service with no healthcheck.
    const byHealth = a.healthcheck && status.health !== undefined;
    // restarting (the engine counts it as running): it exited, and may run for good at a later start
    const ready = !status.restarting && (byHealth ? status.health === 'healthy' : !probedFirst && (await probe(engine, a, channel, deadline)));
    if (ready) return;
    if (Date.now() + delay > deadline) throw notReady(a, status, hitch);
    await new Promise((r) => setTimeout(r, delay));
  }
}
