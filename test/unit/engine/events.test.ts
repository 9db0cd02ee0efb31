// The engine's events as hitch reads them: the starts and stops of containers, by the engine's clock.
import { describe, expect, it } from 'vitest';
import { containerEvent } from '../../../src/engine/events.js';

const attributes = { image: 'hitch-test/busybox:1', 'io.hitch.project': 'shop', 'io.hitch.service': 'web', 'io.hitch.role': 'service', name: 'shop-web' };
const line = (action: string, extra: Record<string, unknown> = {}) =>
  `{"status":"${action}","id":"c0ffee","Type":"container","Action":"${action}","Actor":{"ID":"c0ffee","Attributes":${JSON.stringify(attributes)}},"scope":"local","time":1795495033,"timeNano":1795495033491357048${Object.entries(extra).map(([k, v]) => `,"${k}":${JSON.stringify(v)}`).join('')}}`;

describe('containerEvent', () => {
  it.each(['start', 'die'] as const)('reads a %s with its time to the nanosecond, past what a JSON number holds', (action) => {
    expect(containerEvent(line(action))).toEqual({ action, id: 'c0ffee', service: 'web', role: 'service', time: 1795495033491357048n });
  });

  it('reads a sandbox as one', () => {
    const sandbox = line('start').replace('"io.hitch.role":"service"', '"io.hitch.role":"sandbox"');
    expect(containerEvent(sandbox)?.role).toBe('sandbox');
  });

  it.each(['stop', 'kill', 'exec_start: sh', 'health_status: healthy'])('leaves out a %s', (action) => {
    expect(containerEvent(line(action))).toBeUndefined();
  });
});
