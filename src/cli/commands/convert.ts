import { dirname, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { SCHEMA_FILE } from '../../manifest/schema.js';
import { globals } from '../context.js';
import { refuseJson } from '../no-json.js';

export function registerConvert(program: Command): void {
  program
    .command('convert')
    .description('print a hitch manifest made from a docker-compose file, warning about every key it drops')
    .argument('<compose-file>', 'the compose file, e.g. docker-compose.yml')
    .addHelpText('after', '\nWrite the result beside the compose file: paths in it (build, env_file, volumes) stay relative to that folder.\n  hitch convert docker-compose.yml > hitch.yaml && hitch validate')
    .action(async (composeFile: string, _opts: unknown, cmd: Command) => {
      refuseJson(globals(cmd), 'convert', 'a hitch manifest, in YAML', 'drop --json and write the manifest, then `hitch -f hitch.yaml --json config` prints it as JSON');
      const { ConvertError } = await import('../../convert/index.js');
      const { convertComposeFile } = await import('../../convert/file.js');
      const warn = (w: { file?: string; line: number; col: number; message: string }) => process.stderr.write(`${w.file ?? composeFile}:${w.line}:${w.col}: warning: ${w.message}\n`);
      try {
        // checked with the variables `hitch validate` will see; the schema comment points at this hitch's
        // own schema, from the compose file's folder, where the output is meant to go
        const schemaRef = relative(dirname(resolve(composeFile)), SCHEMA_FILE);
        const { yaml, warnings } = await convertComposeFile({ file: composeFile, schemaRef, env: process.env });
        warnings.forEach(warn);
        process.stdout.write(yaml);
      } catch (e) {
        if (e instanceof ConvertError) e.dropped.forEach(warn); // what was dropped, before what is wrong
        throw e;
      }
    });
}
