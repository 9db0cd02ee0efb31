// Service fields compose lets you write as one string, read into their canonical form: a hostname, a
// command's words (a string or a list), a duration, a restart policy (whose form the schema checked).
// Separate from service.ts, which assembles them with the fields that are mappings or lists.
import { fail, get, type Ctx } from './context.js';
import { DURATION_FORM, LONGEST_DURATION, parseDuration, tooLong } from './duration.js';
import type { RestartPolicy } from './model.js';
import { splitShellWords } from './shell-words.js';
import { subject, type Path } from './tree.js';

// RFC 1123 labels (plus '_', which Docker tolerates), within Linux's HOST_NAME_MAX. Parents' /etc/hosts
// lists the hostname among their link's names, so a space or newline in it would add names or lines.
const HOSTNAME = /^(?=.{1,63}$)[a-zA-Z0-9_][a-zA-Z0-9_-]*(\.[a-zA-Z0-9_][a-zA-Z0-9_-]*)*$/;

export function hostname(ctx: Ctx, path: Path): string | undefined {
  const v = get(ctx, path) as string | undefined;
  if (v === undefined || HOSTNAME.test(v)) return v;
  fail(ctx, path, `hostname ${JSON.stringify(v)} is not valid; use letters, digits, '-' or '_' in parts separated by '.', at most 63 characters`);
  return undefined;
}

/** compose splits a string command like a shell; a list is taken as is. */
export function words(ctx: Ctx, path: Path): string[] | undefined {
  const v = get(ctx, path);
  if (typeof v !== 'string') return v as string[] | undefined;
  const split = splitShellWords(v);
  if (!Array.isArray(split)) fail(ctx, path, `${split.error}; close the quote or escape it with a backslash`);
  return Array.isArray(split) ? split : undefined;
}

export function duration(ctx: Ctx, path: Path): number | undefined {
  const v = get(ctx, path);
  if (typeof v !== 'string') return undefined;
  const ms = parseDuration(v);
  if (ms === undefined) {
    const problem = tooLong(v) ? `is too long: ${LONGEST_DURATION}; use a shorter one` : `is not a duration; ${DURATION_FORM}`;
    fail(ctx, path, `${subject(path)} ${JSON.stringify(v)} ${problem}`);
  }
  return ms;
}

/** The schema already checked the form: no, always, on-failure[:N], unless-stopped. */
export function restart(v: string | undefined): RestartPolicy | undefined {
  if (v === undefined) return undefined;
  const [name, retries] = v.split(':') as [RestartPolicy['name'], string?];
  return retries === undefined ? { name } : { name, maxRetries: Number(retries) };
}

/** The inverse of restart(): "on-failure:3", "unless-stopped". */
export function restartText(policy: RestartPolicy): string {
  return policy.maxRetries === undefined ? policy.name : `${policy.name}:${policy.maxRetries}`;
}

// Linux's signals as dockerd names them (moby/sys/signal), without "SIG". dockerd takes any other
// number too, and a signal name in any case; one it does not know fails the container's create.
const SIGNALS = new Set(
  'ABRT ALRM BUS CHLD CLD CONT FPE HUP ILL INT IO IOT KILL PIPE POLL PROF PWR QUIT SEGV STKFLT STOP SYS TERM TRAP TSTP TTIN TTOU URG USR1 USR2 VTALRM WINCH XCPU XFSZ RTMIN RTMAX'.split(' '),
);
const REALTIME = /^RT(?:MIN\+(?:[1-9]|1[0-5])|MAX-(?:[1-9]|1[0-4]))$/;
const SIGNAL_NUMBER = /^(?:[1-9]|[1-5][0-9]|6[0-4])$/; // 0 is refused by dockerd; above 64, kill fails

/** A stop signal dockerd and the kernel take, as written (dockerd reads it itself). */
export function stopSignal(ctx: Ctx, path: Path): string | undefined {
  const v = get(ctx, path) as string | undefined;
  if (v === undefined || SIGNAL_NUMBER.test(v)) return v;
  const name = v.toUpperCase().replace(/^SIG/, '');
  if (SIGNALS.has(name) || REALTIME.test(name)) return v;
  fail(ctx, path, `stop_signal ${JSON.stringify(v)} is not a signal; use a Linux signal's name, with or without SIG (like "SIGINT", "TERM" or "SIGRTMIN+3"), or its number, 1-64`);
  return undefined;
}
