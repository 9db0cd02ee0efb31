// The engine's multiplexed stdio (a container without a TTY: logs, exec, attach), split back into stdout
// and stderr. Each frame is an 8-byte header (stream: 0 stdin, 1 stdout, 2 stderr; three zero bytes;
// the length, uint32 big-endian), then that many bytes. docker-modem's demuxStream recurses once per
// frame of a chunk, and the engine frames every log line: `hitch logs` of a 20,000-line log, read in one
// piece, overflowed the stack. Here the frames of a chunk are taken in a loop.

const HEADER = 8;
const STDERR = 2;

/** Where a stream's frames go: each write is one whole frame's payload (a log entry, for `logs`). */
export interface FrameSink {
  write(payload: Buffer): unknown;
}

export function demux(source: NodeJS.ReadableStream, stdout: FrameSink, stderr: FrameSink): void {
  let pending: Buffer = Buffer.alloc(0);
  source.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let at = 0;
    while (pending.length - at >= HEADER) {
      const end = at + HEADER + pending.readUInt32BE(at + 4);
      if (end > pending.length) break; // the rest of this frame comes with the next chunk
      (pending[at] === STDERR ? stderr : stdout).write(pending.subarray(at + HEADER, end));
      at = end;
    }
    pending = pending.subarray(at);
  });
}
