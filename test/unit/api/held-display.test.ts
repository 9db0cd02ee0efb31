// What `up` shows of a plan that makes the project network: nothing of a try whose picked subnet another
// network took meanwhile (`up` picks the next free one and tries again), everything of any other run.
import { describe, expect, it } from 'vitest';
import { heldUntilNetwork } from '../../../src/api/held-display.js';
import { SubnetTakenError } from '../../../src/engine/engine-errors.js';
import type { ExecEvent } from '../../../src/engine/executor.js';
import type { Action, ContainerSpec } from '../../../src/plan/model.js';
import { plainReporter } from '../../../src/cli/reporter.js';
import { plan, volume } from '../engine/plan-builders.js';

const network: Action = {
  id: 'network', kind: 'create-network', cause: 'not found', waitsFor: [],
  network: { name: 'p-hitch', subnet: '10.213.1.0/24', gateway: '10.213.1.1', labels: {} },
};
const sandbox: Action = {
  id: 'sandbox:web', kind: 'create-container', cause: 'not found', waitsFor: ['network'],
  container: { name: 'p-web-sandbox', role: 'sandbox', service: 'web', network: { name: 'p-hitch', ip: '10.213.1.2' } } as ContainerSpec,
};
const data = volume('volume:data');
const taken = new SubnetTakenError('10.213.1.0/24', 'Pool overlaps with other one on this address space');

/** The lines the plain reporter prints of `events`, run through the holder; `plan` when the plan was shown. */
function shown(actions: Action[], events: ExecEvent[], retried: boolean): string[] {
  const lines: string[] = [];
  const reporter = plainReporter((line) => lines.push(line));
  const onEvent = heldUntilNetwork(plan(actions), { onPlan: () => lines.push('plan'), onEvent: reporter.onEvent }, () => retried);
  for (const e of events) {
    onEvent(e);
    lines.push(`(${e.type} ${e.action.id} emitted)`);
  }
  return lines;
}

describe('heldUntilNetwork', () => {
  it('a plan that makes no network: shown at once, each event as it comes', () => {
    expect(shown([data], [{ type: 'start', action: data }, { type: 'done', action: data, ms: 5 }], false)).toEqual([
      'plan',
      '(start volume:data emitted)',
      '✔ create volume volume:data (5 ms)',
      '(done volume:data emitted)',
    ]);
  });

  it('a network made: nothing until it is, then the plan, what was held in order, and the rest as it comes', () => {
    const events: ExecEvent[] = [
      { type: 'start', action: network },
      { type: 'start', action: data },
      { type: 'done', action: data, ms: 5 },
      { type: 'done', action: network, ms: 80 },
      { type: 'done', action: sandbox, ms: 300 },
    ];
    expect(shown([network, data, sandbox], events, false)).toEqual([
      '(start network emitted)',
      '(start volume:data emitted)',
      '(done volume:data emitted)',
      'plan',
      '✔ create volume volume:data (5 ms)',
      '✔ create network p-hitch (10.213.1.0/24) (80 ms)',
      '(done network emitted)',
      '✔ create sandbox p-web-sandbox at 10.213.1.2 (300 ms)',
      '(done sandbox:web emitted)',
    ]);
  });

  const lost: ExecEvent[] = [
    { type: 'start', action: network },
    { type: 'failed', action: network, error: taken },
    { type: 'skipped', action: sandbox, because: 'network' },
  ];

  it('its subnet taken meanwhile, up trying again: nothing of this try is shown, neither plan nor failure nor skips', () => {
    expect(shown([network, sandbox], lost, true)).toEqual(['(start network emitted)', '(failed network emitted)', '(skipped sandbox:web emitted)']);
  });

  it('its subnet taken, up not trying again (the manifest fixed it, or the last try): the failure is shown', () => {
    expect(shown([network, sandbox], lost, false)).toEqual([
      '(start network emitted)',
      'plan',
      `✖ create network p-hitch (10.213.1.0/24): ${taken.message}`,
      '(failed network emitted)',
      '- create sandbox p-web-sandbox at 10.213.1.2: skipped, waits for network which did not succeed',
      '(skipped sandbox:web emitted)',
    ]);
  });
});
