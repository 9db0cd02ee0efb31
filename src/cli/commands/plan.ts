import type { Command } from 'commander';
import { globals, loadFrom, openEngine, printJson } from '../context.js';

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('show what `up` would do and why, changing nothing')
    .option('--remove-orphans', 'plan the removal of orphans too')
    .action(async (opts: { removeOrphans?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g);
      const { planUp } = await import('../../api/up.js');
      const { planText, planJson } = await import('../../plan/plan-text.js');
      const plan = await planUp(await openEngine(), manifest, opts);
      if (g.json) printJson(planJson(plan));
      else process.stdout.write(planText(plan) + '\n');
    });
}
