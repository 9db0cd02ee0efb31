// convert's promise: its output passes `hitch validate`, or it fails. So the output is read back and
// validated as `hitch validate` would read it beside the compose file, with the same variables and
// env_files; each problem is told at the compose node it came from (place.ts), where the user fixes it.
import { dirname, join, resolve } from 'node:path';
import { ManifestError, manifestFromTree, type ParseOptions, type Problem } from '../manifest/index.js';
import { MANIFEST_NAME } from '../manifest/location.js';
import { parseYaml } from '../manifest/parse.js';
import { Report } from '../manifest/problems.js';
import type { Tree } from '../manifest/tree.js';
import { relocate, type Origins } from './place.js';

export interface CheckOptions {
  file: string; // the compose file; the output is checked as a hitch.yaml beside it
  env: Record<string, string | undefined>;
  dotenv?: ParseOptions['dotenv']; // the `.env` beside the compose file, as `hitch validate` will read it
  readFile?: ParseOptions['readFile'];
  pathKind?: ParseOptions['pathKind']; // build contexts and Dockerfiles are looked for as validate will
}

export interface Checked {
  problems: Problem[];
  warnings: Problem[];
}

export function checkOutput(yaml: string, compose: Tree, origins: Origins, opts: CheckOptions): Checked {
  const report = new Report();
  const output = parseYaml(yaml, opts.file, report);
  if (!output || report.problems.length > 0) {
    // convert renders plain data with the yaml package: text it cannot read back is a bug in convert
    throw new Error(`hitch convert wrote YAML that does not read back: ${report.problems.map((p) => p.message).join('; ')}`);
  }
  relocate(output, compose, origins);
  const parse: ParseOptions = { ...opts, file: join(dirname(resolve(opts.file)), MANIFEST_NAME) };
  try {
    return { problems: [], warnings: manifestFromTree(output, report, parse).warnings };
  } catch (e) {
    if (e instanceof ManifestError) return { problems: e.problems, warnings: report.warnings };
    throw e;
  }
}
