import type { Command } from 'commander';
import { parsePortArg } from '../../api/port.js';
import { argumentParser } from '../argument.js';
import { globals, openEngine, printJson, scopeFrom } from '../context.js';

/** A malformed PORT is a usage error (exit 2), found before anything is loaded. */
const portArgument = argumentParser((value) => (parsePortArg(value), value));

export function registerPort(program: Command): void {
  program
    .command('port')
    .description('print the host address a container port is published on, like `docker port` (127.0.0.1:49155)')
    .argument('<service>', 'the service')
    .argument('[port]', 'the container port, PORT or PORT/PROTO (default: list every published port)', portArgument)
    .action(async (service: string, portArg: string | undefined, _opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const scope = await scopeFrom(g);
      const { port } = await import('../../api/port.js');
      const mappings = await port(await openEngine(), scope, service, portArg);
      if (g.json) return printJson(mappings);
      // docker port: the bare address for one port, "5000/tcp -> 127.0.0.1:49155" for the list
      const lines = mappings.map((m) => (portArg ? m.address : `${m.containerPort}/${m.proto} -> ${m.address}`));
      process.stdout.write(lines.map((l) => l + '\n').join(''));
    });
}
