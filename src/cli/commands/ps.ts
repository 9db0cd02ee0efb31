import type { Command } from 'commander';
import { globals, openEngine, printJson, projectFrom } from '../context.js';
import { table } from '../table.js';

export function registerPs(program: Command): void {
  program
    .command('ps')
    .description("list the project's services: container, state, address, published ports, links")
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const project = await projectFrom(g);
      const { ps } = await import('../../api/ps.js');
      const rows = await ps(await openEngine(), project);
      if (g.json) return printJson(rows);
      process.stdout.write(
        table(
          ['SERVICE', 'CONTAINER', 'STATE', 'ADDRESS', 'PORTS', 'LINKS'],
          rows.map((r) => [r.service, r.container, r.state, r.ip, r.ports.join(', '), r.links.join(', ')]),
        ),
      );
    });
}
