import type { Command } from 'commander';
import { globals, hitchAsGiven, loadFrom, openEngine, printJson } from '../context.js';
import { makeReporter, reporterKind } from '../reporter.js';
import { summaryText } from '../summary-text.js';
import { commandLock, lockTimeoutOption } from '../lock-option.js';

interface UpFlags {
  deps: boolean; // false with --no-deps
  detach?: boolean;
  removeOrphans?: boolean;
  forceRecreate?: boolean;
  dryRun?: boolean;
  build?: boolean;
  showSecrets?: boolean;
  lockTimeout?: number;
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('create or update the project so that the engine matches the manifest (detached)')
    .argument('[services...]', 'only these services and the services they link to (default: all)')
    .option('--no-deps', "don't bring up the services they link to: those must be up already")
    .option('--remove-orphans', "remove services' containers that are no longer in the manifest")
    .option('--force-recreate', "recreate the services' containers (and sandboxes) even if nothing changed")
    .option('--dry-run', 'show what would change, change nothing')
    .option('-d, --detach', 'accepted for compose scripts: up is always detached')
    .option('--build', 'build images with a build: section even if they exist')
    .option('--show-secrets', 'with --dry-run: print values of secret-looking env keys (PASSWORD, SECRET, TOKEN, KEY)')
    .addOption(lockTimeoutOption())
    .action(async (services: string[], { detach: _always, deps, ...opts }: UpFlags, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g);
      const invocation = hitchAsGiven(g);
      const engine = await openEngine();
      const { up } = await import('../../api/up.js');
      const reporter = makeReporter(reporterKind(g.json));
      const log = (line: string) => !g.json && process.stderr.write(line + '\n');
      const result = await up(engine, manifest, {
        ...opts,
        services,
        noDeps: !deps,
        invocation,
        ...commandLock(opts.lockTimeout, reporter),
        onImage: (e) => log(`${e.how === 'build' ? 'building' : 'pulling'} ${e.image}${e.service ? ` for ${e.service}` : ''}`),
        onPlan: (plan) => reporter.onPlan(plan),
        onEvent: (e) => reporter.onEvent(e),
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
      });
      await reporter.finish();
      if (opts.dryRun && !g.json) {
        const { planText } = await import('../../plan/plan-text.js');
        process.stdout.write(planText(result.plan, opts) + '\n');
      }
      // Each link, read back from its child's firewall: what `up` says is what is in force (--json too).
      const { links } = result;
      const { planJson } = await import('../../plan/plan-text.js');
      const plan = opts.dryRun ? { plan: planJson(result.plan, opts) } : {};
      const { enforced, enforcementLines, externalLinkLines } = await import('../../plan/matrix.js');
      // a link whose rules are not all in force fails the run as a failed action does, in JSON too
      const ok = result.ok && links.every(enforced);
      if (g.json) printJson({ project: manifest.project, ok, dryRun: Boolean(opts.dryRun), summary: result.summary, links, ...plan });
      else log(summaryText(opts.dryRun ? 'planned' : 'up', manifest.project, result.summary, { invocation }));
      for (const line of enforcementLines(links, { invocation })) log(line);
      if (result.ok && !opts.dryRun) for (const line of externalLinkLines(manifest, result.plan.selected)) log(line);
      if (!ok) process.exitCode = 1;
    });
}
