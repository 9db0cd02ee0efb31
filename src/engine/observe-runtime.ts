// What observing a project learns only from a request per running container: when each started, and
// the rules each sandbox enforces. Planning and `check` need it; the other commands skip it (observe.ts).
import type Docker from 'dockerode';
import type { ObservedContainer } from '../plan/observed.js';
import { isNotFound } from './engine-errors.js';

const RULES_FILE = '/var/lib/hitch/rules'; // written by `hitch-sandbox apply` (images/sandbox)

/** The single file of a one-entry tar archive: a 512-byte header (size in octal at 124), then the bytes. */
function untarOne(tar: Buffer): string {
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0/g, '').trim(), 8);
  return tar.subarray(512, 512 + size).toString('utf8');
}

/** The rules file written by `hitch-sandbox apply`, read without an exec (one archive request). */
async function rulesFile(docker: Docker, id: string): Promise<string | undefined> {
  try {
    const stream = (await docker.getContainer(id).getArchive({ path: RULES_FILE })) as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return untarOne(Buffer.concat(chunks));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * What only an inspect tells about a running container: when it started, and for a sandbox the rules it
 * enforces (its rules file, written by `apply`, else its `run` arguments).
 */
async function addDetails(docker: Docker, c: ObservedContainer): Promise<void> {
  if (!c.running) return;
  const [info, rules] = await Promise.all([
    docker.getContainer(c.id).inspect(),
    c.role === 'sandbox' ? rulesFile(docker, c.id) : undefined,
  ]);
  c.startedAt = info.State.StartedAt;
  if (c.role !== 'sandbox') return;
  const cmd = info.Config.Cmd ?? [];
  c.firewallArgs = rules !== undefined ? rules.split('\n').filter(Boolean) : cmd.slice(cmd.indexOf('run') + 1);
}

/** Inspect and rules requests at once: enough to hide latency, few enough not to flood the engine. */
const DETAIL_REQUESTS_AT_ONCE = 16;

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Adds the runtime details to each running container of `observed`, in place. */
export function addRuntimeDetails(docker: Docker, observed: ObservedContainer[]): Promise<void> {
  return eachLimited(observed, DETAIL_REQUESTS_AT_ONCE, (c) => addDetails(docker, c));
}
