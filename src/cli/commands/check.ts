import type { Command } from 'commander';
import { globals, hitchAsGiven, loadFrom, openEngine, printJson } from '../context.js';
import { secondsParser } from '../seconds.js';
import { table } from '../table.js';
import { UsageError, UserError } from '../../user-error.js';

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('prove who can reach whom: probe every service from every other, on every exposed port and on one that is not')
    .option('--timeout <seconds>', 'how long a probe waits for an answer before it counts as dropped', secondsParser({ whole: true, min: 1, max: 60 }), 1)
    .action(async (opts: { timeout: number }, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g);
      const { check, refusedCheck } = await import('../../api/check.js');
      const { portText } = await import('../../manifest/ports.js');
      const result = await check(await openEngine(), manifest, { timeoutSec: opts.timeout, invocation: hitchAsGiven(g) }).catch((err: unknown) => {
        // a script reads why no probe ran from the document; the message is on stderr too, exit 1
        if (g.json && err instanceof UserError && !(err instanceof UsageError)) printJson(refusedCheck(manifest.project, err));
        throw err;
      });
      if (!result.ok) process.exitCode = 1;
      if (g.json) return printJson(result);
      const rows = result.probes.map((r) => [
        r.from,
        r.to,
        r.exposed ? portText(r) : `${portText(r)} (not exposed)`,
        r.expected,
        r.actual,
        r.ok ? 'ok' : 'DIFFERS',
        r.evidence,
      ]);
      process.stdout.write(table(['FROM', 'TO', 'PORT', 'LINKS ALLOW', 'SEEN', '', 'EVIDENCE'], rows));
      const wrong = result.probes.filter((r) => !r.ok).length;
      process.stdout.write(
        wrong
          ? `check ${result.project}: ${wrong} of ${result.probes.length} probes differ from what the links allow\n`
          : `check ${result.project}: all ${result.probes.length} probes as the links allow\n`,
      );
    });
}
