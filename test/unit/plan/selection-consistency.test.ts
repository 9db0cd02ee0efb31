// `up SERVICE…` on random stacks, changed at random and found disturbed: the plan can be run, makes and
// probes from the selection only, has nothing left to do once it ran, leaves a full `up` only what it
// left out, never lets a service it makes into a sandbox that the manifest does not link it to, and
// brings nothing up at an address before the rules that drop that address are in force.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../../src/manifest/model.js';
import type { Action, Plan } from '../../../src/plan/model.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { parseAllow } from '../../../src/plan/firewall.js';
import { planDefects } from '../../../src/plan/plan-check.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { selectServices } from '../../../src/plan/selection.js';
import { UserError } from '../../../src/user-error.js';
import { afterPlan } from './fixtures.js';
import { changes, disturbed, firstStack, fresh, secondStack } from './random-stacks.js';
import { earlyArrivals } from './stale-order.js';

const scenario = fc.record({ change: changes, named: fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), noDeps: fc.boolean() });

/** The service a container action makes or starts; for a probe, the parent it probes from. */
function owner(a: Action): string | undefined {
  if (a.kind === 'await-ready') return a.id.slice(a.id.indexOf('@') + 1);
  if (a.kind === 'create-container' || a.kind === 'recreate-container') return a.container.service;
  if (a.kind === 'start-container') return a.service;
  return undefined;
}

function containerAction(a: Action): boolean {
  return a.kind === 'create-container' || a.kind === 'recreate-container' || a.kind === 'start-container';
}

/** null when planning refuses (a child left out that is not up, an orphan holding a name): said, not planned. */
function planned(m: Manifest, observed: ObservedState, opts: Parameters<typeof reconcile>[2]): Plan | null {
  try {
    return reconcile(m, observed, opts);
  } catch (err) {
    if (err instanceof UserError) return null;
    throw err;
  }
}

/** Recorded rules let `ip` in. */
function admits(args: string[] | undefined, ip: string): boolean {
  return (args ?? []).some((arg, i) => args![i - 1] === '--allow' && parseAllow(arg).ip === ip);
}

describe('plans of a selection on random stacks', () => {
  test('run, touch the selection only, converge, and leave a full up only the rest', () => {
    fc.assert(
      fc.property(scenario, ({ change: s, named, noDeps }) => {
        const running = disturbed(afterPlan(reconcile(firstStack(s), fresh()), fresh()), s.stop, s.lose);
        const m = secondStack(s);
        const names = named.map((i) => `s${i}`).filter((n) => m.services[n]);
        const selected = selectServices(m, names.length ? names : ['s0'], { noDeps })!;
        const opts = { removeOrphans: s.removeOrphans, selected };
        const plan = planned(m, running, opts);
        if (!plan) return;
        expect(planDefects(plan)).toEqual([]);
        expect(earlyArrivals(plan, running)).toEqual([]);
        const made = plan.actions.filter((a) => containerAction(a) || a.kind === 'await-ready');
        expect(made.map(owner).filter((o) => !selected.includes(o!))).toEqual([]);

        const after = afterPlan(plan, running);
        expect(reconcile(m, after, opts).actions.map((a) => `${a.id}: ${a.cause}`)).toEqual([]);

        // a full up afterwards makes, starts or recreates nothing of the selection (its rules may let in parents it makes)
        const rest = planned(m, after, { removeOrphans: s.removeOrphans });
        const remade = (rest?.actions ?? []).filter((a) => containerAction(a) && selected.includes(owner(a)!));
        expect(remade.map((a) => a.id)).toEqual([]);

        // the links of the selection are let in: each child's running sandbox has a rule for each selected parent
        const sandbox = (name: string) => after.containers.find((c) => c.service === name && c.role === 'sandbox');
        for (const parent of selected) {
          for (const child of m.services[parent]!.links.map((l) => l.target)) {
            if (m.services[child]!.expose.length > 0) expect(admits(sandbox(child)?.firewallArgs, sandbox(parent)!.ip!), `${child} lets ${parent} in`).toBe(true);
          }
        }

        // a service made by the plan is let in only by the running sandboxes of the services it links
        for (const a of plan.actions) {
          if (a.kind !== 'create-container' || a.container.role !== 'sandbox') continue;
          const ip = a.container.network!.ip;
          const children = new Set(m.services[a.container.service]!.links.map((l) => l.target));
          const admitting = after.containers.filter((c) => c.role === 'sandbox' && c.running && m.services[c.service] && admits(c.firewallArgs, ip));
          expect(admitting.map((c) => c.service).filter((x) => !children.has(x))).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
