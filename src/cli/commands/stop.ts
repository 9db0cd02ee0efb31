import type { Command } from 'commander';
import { globals, openEngine, scopeFrom } from '../context.js';
import { lockOptions } from '../../api/lock.js';
import { commandLock, lockTimeoutOption } from '../lock-option.js';
import { failureError, printOutcome } from '../outcome-json.js';
import { secondsParser } from '../seconds.js';

export function registerStop(program: Command): void {
  program
    .command('stop')
    .description("stop services' containers and their sandboxes without removing them, parents first (all services by default)")
    .argument('[services...]', 'the services to stop')
    .option('-t, --timeout <seconds>', "seconds to wait for a graceful stop (default: each service's stop_grace_period)", secondsParser({ whole: true }))
    .addOption(lockTimeoutOption())
    .action(async (services: string[], opts: { timeout?: number; lockTimeout?: number }, cmd: Command) => {
      const g = globals(cmd);
      const scope = await scopeFrom(g);
      const { stop } = await import('../../api/stop.js');
      const engine = await openEngine();
      const result = await stop(engine, scope, services, {
        timeoutSec: opts.timeout,
        onStopped: (s) => !g.json && process.stderr.write(`✔ stopped ${s}\n`),
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
        lock: lockOptions(commandLock(opts.lockTimeout)),
      });
      printOutcome(g.json, scope.name, 'stopped', result.stopped, result.failed);
      if (result.failed.length > 0) throw failureError(result.failed);
    });
}
