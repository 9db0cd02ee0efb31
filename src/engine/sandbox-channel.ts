// Requests to a running sandbox over its attached stdin, answered on its stdout (`hitch-sandbox run`
// serves them once its rules are in force). A readiness probe this way is a line each way, where an
// exec makes the engine start a process in the namespace: about 60 ms of its CPU each, most of what
// readiness cost an `up`.
import { randomInt } from 'node:crypto';
import type { Attachment, Engine } from './engine.js';

const ANSWER = /^hitch-sandbox: probed (\d+) (\S+)$/;
/** Beyond the probe's own bound (its timeout plus 2 s): a sandbox that has not answered by then will not. */
const GRACE_MS = 5_000;

export class SandboxChannel {
  // Every client attached to a sandbox reads all it answers: ids that start anywhere keep an answer to an
  // earlier, interrupted `up` (still probing) from passing for one to this run.
  private next = randomInt(1, 900_000_000);
  private readonly waiting = new Map<number, (answer: string | undefined) => void>();
  private silent = false;

  constructor(private readonly attachment: Attachment) {
    attachment.onLine((line) => {
      const m = ANSWER.exec(line);
      if (m) this.answered(Number(m[1]), m[2]!);
    });
    void attachment.ended.then(() => this.giveUp());
  }

  /**
   * `open`, `refused`, `timeout` or `invalid`, as `hitch-sandbox probe` says; undefined: no answer, ask
   * by exec. No answer by `withinMs` (the caller's deadline) gives up on this probe; none by the
   * probe's own bound gives up on the sandbox.
   */
  probe(ip: string, port: number, timeoutSec: number, withinMs = Infinity): Promise<string | undefined> {
    if (this.silent) return Promise.resolve(undefined);
    const id = this.next++;
    const boundMs = (timeoutSec + 2) * 1000 + GRACE_MS;
    return new Promise((resolve) => {
      const late = () => (withinMs < boundMs ? this.answered(id, undefined) : this.giveUp());
      const timer = setTimeout(late, Math.min(boundMs, Math.max(0, withinMs)));
      this.waiting.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      this.attachment.send(`probe ${id} ${ip} ${port} ${timeoutSec}`);
    });
  }

  private answered(id: number, answer: string | undefined): void {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    waiter?.(answer);
  }

  /** A sandbox that ended or did not answer in time gets no more requests: they go by exec. */
  private giveUp(): void {
    this.silent = true;
    for (const answer of this.waiting.values()) answer(undefined);
    this.waiting.clear();
  }

  close(): void {
    this.giveUp();
    this.attachment.close();
  }
}

/**
 * The channels of one run of a plan: a sandbox it started keeps the attachment made for its start; any
 * other is attached on first use. All are let go at the end (an open connection keeps hitch running).
 */
export class SandboxChannels {
  private readonly channels = new Map<string, Promise<SandboxChannel | undefined>>();

  constructor(private readonly engine: Engine) {}

  adopt(sandbox: string, attachment: Attachment): void {
    void this.channels.get(sandbox)?.then((old) => old?.close()); // a container of that name it replaced
    this.channels.set(sandbox, Promise.resolve(new SandboxChannel(attachment)));
  }

  get(sandbox: string): Promise<SandboxChannel | undefined> {
    let channel = this.channels.get(sandbox);
    if (!channel) {
      channel = this.engine.attach(sandbox).then((a) => a && new SandboxChannel(a), () => undefined);
      this.channels.set(sandbox, channel);
    }
    return channel;
  }

  async closeAll(): Promise<void> {
    const all = await Promise.all(this.channels.values());
    this.channels.clear();
    for (const channel of all) channel?.close();
  }
}
