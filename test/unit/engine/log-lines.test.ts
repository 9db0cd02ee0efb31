// A container's log cut into lines, with or without the engine's timestamps: per frame without a TTY,
// at the start of each line with one. Lines end as readline ends them.
import { describe, expect, it } from 'vitest';
import { LogLines, type Stamps } from '../../../src/engine/log-lines.js';

const T1 = '2024-01-31T09:00:00.000000001Z';
const T2 = '2024-01-31T09:00:00.000000002Z';

/** Pushes each piece (a frame, or a chunk of a raw stream) and ends: the lines, with their times. */
function cut(stamps: Stamps, pieces: Array<string | Buffer>): Array<[string, string?]> {
  const lines: Array<[string, string?]> = [];
  const log = new LogLines(stamps, (text, time) => lines.push(time === undefined ? [text] : [text, time]));
  for (const piece of pieces) log.push(Buffer.isBuffer(piece) ? piece : Buffer.from(piece));
  log.end();
  return lines;
}

describe('LogLines without timestamps', () => {
  it('ends lines at \\n, \\r\\n and a lone \\r, and keeps the last line without a break', () => {
    expect(cut('none', ['a\r\nb\rc\n\nd'])).toEqual([['a'], ['b'], ['c'], [''], ['d']]);
  });

  it('joins a line, a \\r\\n or a character cut between pieces', () => {
    const euro = Buffer.from('€\n');
    expect(cut('none', ['he', 'llo\r', '\nwor', euro.subarray(0, 1), euro.subarray(1)])).toEqual([['hello'], ['wor€']]);
  });

  it('takes a \\r at the very end as a line break', () => {
    expect(cut('none', ['a\r'])).toEqual([['a']]);
  });
});

describe('LogLines with a timestamp on each frame (no TTY)', () => {
  it("takes each frame's timestamp off, for the line it starts", () => {
    expect(cut('per-frame', [`${T1} one\n`, `${T2} two\n`])).toEqual([['one', T1], ['two', T2]]);
  });

  it('keeps a line the engine cut into entries whole, with the time of its first', () => {
    expect(cut('per-frame', [`${T1} ${'x'.repeat(5)}`, `${T2} ${'y'.repeat(5)}\n`])).toEqual([['xxxxxyyyyy', T1]]);
  });

  it('leaves a frame without a timestamp as it is', () => {
    expect(cut('per-frame', ['plain text\n'])).toEqual([['plain text']]);
  });
});

describe('LogLines with a timestamp on each line (a TTY)', () => {
  it('finds the timestamp at the start of each line, however the stream is cut', () => {
    const raw = `${T1} one\r\n${T2} two\r\n`;
    expect(cut('per-line', [raw.slice(0, 10), raw.slice(10, 40), raw.slice(40)])).toEqual([['one', T1], ['two', T2]]);
  });

  it('gives a line without one no time', () => {
    expect(cut('per-line', [`${T1} 10%\r20%\n`])).toEqual([['10%', T1], ['20%']]);
  });
});
