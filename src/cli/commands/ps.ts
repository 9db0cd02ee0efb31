import type { Command } from 'commander';
import type { PsRow } from '../../api/ps.js';
import { globals, openEngine, printJson, scopeFrom } from '../context.js';
import { table } from '../table.js';

/** The STATE column: the engine's words, and what is wrong with the sandbox (`Up 2 minutes (sandbox stopped)`). */
function stateText(r: PsRow): string {
  if (r.status === null) return r.state;
  return r.state.startsWith('sandbox ') ? `${r.status} (${r.state})` : r.status;
}

export function registerPs(program: Command): void {
  program
    .command('ps')
    .description("list the project's services: container, state, address, published ports, links")
    .argument('[services...]', 'only these services (default: all)')
    .option('-q, --quiet', 'print only container ids, one per line (--json: an array of them)')
    // compose lists only running containers without -a; hitch lists every service, stopped ones too
    .option('-a, --all', 'accepted for compose scripts: stopped services are always listed')
    .action(async (services: string[], opts: { quiet?: boolean }, cmd: Command) => {
      const g = globals(cmd);
      const scope = await scopeFrom(g);
      const { ps } = await import('../../api/ps.js');
      const rows = await ps(await openEngine(), scope, services);
      const ids = rows.flatMap((r) => (r.id ? [r.id] : []));
      if (opts.quiet && g.json) return printJson(ids);
      if (opts.quiet) return void process.stdout.write(ids.map((id) => `${id}\n`).join(''));
      if (g.json) return printJson(rows);
      process.stdout.write(
        table(
          ['SERVICE', 'CONTAINER', 'STATE', 'ADDRESS', 'PORTS', 'LINKS'],
          rows.map((r) => [
            r.service,
            r.container ?? '(missing)',
            stateText(r),
            r.ip ?? '',
            r.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.proto}`).join(', '),
            r.links.join(', '),
          ]),
        ),
      );
    });
}
