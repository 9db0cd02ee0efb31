// The engine's multiplexed frames split back into stdout and stderr, however the chunks cut them.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { demux } from '../../../src/engine/demux.js';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Feeds `chunks` through demux; what each side received. */
function split(chunks: Buffer[]): { stdout: string; stderr: string } {
  const source = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => ({ write: (b: Buffer) => into.push(b.toString()) }) as unknown as NodeJS.WritableStream;
  demux(source, sink(out), sink(err));
  for (const c of chunks) source.emit('data', c);
  return { stdout: out.join(''), stderr: err.join('') };
}

describe('demux', () => {
  it('sends each frame to its stream, empty frames included', () => {
    expect(split([Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, ''), frame(1, 'again\n')])])).toEqual({ stdout: 'out\nagain\n', stderr: 'err\n' });
  });

  it('joins a frame cut anywhere, in its header or its body, across chunks', () => {
    const whole = Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, 'bye\n')]);
    for (let cut = 1; cut < whole.length; cut++) {
      expect(split([whole.subarray(0, cut), whole.subarray(cut)])).toEqual({ stdout: 'hello\nbye\n', stderr: 'oops\n' });
    }
    expect(split([...whole].map((b) => Buffer.from([b])))).toEqual({ stdout: 'hello\nbye\n', stderr: 'oops\n' });
  });

  it('takes 100,000 frames in one chunk (a long log read at once) without running out of stack', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `${i}\n`);
    expect(split([Buffer.concat(lines.map((l) => frame(1, l)))]).stdout).toBe(lines.join(''));
  });
});
