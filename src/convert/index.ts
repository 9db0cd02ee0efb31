// `hitch convert`: a docker-compose file → a hitch manifest (text in, text and warnings out; env_file
// files are read to check the output, and the files services extend to resolve them). Keeps compose's order and spellings where hitch shares them, so
// the result reads like the original; its output passes `hitch validate`, or it throws ConvertError.
import { dropReason, TOP_KEYS } from '../manifest/compose-keys.js';
import { ManifestError, printable, Report, type Problem } from '../manifest/problems.js';
import { checkOutput, type CheckOptions } from './check.js';
import type { Obj } from './fields.js';
import { topVolumes } from './named-volumes.js';
import { within } from './place.js';
import { readCompose } from './read.js';
import { render } from './render.js';
import { placed, warn, warnAt, type ConvertWarning, type Run } from './run.js';
import { convertServices } from './services.js';

export type { ConvertWarning };

export interface Converted {
  yaml: string;
  warnings: ConvertWarning[];
}

export interface ConvertOptions extends Partial<Omit<CheckOptions, 'file'>> {
  file: string; // for messages and the header
  schemaRef: string; // where the output's yaml-language-server comment points
  // env (default {}), dotenv (default none), readFile and pathKind (default: the disk): what `hitch validate`
  // will see beside the compose file; readFile reads the files services extend too
}

/** Problems in the compose file (every one found), with the warnings (`dropped`) printed before them. */
export class ConvertError extends ManifestError {
  constructor(
    problems: readonly Problem[],
    readonly dropped: ConvertWarning[],
  ) {
    super(problems);
  }
}

const SECOND_DOCUMENT =
  'hitch convert reads one document, but a second one starts here; compose merges the documents of a file as it merges files given with -f: merge them into one, then convert';

/** The manifest, in the compose file's order; format 1's services become `services:`. */
function convertTop(run: Run): Obj {
  const manifest: Obj = {};
  if (run.layout.v1 && Object.hasOwn(run.tree.root as Obj, 'version')) {
    warn(run, ['version'], 'version is a mapping, so this is compose file format 1 and "version" one of its services, as docker-compose 1.x read it');
  }
  for (const [key, value] of Object.entries(run.layout.top)) {
    if (key === 'name') manifest.name = placed(run, value, within(run.tree, ['name']), ['name']);
    else if (key === 'services') manifest.services = convertServices(run);
    else if (key === 'volumes') topVolumes(value, (path, message) => warn(run, path, message));
    else if (key !== 'version' && !key.startsWith('x-')) warn(run, [key], `${printable(key)} is dropped: ${dropReason(TOP_KEYS, key)}`);
    // version is obsolete in compose too; x-* values are already merged where they were used.
  }
  if (run.layout.v1) manifest.services = convertServices(run);
  return manifest;
}

export function convertCompose(text: string, opts: ConvertOptions): Converted {
  const report = new Report();
  const warnings: ConvertWarning[] = [];
  const read = readCompose(text, opts.file, { report, warn: (pos, message) => warnAt({ tree: { file: opts.file }, warnings }, pos, message) }, SECOND_DOCUMENT);
  if (!read) throw new ConvertError(report.problems, []);
  const { tree, layout } = read;
  if (!layout) throw new ConvertError(report.problems, inFileOrder(warnings));
  const run: Run = { tree, layout, opts, report, warnings, origins: new Map([['', { tree, path: [] }]]) };
  const manifest = convertTop(run);
  if (report.problems.length > 0) throw new ConvertError(report.problems, inFileOrder(warnings));
  const yaml = render(manifest, opts.file, opts.schemaRef);
  const checked = checkOutput(yaml, tree, run.origins, { file: opts.file, env: opts.env ?? {}, dotenv: opts.dotenv, readFile: opts.readFile, pathKind: opts.pathKind });
  for (const { message, ...pos } of checked.warnings) warnAt(run, pos, message);
  if (checked.problems.length > 0) throw new ConvertError(checked.problems, inFileOrder(warnings));
  return { yaml, warnings: inFileOrder(warnings) };
}

/** Warnings in the order of the file, to be read beside it; a merged key's is where its anchor wrote it. */
function inFileOrder(warnings: ConvertWarning[]): ConvertWarning[] {
  return warnings.sort((a, b) => a.line - b.line || a.col - b.col); // stable: one place's warnings keep their order
}
