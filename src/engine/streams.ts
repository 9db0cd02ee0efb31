// Long-lived streams to containers: logs line by line, and commands attached to the caller's stdio.
import type Docker from 'dockerode';
import { once } from 'node:events';
import { PassThrough, Readable, type Duplex } from 'node:stream';
import { createInterface } from 'node:readline';
import type { ExecStreams, LogLine, LogOptions, WatchedStart } from './engine.js';

/** Resolves once the stream is over, however it ends (a hijacked socket may close without 'end'). */
function ended(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
}

/** Splits a byte stream into lines; readline keeps a line cut between chunks whole and flushes the last one. */
function lines(source: PassThrough, stream: LogLine['stream'], onLine: (l: LogLine) => void): Promise<unknown> {
  const rl = createInterface({ input: source, crlfDelay: Infinity });
  rl.on('line', (text) => onLine({ stream, text }));
  return once(rl, 'close');
}

export async function streamLogs(docker: Docker, name: string, opts: LogOptions, onLine: (l: LogLine) => void): Promise<void> {
  const container = docker.getContainer(name);
  const info = await container.inspect();
  const base = { stdout: true, stderr: true, ...(opts.tail === undefined ? {} : { tail: opts.tail }) };
  // dockerode answers a follow with a stream and a one-off read with a buffer; both go down one path.
  const source: NodeJS.ReadableStream = opts.follow
    ? await container.logs({ ...base, follow: true })
    : Readable.from([await container.logs({ ...base, follow: false })]);
  const out = new PassThrough();
  const err = new PassThrough();
  const done = Promise.all([lines(out, 'stdout', onLine), lines(err, 'stderr', onLine)]);
  // A TTY container's log is one raw stream; any other is multiplexed in frames (stdout, stderr).
  if (info.Config.Tty) source.on('data', (chunk: Buffer) => out.write(chunk));
  else docker.modem.demuxStream(source, out, err);
  await ended(source);
  out.end();
  err.end();
  await done;
}

export async function execAttached(docker: Docker, name: string, cmd: string[], io: ExecStreams): Promise<number> {
  const tty = Boolean(io.tty);
  const exec = await docker.getContainer(name).exec({
    Cmd: cmd,
    AttachStdin: Boolean(io.stdin),
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
  });
  const stream = await exec.start({ hijack: true, stdin: Boolean(io.stdin), Tty: tty });
  const over = ended(stream);
  if (tty) stream.on('data', (chunk: Buffer) => io.stdout.write(chunk));
  else docker.modem.demuxStream(stream, io.stdout, io.stderr);
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
 * Attaches before starting, so the first line the container writes is seen; then reads stdout until a
 * line satisfies `until`. Cheaper than polling with execs: one connection, no process in the container.
 * The attach is dropped at the end, which leaves the container running.
 */
export async function startWatching(
  docker: Docker, name: string, start: () => Promise<void>, until: (line: string) => boolean, timeoutMs: number,
): Promise<WatchedStart> {
  const source = (await docker
    .getContainer(name)
    .attach({ stream: true, stdout: true, stderr: true })
    .catch(() => undefined)) as unknown as Duplex | undefined;
  // An engine that cannot attach to a container not yet started: start it, and let the caller ask instead.
  if (!source) {
    await start();
    return { reached: false, stdout: [] };
  }
  const out = new PassThrough();
  const seen: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const watched = new Promise<boolean>((resolve) => {
    const rl = createInterface({ input: out, crlfDelay: Infinity });
    rl.on('line', (line) => {
      seen.push(line);
      if (until(line)) resolve(true);
    });
    rl.once('close', () => resolve(false)); // the container exited (or the engine hung up)
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  docker.modem.demuxStream(source, out, new PassThrough().resume());
  source.once('end', () => out.end());
  source.once('close', () => out.end());
  source.once('error', () => out.end());
  try {
    await start();
    return { reached: await watched, stdout: seen };
  } finally {
    clearTimeout(timer);
    source.destroy();
  }
}
