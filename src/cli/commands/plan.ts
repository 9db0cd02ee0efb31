// `hitch plan`: what `up` would do and why, with the env, hosts lines and rules of what it would create.
// Read-only: it observes the engine and takes no lock, pulls nothing, changes nothing.
import type { Command } from 'commander';
import { globals, loadFrom, openEngine, printJson } from '../context.js';

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('show what `up` would do and why, changing nothing')
    .option('--remove-orphans', 'plan the removal of orphans too')
    .option('--show-secrets', 'print values of secret-looking env keys (PASSWORD, SECRET, TOKEN, KEY) instead of ***')
    .action(async (opts: { removeOrphans?: boolean; showSecrets?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g);
      const { planUp } = await import('../../api/plan-up.js');
      const { planText, planJson } = await import('../../plan/plan-text.js');
      const plan = await planUp(await openEngine(), manifest, { ...opts, onWarning: (message) => process.stderr.write(`warning: ${message}\n`) });
      if (g.json) printJson(planJson(plan, opts));
      else process.stdout.write(planText(plan, opts) + '\n');
    });
}
