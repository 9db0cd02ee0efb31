import type { Command } from 'commander';
import { globals, loadFrom, openEngine, printJson } from '../context.js';
import { makeReporter, reporterKind } from '../reporter.js';
import { summaryText } from '../summary-text.js';

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('create or update the project so that the engine matches the manifest (detached)')
    .option('--remove-orphans', "remove services' containers that are no longer in the manifest")
    .option('--dry-run', 'show what would change, change nothing')
    .option('--build', 'build images with a build: section even if they exist')
    .action(async (opts: { removeOrphans?: boolean; dryRun?: boolean; build?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g);
      const engine = await openEngine();
      const { up } = await import('../../api/up.js');
      const reporter = makeReporter(reporterKind(g.json));
      const log = (line: string) => !g.json && process.stderr.write(line + '\n');
      const result = await up(engine, manifest, {
        ...opts,
        onImage: (e) => log(`${e.how === 'build' ? 'building' : 'pulling'} ${e.image}${e.service ? ` for ${e.service}` : ''}`),
        onPlan: (plan) => reporter.onPlan(plan),
        onEvent: (e) => reporter.onEvent(e),
      });
      await reporter.finish();
      if (opts.dryRun && !g.json) {
        const { planText } = await import('../../plan/plan-text.js');
        process.stdout.write(planText(result.plan) + '\n');
      }
      if (g.json) printJson({ project: manifest.project, ok: result.ok, dryRun: Boolean(opts.dryRun), summary: result.summary });
      else log(summaryText(opts.dryRun ? 'planned' : 'up', manifest.project, result.summary));
      if (!result.ok) process.exitCode = 1;
    });
}
