// The rules a sandbox records in its own filesystem (images/sandbox/hitch-sandbox): `apply` writes them,
// and `run` applies them at every start in place of its arguments. Twice: a file of one token a line,
// and a symlink whose target holds the same tokens, which the engine reports in a stat of its path
// (a HEAD request) where reading the file costs it a tar process. Read here without an exec, and
// written here into a stopped sandbox, which no exec can reach, through the engine's archive endpoint.
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { pack } from 'tar-stream';
import { unlessNotFound } from './engine-errors.js';

const RULES_FOLDER = '/var/lib/hitch'; // made by both sandbox Dockerfiles
const RULES_FILE = `${RULES_FOLDER}/rules`;
const RULES_LINK = `${RULES_FILE}.link`;
/** The longest symlink target Linux takes (PATH_MAX less its NUL): `apply` writes no link past it. */
const LONGEST_TARGET = 4095;
/** What a link says when the rules are too long for one: not `--option value…`, so readers take the file. */
const SEE_FILE = 'see-the-rules-file';

/** The target `apply` gives the link: the tokens joined by '/', a subnet's '/' written '%'. */
export function linkTargetOf(args: readonly string[]): string {
  return args.map((t) => t.replace(/\//g, '%')).join('/');
}

/**
 * The rules a link target holds. The engine reports the target resolved against the link's folder
 * (20.10: `/var/lib/hitch/--subnet/…`), so that goes.
 */
export function rulesFromLinkTarget(target: string): string[] | undefined {
  const folder = `${RULES_FOLDER}/`;
  const tokens = (target.startsWith(folder) ? target.slice(folder.length) : target).split('/');
  // anything but `--option value…` is not what apply wrote: the file says instead
  return tokens[0]?.startsWith('--') && tokens.every(Boolean) ? tokens.map((t) => t.replace(/%/g, '/')) : undefined;
}

/** The single file of a one-entry tar archive: a 512-byte header (size in octal at 124), then the bytes. */
function untarOne(tar: Buffer): string {
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0/g, '').trim(), 8);
  return tar.subarray(512, 512 + size).toString('utf8');
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

/** The rules file, read without an exec (one archive request). */
async function rulesFile(docker: Docker, id: string): Promise<string[] | undefined> {
  const stream = (await unlessNotFound(docker.getContainer(id).getArchive({ path: RULES_FILE }))) as NodeJS.ReadableStream | undefined;
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return untarOne(Buffer.concat(chunks)).split('\n').filter(Boolean);
}

/** The rules the sandbox last recorded: from the link when there is one, else the file (none: never recorded). */
export async function recordedRules(docker: Docker, id: string): Promise<string[] | undefined> {
  return (await rulesLink(docker, id)) ?? rulesFile(docker, id);
}

/** The file and the link as `apply` writes them, as a tar for the rules folder. */
export function rulesArchive(args: readonly string[]): Promise<Buffer> {
  const target = linkTargetOf(args);
  const archive = pack();
  archive.entry({ name: 'rules', mode: 0o644 }, args.map((t) => `${t}\n`).join(''));
  // a link is always written: one left from before would go on claiming the rules it held
  archive.entry({ name: 'rules.link', type: 'symlink', linkname: target.length > LONGEST_TARGET ? SEE_FILE : target });
  archive.finalize();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', () => resolve(Buffer.concat(chunks)));
    archive.on('error', reject);
  });
}

/** Records `args` as the rules the sandbox applies when it next starts (it is stopped: `apply` cannot run). */
export async function recordRules(docker: Docker, id: string, args: readonly string[]): Promise<void> {
  await docker.getContainer(id).putArchive(await rulesArchive(args), { path: RULES_FOLDER });
}
