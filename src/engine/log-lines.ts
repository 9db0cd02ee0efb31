// One stream of a container's log (stdout or stderr) cut into lines, each with the timestamp the
// engine wrote before it when asked to (`timestamps`). Lines end as readline ends them (\n, \r\n or a
// lone \r), so a log reads the same with or without timestamps.
//
// Where the timestamp is depends on the container. Without a TTY the engine sends each log entry in a
// frame of its own, the timestamp first: it is taken off each frame, so a line longer than the 16 KiB
// the engine cuts entries at stays whole. A TTY's log is one raw stream: the timestamp starts a line.
import { StringDecoder } from 'node:string_decoder';

export type Stamps = 'none' | 'per-frame' | 'per-line';

const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;
const BREAK = /\r\n|\r|\n/;

export class LogLines {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  private pendingTime: string | undefined; // the timestamp of the frame the pending text began in

  constructor(
    private readonly stamps: Stamps,
    private readonly emit: (text: string, time?: string) => void,
  ) {}

  /** One frame of a framed log, or any piece of a raw one. */
  push(chunk: Buffer): void {
    let text = this.decoder.write(chunk);
    if (this.stamps === 'per-frame') {
      const stamp = STAMP.exec(text);
      if (stamp) text = text.slice(stamp[0].length);
      if (this.pending === '') this.pendingTime = stamp?.[1];
      this.cut(text, stamp?.[1], false);
    } else this.cut(text, undefined, false);
  }

  /** The log is over: what is left is its last line. */
  end(): void {
    this.cut(this.decoder.end(), this.pendingTime, true);
  }

  private cut(text: string, frameTime: string | undefined, last: boolean): void {
    this.pending += text;
    for (let m = BREAK.exec(this.pending); m; m = BREAK.exec(this.pending)) {
      // a \r that ends what came so far may be the first half of a \r\n: wait for what follows
      if (m[0] === '\r' && m.index === this.pending.length - 1 && !last) break;
      this.line(this.pending.slice(0, m.index));
      this.pending = this.pending.slice(m.index + m[0].length);
      this.pendingTime = frameTime;
    }
    if (last && this.pending !== '') this.line(this.pending);
  }

  private line(text: string): void {
    if (this.stamps !== 'per-line') return this.emit(text, this.pendingTime);
    const stamp = STAMP.exec(text);
    this.emit(stamp ? text.slice(stamp[0].length) : text, stamp?.[1]);
  }
}
