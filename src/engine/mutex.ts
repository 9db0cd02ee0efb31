// An engine-side mutex: one container with a fixed name per project. Creating a container by name is
// atomic on the engine, so exactly one of two `hitch up`s wins, whether they run on one machine or on
// two machines against the same (remote) engine; a local file lock would only cover the first case.
//
// Liveness without heartbeats: the holder keeps the container's stdin attached, and the container runs
// `cat`. When the holder dies (SIGKILL, lost machine), its connection closes, the engine closes stdin
// (StdinOnce), `cat` exits, and the lock is visibly stale: anyone may remove it (by id, so a newer lock
// is never removed by mistake). A holder of this host whose process is gone is seen at once, started or
// not (lock-owner.ts); an interrupted one removes its lock itself (src/cli/interrupt.ts).
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { LABEL } from '../plan/model.js';
import { SANDBOX_IMAGE } from '../plan/sandbox.js';
import { UserError } from '../user-error.js';
import type { LockAttempt } from './engine.js';
import { isNotFound, statusOf, unlessNotFound } from './engine-errors.js';
import { isHeld, OWNER_LABEL, PIDS_LABEL, START_DELAY_MS, thisHost } from './lock-owner.js';

async function create(docker: Docker, name: string, labels: Record<string, string>): Promise<LockAttempt> {
  const container = await docker.createContainer({
    name,
    Image: SANDBOX_IMAGE, // always present where hitch runs: `up` ensures it before it locks
    Entrypoint: ['cat'],
    Cmd: [],
    OpenStdin: true,
    StdinOnce: true,
    AttachStdin: true,
    Labels: labels,
    // No namespace of its own: making one (even an empty one, `none`) is half of what this lock costs
    // every `up` and `down` (about 120 ms), and `cat` needs no network. Without capabilities it can do
    // nothing with the host's; its endpoint is on the engine's `host` network, never a project's.
    HostConfig: { NetworkMode: 'host', CapDrop: ['ALL'] },
  });
  // The create alone makes the lock ours: the name is taken, and a lock not started yet is held for
  // START_GRACE_MS (lock-owner.ts). The start only lets others see a dead holder (its stdin closes, `cat`
  // exits), so it waits START_DELAY_MS beside the work, and a command done sooner never starts it.
  let stdin: Duplex | undefined;
  let started: Promise<void> | undefined;
  const start = async () => {
    stdin = (await container.attach({ stream: true, stdin: true, hijack: true })) as Duplex;
    // A reset connection (engine restart, lost ssh) only means the lock goes stale: never a crash.
    stdin.on('error', () => {});
    await container.start();
  };
  // A start that fails leaves a lock that is held until START_GRACE_MS, then stale, as when a holder on
  // another host is killed before starting it: the work goes on, and the release removes it anyway.
  const delayed = setTimeout(() => (started = start().catch(() => {})), START_DELAY_MS);
  delayed.unref(); // the work keeps hitch alive, not the lock
  return {
    acquired: true,
    id: container.id,
    release: async () => {
      clearTimeout(delayed);
      await started;
      stdin?.destroy();
      await container.remove({ force: true }).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    },
  };
}

/** Whether a lock container is held, by the rule of lock-owner.ts. */
function live(info: Docker.ContainerInspectInfo): boolean {
  const labels = info.Config.Labels ?? {};
  const lock = { running: info.State.Running, status: info.State.Status, created: info.Created, owner: labels[OWNER_LABEL], pids: labels[PIDS_LABEL] };
  return isHeld(lock, thisHost());
}

/**
 * Who holds the lock, or undefined when it was stale (now removed) or vanished: try again. Only a
 * container that carries this very lock label is ever removed; anything else of that name is not ours.
 */
async function holder(docker: Docker, name: string, labels: Record<string, string>): Promise<Record<string, string> | undefined> {
  try {
    const info = await docker.getContainer(name).inspect();
    const mine = info.Config.Labels?.[LABEL.lock] === labels[LABEL.lock];
    if (!mine) {
      throw new UserError(`a container named ${name} exists and is not a hitch lock`, `rename or remove it (hitch uses that name to lock the project)`);
    }
    if (live(info)) return info.Config.Labels ?? {};
    await docker.getContainer(info.Id).remove({ force: true });
    return undefined;
  } catch (err) {
    // 409: another waiter is removing the same stale lock right now; either way it is going.
    if (isNotFound(err) || statusOf(err) === 409) return undefined;
    throw err;
  }
}

export async function tryLock(docker: Docker, name: string, labels: Record<string, string>): Promise<LockAttempt> {
  try {
    return await create(docker, name, labels);
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
    return { acquired: false, holder: await holder(docker, name, labels) };
  }
}

export async function lockHeld(docker: Docker, name: string): Promise<boolean> {
  const info = await unlessNotFound(docker.getContainer(name).inspect());
  return info?.Config.Labels?.[LABEL.lock] !== undefined && live(info);
}
