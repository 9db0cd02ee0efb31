import type { Command } from 'commander';
import { globals, loadFrom, openEngine, printJson } from '../context.js';
import { table } from '../table.js';

export function registerLs(program: Command): void {
  program
    .command('ls')
    .description('list every name and link path of the project (web, web/db) with its container, image and state')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g); // link aliases live in the manifest
      const { ls } = await import('../../api/ls.js');
      const rows = await ls(await openEngine(), manifest);
      if (g.json) return printJson(rows);
      process.stdout.write(table(['NAME', 'CONTAINER', 'IMAGE', 'STATE'], rows.map((r) => [r.name, r.container, r.image ?? '', r.state])));
    });
}
