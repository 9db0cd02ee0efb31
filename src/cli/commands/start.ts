import type { Command } from 'commander';
import { globals, hitchAsGiven, loadFrom, openEngine } from '../context.js';
import { lockOptions } from '../../api/lock.js';
import { commandLock, lockTimeoutOption } from '../lock-option.js';
import { failureError, printOutcome } from '../outcome-json.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description("start services' existing stopped containers, children first, creating nothing (all services by default)")
    .argument('[services...]', 'the services to start, with the services they link to')
    .addOption(lockTimeoutOption())
    .action(async (services: string[], opts: { lockTimeout?: number }, cmd: Command) => {
      const g = globals(cmd);
      // the manifest says what `up` would make: start refuses to be that
      const manifest = await loadFrom(g);
      const { start } = await import('../../api/start.js');
      const result = await start(await openEngine(), manifest, services, {
        onEvent: (e) => {
          const a = e.action;
          if (g.json || a.kind !== 'start-container' || a.role !== 'service') return;
          if (e.type === 'done') process.stderr.write(`✔ started ${a.service}\n`);
        },
        lock: lockOptions(commandLock(opts.lockTimeout)),
        invocation: hitchAsGiven(g),
      });
      printOutcome(g.json, manifest.project, 'started', result.started, result.failed);
      if (result.failed.length > 0) throw failureError(result.failed);
    });
}
