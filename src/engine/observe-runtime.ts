// What observing a project learns only from a request per running container: when each started, and
// the rules each sandbox enforces. Planning and `check` need it; the other commands skip it (observe.ts).
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import type { ObservedContainer } from '../plan/observed.js';
import { unlessNotFound } from './engine-errors.js';

const RULES_FILE = '/var/lib/hitch/rules'; // written by `hitch-sandbox apply` (images/sandbox)
const RULES_LINK = `${RULES_FILE}.link`; // the same rules as a symlink's target, beside it

/** The single file of a one-entry tar archive: a 512-byte header (size in octal at 124), then the bytes. */
function untarOne(tar: Buffer): string {
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0/g, '').trim(), 8);
  return tar.subarray(512, 512 + size).toString('utf8');
}

/**
 * The rules a link target holds: tokens joined by '/', a subnet's '/' written '%'. The engine reports
 * the target resolved against the link's folder (20.10: `/var/lib/hitch/--subnet/…`), so that goes.
 */
export function rulesFromLinkTarget(target: string): string[] | undefined {
  const folder = `${RULES_LINK.slice(0, RULES_LINK.lastIndexOf('/'))}/`;
  const tokens = (target.startsWith(folder) ? target.slice(folder.length) : target).split('/');
  // anything but `--option value…` is not what `apply` wrote: the file says instead
  return tokens[0]?.startsWith('--') && tokens.every(Boolean) ? tokens.map((t) => t.replace(/%/g, '/')) : undefined;
}

/** The rules as the link holds them, from one stat of its path: no tar, unlike reading the file. */
async function rulesLink(docker: Docker, id: string): Promise<string[] | undefined> {
  const res = (await unlessNotFound(docker.getContainer(id).infoArchive({ path: RULES_LINK }))) as IncomingMessage | undefined;
  if (!res) return undefined;
  res.resume(); // a HEAD has no body, but its response must still end, or its socket keeps the process alive
  const stat = String(res.headers['x-docker-container-path-stat'] ?? '');
  const target = stat ? (JSON.parse(Buffer.from(stat, 'base64').toString('utf8')) as { linkTarget?: string }).linkTarget : undefined;
  return target ? rulesFromLinkTarget(target) : undefined;
}

/** The rules file written by `hitch-sandbox apply`, read without an exec (one archive request). */
async function rulesFile(docker: Docker, id: string): Promise<string[] | undefined> {
  const stream = (await unlessNotFound(docker.getContainer(id).getArchive({ path: RULES_FILE }))) as NodeJS.ReadableStream | undefined;
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return untarOne(Buffer.concat(chunks)).split('\n').filter(Boolean);
}

/** The rules `apply` last recorded: from the link when there is one, else the file (none: never applied). */
async function recordedRules(docker: Docker, id: string): Promise<string[] | undefined> {
  return (await rulesLink(docker, id)) ?? rulesFile(docker, id);
}

/**
 * What only an inspect tells about a running container: when it started, and for a sandbox the rules it
 * enforces (its rules file, written by `apply`, else its `run` arguments).
 */
async function addDetails(docker: Docker, c: ObservedContainer): Promise<void> {
  if (!c.running) return;
  const [info, rules] = await Promise.all([
    docker.getContainer(c.id).inspect(),
    c.role === 'sandbox' ? recordedRules(docker, c.id) : undefined,
  ]);
  c.startedAt = info.State.StartedAt;
  if (c.role !== 'sandbox') return;
  const cmd = info.Config.Cmd ?? [];
  c.firewallArgs = rules ?? cmd.slice(cmd.indexOf('run') + 1);
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
