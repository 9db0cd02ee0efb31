// `hitch plan`: what `up` would do and why, with the env, hosts lines and rules of what it would create.
// Read-only: it observes the engine and takes no lock, pulls nothing, changes nothing.
import type { Command } from 'commander';
import { globals, hitchAsGiven, loadFrom, openEngine, printJson } from '../context.js';

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('show what `up` would do and why, changing nothing')
    .argument('[services...]', 'what `up SERVICE...` would do: these services and the services they link to (default: all)')
    .option('--no-deps', 'what `up --no-deps SERVICE...` would do: these services only')
    .option('--remove-orphans', 'plan the removal of orphans too')
    .option('--force-recreate', 'what `up --force-recreate` would do: recreate every selected container')
    .option('--show-secrets', 'print values of secret-looking env keys (PASSWORD, SECRET, TOKEN, KEY) instead of ***')
    .action(async (services: string[], { deps, ...opts }: { deps: boolean; removeOrphans?: boolean; forceRecreate?: boolean; showSecrets?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g);
      const { planUp } = await import('../../api/plan-up.js');
      const { planText, planJson } = await import('../../plan/plan-text.js');
      const onWarning = (message: string) => process.stderr.write(`warning: ${message}\n`);
      const plan = await planUp(await openEngine(), manifest, { ...opts, services, noDeps: !deps, onWarning, invocation: hitchAsGiven(g) });
      if (g.json) printJson(planJson(plan, opts));
      else process.stdout.write(planText(plan, opts) + '\n');
    });
}
