import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SCHEMA_FILE } from '../../manifest/schema.js';


export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print links.schema.json, the JSON Schema of hitch.yaml (for editors and other tools)')
    .action(async () => {
      process.stdout.write(await readFile(SCHEMA_FILE, 'utf8'));
    });
}
