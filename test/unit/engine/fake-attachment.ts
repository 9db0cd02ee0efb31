// A stand-in for an attached container's stdio: the test writes its stdout lines and ends it, and
// reads what was sent to its stdin.
import type { Attachment } from '../../../src/engine/engine.js';

export interface FakeAttachment extends Attachment {
  sent: string[];
  closed: boolean;
  write(line: string): void;
  end(): void;
}

export function fakeAttachment(onSend: (line: string, self: FakeAttachment) => void = () => {}): FakeAttachment {
  const listeners: ((line: string) => void)[] = [];
  let finish = () => {};
  const self: FakeAttachment = {
    sent: [],
    closed: false,
    onLine: (listener) => void listeners.push(listener),
    ended: new Promise<void>((resolve) => (finish = resolve)),
    send: (line) => {
      self.sent.push(line);
      onSend(line, self);
    },
    close: () => void (self.closed = true),
    write: (line) => listeners.forEach((listener) => listener(line)),
    end: () => finish(),
  };
  return self;
}

/** A probe line the test's attachment was sent, without its id (which starts anywhere). */
export const sentWithoutId = (line: string) => line.split(' ').filter((_, i) => i !== 1).join(' ');
