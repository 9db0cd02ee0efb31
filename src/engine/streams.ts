// Long-lived streams to containers: logs line by line, commands attached to the caller's stdio (or to
// nothing), and a container's own stdio attached.
import type Docker from 'dockerode';
import { Readable, type Duplex } from 'node:stream';
import { UserError } from '../user-error.js';
import type { Attachment, ExecOptions, ExecStreams, LogLine, LogOptions } from './engine.js';
import { demux } from './demux.js';
import { engineMessage, statusOf } from './engine-errors.js';
import { LogLines, type Stamps } from './log-lines.js';

/** Resolves once the stream is over, however it ends (a hijacked socket may close without 'end'). */
function ended(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
}

export async function streamLogs(docker: Docker, name: string, opts: LogOptions, onLine: (l: LogLine) => void): Promise<void> {
  const container = docker.getContainer(name);
  const info = await container.inspect();
  const query = {
    stdout: true,
    stderr: true,
    timestamps: Boolean(opts.timestamps),
    ...(opts.tail === undefined ? {} : { tail: opts.tail }),
    ...(opts.since === undefined ? {} : { since: opts.since }),
    ...(opts.until === undefined ? {} : { until: opts.until }),
  } as unknown as Docker.ContainerLogsOptions; // since/until: the engine takes fractions, the typings only numbers
  // dockerode answers a follow with a stream and a one-off read with a buffer; both go down one path.
  const source: NodeJS.ReadableStream = opts.follow
    ? await container.logs({ ...query, follow: true })
    : Readable.from([await container.logs({ ...query, follow: false })]);
  const stamps: Stamps = !opts.timestamps ? 'none' : info.Config.Tty ? 'per-line' : 'per-frame';
  const line = (stream: LogLine['stream']) => (text: string, time?: string) => onLine(time === undefined ? { stream, text } : { stream, text, time });
  const out = new LogLines(stamps, line('stdout'));
  const err = new LogLines(stamps, line('stderr'));
  // A TTY's log is one raw stream; any other is multiplexed in frames (stdout, stderr).
  if (info.Config.Tty) source.on('data', (chunk: Buffer) => out.push(chunk));
  else demux(source, { write: (frame) => out.push(frame) }, { write: (frame) => err.push(frame) });
  const over = ended(source);
  const stop = () => (source as Readable).destroy();
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    await over;
  } catch (error) {
    if (!opts.signal?.aborted) throw error; // ended on purpose: a connection cut off may say so
  } finally {
    opts.signal?.removeEventListener('abort', stop);
  }
  out.end();
  err.end();
}

/** What an exec's command runs as, where and with what, beyond the container's own settings. */
function execSettings(opts: ExecOptions): Partial<Docker.ExecCreateOptions> {
  return {
    ...(opts.user ? { User: opts.user } : {}),
    ...(opts.workdir ? { WorkingDir: opts.workdir } : {}),
    ...(opts.env?.length ? { Env: opts.env } : {}),
    ...(opts.privileged ? { Privileged: true } : {}),
  };
}

export async function execDetached(docker: Docker, name: string, cmd: string[], opts: ExecOptions = {}): Promise<void> {
  const exec = await docker.getContainer(name).exec({ Cmd: cmd, ...execSettings(opts) });
  // the engine answers once the command started; its empty answer must be read, or its socket stays open
  const answer = (await exec.start({ Detach: true }).catch((err: unknown) => {
    // nothing is attached to show why it could not start (not found, not executable): the error says
    if (statusOf(err) === 400) throw new UserError(`the command could not start: ${engineMessage(err)}`);
    throw err;
  })) as Readable;
  answer.resume();
  await ended(answer);
}

export async function execAttached(docker: Docker, name: string, cmd: string[], io: ExecStreams, opts: ExecOptions = {}): Promise<number> {
  const tty = Boolean(io.tty);
  const exec = await docker.getContainer(name).exec({
    Cmd: cmd,
    ...execSettings(opts),
    AttachStdin: Boolean(io.stdin),
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
  });
  const stream = await exec.start({ hijack: true, stdin: Boolean(io.stdin), Tty: tty });
  const over = ended(stream);
  if (tty) stream.on('data', (chunk: Buffer) => io.stdout.write(chunk));
  else demux(stream, io.stdout, io.stderr);
  // The end of our stdin half-closes the socket, so the command reads EOF (`echo hi | hitch exec -i web cat`).
  if (io.stdin) io.stdin.pipe(stream);
  let unsubscribe = () => {};
  if (io.tty) {
    const terminal = io.tty;
    const resize = () => {
      const { rows, columns } = terminal.size();
      exec.resize({ h: rows, w: columns }).catch(() => {}); // the command may have ended meanwhile
    };
    resize();
    unsubscribe = terminal.onResize(resize);
  }
  try {
    await over;
  } finally {
    unsubscribe();
    io.stdin?.unpipe(stream);
  }
  const { ExitCode } = await exec.inspect();
  return ExitCode ?? 1;
}

/**
 * Stdin and stdout in one connection: no process in the container, unlike an exec. Lines are read
 * as they come and handed to every listener; the connection is dropped on close, which leaves the
 * container running and (no StdinOnce) its stdin open.
 */
export async function attach(docker: Docker, name: string): Promise<Attachment | undefined> {
  const socket = (await docker
    .getContainer(name)
    .attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })
    .catch(() => undefined)) as unknown as Duplex | undefined;
  if (!socket) return undefined;
  const listeners: ((line: string) => void)[] = [];
  const out = new LogLines('none', (text) => listeners.forEach((listener) => listener(text)));
  demux(socket, { write: (frame) => out.push(frame) }, { write: () => {} });
  // however the connection ends (a hijacked socket may close without 'end', or reset), the lines end, once
  const ended = new Promise<void>((resolve) => {
    for (const event of ['end', 'close', 'error']) socket.on(event, () => resolve()); // on: a later error stays handled
  }).then(() => out.end());
  return {
    onLine: (listener) => void listeners.push(listener),
    ended,
    send: (line) => void (socket.writable && socket.write(`${line}\n`)),
    close: () => void socket.destroy(),
  };
}
