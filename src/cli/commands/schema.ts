import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';

// From src/cli/commands or dist/cli/commands alike, the schema sits at the package root.
const SCHEMA_URL = new URL('../../../links.schema.json', import.meta.url);

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print links.schema.json, the JSON Schema of hitch.yaml (for editors and other tools)')
    .action(async () => {
      process.stdout.write(await readFile(SCHEMA_URL, 'utf8'));
    });
}
