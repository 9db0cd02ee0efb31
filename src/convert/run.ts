// One conversion's state, and how its parts tell what they find: a warning at a compose node (in the
// compose file, or in a file one of its services extends), each output node placed with the node it
// came from.
import type { SourcePos } from '../manifest/model.js';
import type { Report } from '../manifest/problems.js';
import { keyPos, valuePos, type Path, type Tree } from '../manifest/tree.js';
import type { Value } from './fields.js';
import type { Layout } from './layout.js';
import { place, TooDeep, type Origin, type Origins, type Source } from './place.js';
import type { ConvertOptions } from './index.js';

export interface ConvertWarning {
  file?: string; // where it is when not in the compose file: the `.env` beside it, a file a service extends
  line: number; // 1-based
  col: number;
  message: string;
}

export interface Run {
  tree: Tree;
  layout: Layout;
  opts: ConvertOptions;
  report: Report; // problems: the file is refused
  warnings: ConvertWarning[];
  origins: Origins;
}

export function warnAt(run: { tree: Pick<Tree, 'file'>; warnings: ConvertWarning[] }, { file, line, col }: SourcePos, message: string): void {
  run.warnings.push({ ...(file === run.tree.file ? {} : { file }), line, col, message });
}

/** A warning at the key (or list entry) at `path` of the compose file. */
export function warn(run: Run, path: Path, message: string): void {
  warnAt(run, keyPos(run.tree, path), message);
}

/** A warning at the key (or list entry) a value came from, in whichever file. */
export function warnOrigin(run: Run, { tree, path }: Origin, message: string): void {
  warnAt(run, keyPos(tree, path), message);
}

/** place(), with a value nested too deep for a manifest reported where it starts. */
export function placed(run: Run, value: Value, from: Source, to: Path): Value {
  try {
    return place(value, from, to, run.origins);
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    run.report.error(valuePos(e.from.tree, e.from.path), e.message);
    return null;
  }
}
