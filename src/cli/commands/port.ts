import type { Command } from 'commander';
import { globals, openEngine, printJson, projectFrom } from '../context.js';

export function registerPort(program: Command): void {
  program
    .command('port')
    .description('print the host address a container port is published on, like `docker port` (127.0.0.1:49155)')
    .argument('<service>', 'the service')
    .argument('[port]', 'the container port, PORT or PORT/PROTO (default: list every published port)')
    .action(async (service: string, portArg: string | undefined, _opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const project = await projectFrom(g);
      const { port } = await import('../../api/port.js');
      const mappings = await port(await openEngine(), project, service, portArg);
      if (g.json) return printJson(mappings);
      // docker port: the bare address for one port, "5000/tcp -> 127.0.0.1:49155" for the list
      const lines = mappings.map((m) => (portArg ? m.address : `${m.containerPort}/${m.proto} -> ${m.address}`));
      process.stdout.write(lines.map((l) => l + '\n').join(''));
    });
}
