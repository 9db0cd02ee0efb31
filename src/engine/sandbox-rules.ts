// The rules a sandbox records in its own filesystem (images/sandbox/hitch-sandbox): `apply` writes them,
// and `run` applies them at every start in place of its arguments. Twice: a file of one token a line,
// and a symlink whose target holds the same tokens, which the engine reports in a stat of its path
// (a HEAD request) where reading the file costs it a tar process. Read here without an exec, and
// written here into a stopped sandbox, which no exec can reach, through the engine's archive endpoint.
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { pack } from 'tar-stream';
import { UserError } from '../user-error.js';
import { engineMessage, isNotFound, unlessNotFound } from './engine-errors.js';

const RULES_FOLDER = '/var/lib/hitch'; // made by both sandbox Dockerfiles
const RULES_FILE = `${RULES_FOLDER}/rules`;
const RULES_LINK = `${RULES_FILE}.link`;
/** The longest symlink target Linux takes (PATH_MAX less its NUL): `apply` writes no link past it. */
const LONGEST_TARGET = 4095;
/** What a link says when the rules are too long for one: not `--option value…`, so readers take the file. */
const SEE_FILE = 'see-the-rules-file';
/**
 * What a link says when the file's rules may not be in force: recorded while the sandbox was stopped,
 * then not applied when it turned out to have started. Readers report no rules, so the next `up` applies
 * them; `run` still takes the file at the next start.
 */
const UNCONFIRMED = 'not-confirmed-in-force';

/** The target `apply` gives the link: the tokens joined by '/', a subnet's '/' written '%'. */
function linkTargetOf(args: readonly string[]): string {
  return args.map((t) => t.replace(/\//g, '%')).join('/');
}

/** A link target as written: the engine reports it resolved against the link's folder (20.10). */
function asWritten(target: string): string {
  const folder = `${RULES_FOLDER}/`;
  return target.startsWith(folder) ? target.slice(folder.length) : target;
}

/** The rules a link target holds (as the engine reports it: 20.10 gives `/var/lib/hitch/--subnet/…`). */
export function rulesFromLinkTarget(target: string): string[] | undefined {
  const tokens = asWritten(target).split('/');
  // anything but `--option value…` is not what apply wrote: the file says instead
  return tokens[0]?.startsWith('--') && tokens.every(Boolean) ? tokens.map((t) => t.replace(/%/g, '/')) : undefined;
}

/** The single file of a one-entry tar archive: a 512-byte header (size in octal at 124), then the bytes. */
function untarOne(tar: Buffer): string {
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0/g, '').trim(), 8);
  return tar.subarray(512, 512 + size).toString('utf8');
}

/** The link's target, from one stat of its path: no tar, unlike reading the file. */
async function linkTarget(docker: Docker, id: string): Promise<string | undefined> {
  const res = (await unlessNotFound(docker.getContainer(id).infoArchive({ path: RULES_LINK }))) as IncomingMessage | undefined;
  if (!res) return undefined;
  res.resume(); // a HEAD has no body, but its response must still end, or its socket keeps the process alive
  const stat = String(res.headers['x-docker-container-path-stat'] ?? '');
  return stat ? (JSON.parse(Buffer.from(stat, 'base64').toString('utf8')) as { linkTarget?: string }).linkTarget : undefined;
}

/** The rules file, read without an exec (one archive request). */
async function rulesFile(docker: Docker, id: string): Promise<string[] | undefined> {
  const stream = (await unlessNotFound(docker.getContainer(id).getArchive({ path: RULES_FILE }))) as NodeJS.ReadableStream | undefined;
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return untarOne(Buffer.concat(chunks)).split('\n').filter(Boolean);
}

/** What a sandbox says of its rules: the tokens, that those it holds may not be in force, or nothing (never recorded). */
export type RecordedRules = string[] | 'not confirmed' | undefined;

/** The rules the sandbox last recorded: from the link when there is one, else the file. */
export async function recordedRules(docker: Docker, id: string): Promise<RecordedRules> {
  const target = await linkTarget(docker, id);
  if (target !== undefined && asWritten(target) === UNCONFIRMED) return 'not confirmed';
  return (target !== undefined ? rulesFromLinkTarget(target) : undefined) ?? rulesFile(docker, id);
}

/** The file and the link as `apply` writes them (no `args`: the link alone, saying the file is not confirmed), as a tar for the rules folder. */
export async function rulesArchive(args: readonly string[] | undefined): Promise<Buffer> {
  const archive = pack();
  if (args) archive.entry({ name: 'rules', mode: 0o644 }, args.map((t) => `${t}\n`).join(''));
  // a link is always written: one left from before would go on claiming the rules it held
  const target = args ? linkTargetOf(args) : UNCONFIRMED;
  archive.entry({ name: 'rules.link', type: 'symlink', linkname: target.length > LONGEST_TARGET ? SEE_FILE : target });
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Records `args` as the rules the sandbox applies when it next starts (it is stopped: `apply` cannot
 * run); no `args`: marks the recorded ones as not confirmed in force. False when the sandbox is gone.
 */
export async function recordRules(docker: Docker, id: string, args: readonly string[] | undefined): Promise<boolean> {
  try {
    await docker.getContainer(id).putArchive(await rulesArchive(args), { path: RULES_FOLDER });
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw new UserError(`cannot record the firewall rules in ${id}: ${engineMessage(err)}`);
  }
}
