import type { Command } from 'commander';
import { lockOptions } from '../../api/lock.js';
import { globals, openEngine, scopeAndManifest } from '../context.js';
import { commandLock, lockTimeoutOption } from '../lock-option.js';
import { failureError, printOutcome } from '../outcome-json.js';
import { secondsParser } from '../seconds.js';

export function registerRestart(program: Command): void {
  program
    .command('restart')
    .description("restart services' containers, children first, parents once their children are ready; addresses, hosts lines and firewalls stay (all services by default)")
    .argument('[services...]', 'the services to restart')
    .option('-t, --timeout <seconds>', "seconds to wait for a graceful stop (default: each service's stop_grace_period)", secondsParser({ whole: true }))
    .addOption(lockTimeoutOption())
    .action(async (services: string[], opts: { timeout?: number; lockTimeout?: number }, cmd: Command) => {
      const g = globals(cmd);
      const { scope, manifest } = await scopeAndManifest(g);
      const { restart } = await import('../../api/restart.js');
      const engine = await openEngine();
      const result = await restart(engine, scope, services, {
        timeoutSec: opts.timeout,
        manifest,
        onRestarted: (s) => !g.json && process.stderr.write(`✔ restarted ${s}\n`),
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
        lock: lockOptions(commandLock(opts.lockTimeout)),
      });
      printOutcome(g.json, scope.name, 'restarted', result.restarted, result.failed);
      if (result.failed.length > 0) throw failureError(result.failed, `; not restarted: ${result.notRestarted.join(', ')}`);
    });
}
