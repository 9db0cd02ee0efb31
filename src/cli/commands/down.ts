import type { Command } from 'commander';
import { globals, openEngine, printJson, projectFrom } from '../context.js';
import { makeReporter, reporterKind } from '../reporter.js';
import { summaryText } from '../summary-text.js';
import { lockTimeoutOption, lockWaitMessage } from '../lock-option.js';

export function registerDown(program: Command): void {
  program
    .command('down')
    .description("remove the project's containers and network (named volumes too with -v)")
    .option('-v, --volumes', "also remove the project's named volumes")
    .addOption(lockTimeoutOption())
    .action(async (opts: { volumes?: boolean; lockTimeout?: number }, cmd: Command) => {
      const g = globals(cmd);
      const project = await projectFrom(g);
      const engine = await openEngine();
      const { down } = await import('../../api/down.js');
      const reporter = makeReporter(reporterKind(g.json));
      const result = await down(engine, project, {
        volumes: opts.volumes,
        lockTimeoutMs: opts.lockTimeout,
        onLockWait: lockWaitMessage,
        onPlan: (plan) => reporter.onPlan(plan),
        onEvent: (e) => reporter.onEvent(e),
      });
      await reporter.finish();
      if (g.json) printJson({ project, ok: result.ok, summary: result.summary });
      else process.stderr.write(summaryText('down', project, result.summary) + '\n');
      if (!result.ok) process.exitCode = 1;
    });
}
