// `hitch convert`: a docker-compose file → a hitch manifest (text in, text and warnings out; env_file
// files are read to check the output). Keeps compose's order and spellings where hitch shares them, so
// the result reads like the original; its output passes `hitch validate`, or it throws ConvertError.
import { createdVolume, dropReason, TOP_KEYS } from '../manifest/compose-keys.js';
import { dotenvDefaults } from '../manifest/dotenv-defaults.js';
import { lookupIn } from '../manifest/interpolate.js';
import { parseYaml } from '../manifest/parse.js';
import { ManifestError, printable, Report, type Problem } from '../manifest/problems.js';
import { keyPos, pointer, setOwn, valuePos, type Path, type Tree } from '../manifest/tree.js';
import { checkOutput, type CheckOptions } from './check.js';
import { isObj, type Obj, type Value } from './fields.js';
import { layoutOf, notAService, type Layout } from './layout.js';
import { place, TooDeep, type Origins } from './place.js';
import { render } from './render.js';
import { convertService } from './service.js';

export interface ConvertWarning {
  file?: string; // where it is when not in the compose file: the `.env` beside it
  line: number; // 1-based
  col: number;
  message: string;
}

export interface Converted {
  yaml: string;
  warnings: ConvertWarning[];
}

export interface ConvertOptions extends Partial<Omit<CheckOptions, 'file'>> {
  file: string; // for messages and the header
  schemaRef: string; // where the output's yaml-language-server comment points
  // env (default {}), dotenv (default none), readFile and pathKind (default: the disk): what `hitch validate`
  // will see beside the compose file
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

/** One conversion's state: what it read, what it found, and where each output node came from. */
interface Run {
  tree: Tree;
  layout: Layout;
  opts: ConvertOptions;
  report: Report; // problems: the file is refused
  warnings: ConvertWarning[];
  origins: Origins;
}

function warn(run: Run, path: Path, message: string): void {
  const { line, col } = keyPos(run.tree, path);
  run.warnings.push({ line, col, message });
}

/** place(), with a value nested too deep for a manifest reported where it starts. */
function placed(run: Run, value: Value, from: Path, to: Path): Value {
  try {
    return place(value, from, to, run.origins, run.tree.numberSources);
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    run.report.error(valuePos(run.tree, e.from), e.message);
    return null;
  }
}

/** Top-level named volumes: hitch creates `<project>_<name>` itself; anything more than that is dropped. */
function topVolumes(run: Run, value: Value): void {
  if (!isObj(value)) return;
  for (const [name, spec] of Object.entries(value)) {
    for (const key of Object.keys(isObj(spec) ? spec : {})) {
      warn(run, ['volumes', name, key], `volume ${JSON.stringify(name)}: ${printable(key)} is dropped: ${createdVolume(printable(name))}`);
    }
  }
}

/** Every service converted and placed; a service that is not a mapping is a problem, and is left out. */
function convertServices(run: Run): Obj {
  const { layout, tree, opts } = run;
  // the .env's own problems are the check's to report (checkOutput), at their line of it
  const dotenv = opts.dotenv ? dotenvDefaults(opts.dotenv, opts.env ?? {}, new Report()) : {};
  const ctx = { lookup: lookupIn(opts.env ?? {}, dotenv), v1: layout.v1 };
  run.origins.set('/services', layout.servicesAt);
  const out: Obj = {};
  for (const [name, svc] of Object.entries(layout.services)) {
    const at = [...layout.servicesAt, name];
    if (!isObj(svc)) {
      run.report.error(valuePos(tree, at), notAService(name, svc, layout));
      continue;
    }
    const converted = convertService(name, svc, (field, message) => warn(run, [...at, field], `service ${JSON.stringify(name)}: ${message}`), ctx);
    setOwn(out, name, placed(run, converted, at, ['services', name]));
    // format 1's `dockerfile` went into build: its problems are told at the key the user wrote
    const build = converted.build;
    if (ctx.v1 && isObj(build) && build.dockerfile === svc.dockerfile && Object.hasOwn(svc, 'dockerfile')) {
      run.origins.set(pointer(['services', name, 'build', 'dockerfile']), [...at, 'dockerfile']);
    }
  }
  return out;
}

/** The manifest, in the compose file's order; format 1's services become `services:`. */
function convertTop(run: Run): Obj {
  const manifest: Obj = {};
  if (run.layout.v1 && Object.hasOwn(run.tree.root as Obj, 'version')) {
    warn(run, ['version'], 'version is a mapping, so this is compose file format 1 and "version" one of its services, as docker-compose 1.x read it');
  }
  for (const [key, value] of Object.entries(run.layout.top)) {
    if (key === 'name') manifest.name = placed(run, value, ['name'], ['name']);
    else if (key === 'services') manifest.services = convertServices(run);
    else if (key === 'volumes') topVolumes(run, value);
    else if (key !== 'version' && !key.startsWith('x-')) warn(run, [key], `${printable(key)} is dropped: ${dropReason(TOP_KEYS, key)}`);
    // version is obsolete in compose too; x-* values are already merged where they were used.
  }
  if (run.layout.v1) manifest.services = convertServices(run);
  return manifest;
}

export function convertCompose(text: string, opts: ConvertOptions): Converted {
  const report = new Report();
  const tree = parseYaml(text, opts.file, report, SECOND_DOCUMENT);
  if (!tree) throw new ConvertError(report.problems, []);
  const warnings = report.warnings.map(({ line, col, message }) => ({ line, col, message }));
  const layout = layoutOf(tree.root, (path, message) => report.error(valuePos(tree, path), message));
  if (!layout) throw new ConvertError(report.problems, inFileOrder(warnings));
  const run: Run = { tree, layout, opts, report, warnings, origins: new Map([['', []]]) };
  const manifest = convertTop(run);
  if (report.problems.length > 0) throw new ConvertError(report.problems, inFileOrder(warnings));
  const yaml = render(manifest, opts.file, opts.schemaRef);
  const checked = checkOutput(yaml, tree, run.origins, { file: opts.file, env: opts.env ?? {}, dotenv: opts.dotenv, readFile: opts.readFile, pathKind: opts.pathKind });
  warnings.push(...checked.warnings.map(({ file, line, col, message }) => ({ ...(file === tree.file ? {} : { file }), line, col, message })));
  if (checked.problems.length > 0) throw new ConvertError(checked.problems, inFileOrder(warnings));
  return { yaml, warnings: inFileOrder(warnings) };
}

/** Warnings in the order of the file, to be read beside it; a merged key's is where its anchor wrote it. */
function inFileOrder(warnings: ConvertWarning[]): ConvertWarning[] {
  return warnings.sort((a, b) => a.line - b.line || a.col - b.col); // stable: one place's warnings keep their order
}
