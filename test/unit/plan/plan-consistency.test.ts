// Random stacks, changed at random and found half-made, stopped or orphaned: every plan `up` and `down`
// make can be run (planDefects: no wait on a missing action, no circle), and once the plan of an `up`
// has run, planning again finds nothing to do; nothing comes up at an address before the rules that drop
// that address are in force.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Plan } from '../../../src/plan/model.js';
import { planDefects } from '../../../src/plan/plan-check.js';
import { planDown, reconcile } from '../../../src/plan/reconcile.js';
import { UserError } from '../../../src/user-error.js';
import { afterPlan, PROJECT } from './fixtures.js';
import { changes, disturbed, firstStack, fresh, secondStack } from './random-stacks.js';
import { earlyArrivals } from './stale-order.js';

function expectRunnable(plan: Plan): void {
  expect(planDefects(plan)).toEqual([]);
}

const scenario = fc.record({ change: changes, volumes: fc.boolean() });

describe('plans of random stacks', () => {
  test('can always be run, and an up that ran leaves nothing to do', () => {
    fc.assert(
      fc.property(scenario, ({ change: s, volumes }) => {
        const firstPlan = reconcile(firstStack(s), fresh());
        expectRunnable(firstPlan);
        const running = disturbed(afterPlan(firstPlan, fresh()), s.stop, s.lose);
        expectRunnable(planDown(PROJECT, running, { volumes }));

        const second = secondStack(s);
        let secondPlan: Plan;
        try {
          secondPlan = reconcile(second, running, { removeOrphans: s.removeOrphans });
        } catch (err) {
          if (err instanceof UserError) return; // e.g. an orphan holding a name without removeOrphans: refused at plan time
          throw err;
        }
        expectRunnable(secondPlan);
        expect(earlyArrivals(secondPlan, running)).toEqual([]);
        const converged = reconcile(second, afterPlan(secondPlan, running), { removeOrphans: s.removeOrphans });
        expect(converged.actions.map((a) => `${a.id}: ${a.cause}`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
