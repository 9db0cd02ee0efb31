// A child is ready when it is healthy (if it has a healthcheck), else running and accepting TCP on its
// exposed tcp ports, probed from the parent's sandbox: the real path, through the child's firewall.
import type { Action } from '../plan/model.js';
import { UserError } from '../user-error.js';
import type { Engine } from './engine.js';

type AwaitReady = Extract<Action, { kind: 'await-ready' }>;

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 1000;
const LOG_LINES = 10;

async function notRunning(engine: Engine, a: AwaitReady, exitCode: number | undefined): Promise<UserError> {
  const logs = (await engine.logsTail(a.container, LOG_LINES).catch(() => '')).trimEnd();
  return new UserError(
    `service "${a.service}" is not running (exit code ${exitCode ?? 'unknown'})${logs ? `; last log lines:\n${logs}` : ''}`,
    `fix the service's command or image and run \`hitch up\` again`,
  );
}

async function probe(engine: Engine, a: AwaitReady): Promise<boolean> {
  for (const port of a.target.tcpPorts) {
    const res = await engine.exec(a.from, ['hitch-sandbox', 'probe', a.target.ip, String(port), '1']);
    if (res.exitCode !== 0) return false;
  }
  return true;
}

function waitedFor(a: AwaitReady): string {
  if (a.healthcheck) return 'its healthcheck to pass';
  const ports = a.target.tcpPorts.map((p) => `${a.target.ip}:${p}`).join(', ');
  return ports ? `TCP connections on ${ports} from ${a.from}` : 'it to be running';
}

export async function awaitReady(engine: Engine, a: AwaitReady): Promise<void> {
  const deadline = Date.now() + a.timeoutMs;
  for (let delay = FIRST_DELAY_MS; ; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    const status = await engine.status(a.container);
    if (!status.running) throw await notRunning(engine, a, status.exitCode);
    if (status.health === 'unhealthy') throw new UserError(`service "${a.service}" is unhealthy`, 'see `hitch logs`');
    const ready = a.healthcheck ? status.health === 'healthy' : await probe(engine, a);
    if (ready) return;
    if (Date.now() + delay > deadline) {
      throw new UserError(
        `service "${a.service}" was not ready after ${a.timeoutMs / 1000}s: waited for ${waitedFor(a)}`,
        `check the service with \`hitch logs ${a.service}\`, or raise its ready_timeout`,
      );
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}
