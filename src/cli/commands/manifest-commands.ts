// Commands that only read the manifest and never touch the engine: validate, config.
import type { Command } from 'commander';
import { globals, loadFrom, printJson, printWarnings } from '../context.js';

export function registerManifestCommands(program: Command): void {
  program
    .command('validate')
    .description('check the manifest; print every problem with file:line:col (exit 2 when invalid)')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      // with --json, an invalid manifest is an answer too: its problems on stdout, for tools (still exit 2)
      const { ManifestError } = await import('../../manifest/index.js');
      const manifest = await loadFrom(g).catch((err: unknown) => {
        if (!g.json || !(err instanceof ManifestError)) throw err;
        printWarnings(err.warnings); // on stderr, as for a valid manifest
        printJson({ valid: false, problems: err.problems });
        process.exitCode = 2;
      });
      if (!manifest) return;
      if (g.json) return printJson({ valid: true, file: manifest.file, project: manifest.project });
      const count = Object.keys(manifest.services).length;
      process.stdout.write(`${manifest.file}: valid (project ${manifest.project}, ${count} service${count === 1 ? '' : 's'})\n`);
    });

  program
    .command('config')
    .description('print the normalized manifest: interpolated, defaults filled in, a valid hitch.yaml')
    .action(async (_opts: unknown, cmd: Command) => {
      const g = globals(cmd);
      const manifest = await loadFrom(g);
      // loaded here, not at the top: every other command starts without it (and without yaml)
      const { normalizedManifest, normalizedYaml } = await import('../../manifest/normalized.js');
      if (g.json) return printJson(normalizedManifest(manifest));
      process.stdout.write(normalizedYaml(manifest));
    });
}
