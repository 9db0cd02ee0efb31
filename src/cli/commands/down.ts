import type { Command } from 'commander';
import type { Engine } from '../../engine/engine.js';
import { UserError } from '../../user-error.js';
import { hitchCommand, type Invocation } from '../../plan/hitch-command.js';
import { globals, hitchAsGiven, openEngine, printJson, projectFrom } from '../context.js';
import { makeReporter, reporterKind } from '../reporter.js';
import { summaryText } from '../summary-text.js';
import { commandLock, lockTimeoutOption } from '../lock-option.js';

/**
 * `down -v` destroys data, so on a terminal it asks first. Without a terminal there is no one to ask:
 * scripts and CI go ahead, as with compose (`--yes` is then implied).
 */
async function confirmVolumes(engine: Engine, project: string, hitch: Invocation): Promise<void> {
  if (!process.stdin.isTTY) return;
  const volumes = [...(await engine.observe(project, [])).volumes].sort();
  if (volumes.length === 0) return;
  const { createInterface } = await import('node:readline');
  // terminal: false leaves echo and line editing to the terminal itself, so no escape codes are written
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const question = `Remove volumes ${volumes.join(', ')} of project ${project}? Their data will be lost. [y/N] `;
  const answer = await new Promise<string>((resolve) => {
    rl.once('close', () => resolve('')); // Ctrl-D or Ctrl-C: no
    rl.question(question, resolve);
  });
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) {
    throw new UserError(`kept the volumes of project ${project}: nothing removed`, `run \`${hitchCommand(hitch, 'down')}\` to keep them, or \`${hitchCommand(hitch, 'down -v --yes')}\` to remove them without asking`);
  }
}

export function registerDown(program: Command): void {
  program
    .command('down')
    .description("remove the project's containers and network (named volumes too with -v)")
    .option('-v, --volumes', "also remove the project's named volumes (on a terminal, asks first)")
    .option('-y, --yes', 'with -v: remove the volumes without asking')
    // compose's flag, so scripts written for it run: hitch's down removes orphans anyway (all it finds by label)
    .option('--remove-orphans', 'accepted for compose scripts: down always removes orphans too')
    .addOption(lockTimeoutOption())
    .action(async (opts: { volumes?: boolean; yes?: boolean; lockTimeout?: number }, cmd: Command) => {
      const g = globals(cmd);
      const project = await projectFrom(g);
      const invocation = hitchAsGiven(g);
      const engine = await openEngine();
      if (opts.volumes && !opts.yes) await confirmVolumes(engine, project, { invocation });
      const { down } = await import('../../api/down.js');
      const reporter = makeReporter(reporterKind(g.json));
      const result = await down(engine, project, {
        volumes: opts.volumes,
        invocation,
        ...commandLock(opts.lockTimeout, reporter),
        onPlan: (plan) => reporter.onPlan(plan),
        onEvent: (e) => reporter.onEvent(e),
      });
      await reporter.finish();
      if (g.json) printJson({ project, ok: result.ok, summary: result.summary });
      else process.stderr.write(summaryText('down', project, result.summary, { invocation }) + '\n');
      if (!result.ok) process.exitCode = 1;
    });
}
