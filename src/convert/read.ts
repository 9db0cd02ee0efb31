// A compose file's text → its tree and where it keeps its services, as convert reads the compose file
// and every file one of its services extends: parsed once, with compose's integers (yaml11-numbers.ts),
// its problems told in the report and its warnings where they are written.
import type { SourcePos } from '../manifest/model.js';
import { parseYaml } from '../manifest/parse.js';
import { Report } from '../manifest/problems.js';
import { valuePos, type Tree } from '../manifest/tree.js';
import { layoutOf, type Layout } from './layout.js';
import { composeIntegers } from './yaml11-numbers.js';

export interface Told {
  report: Report; // problems: the file is refused
  warn: (pos: SourcePos, message: string) => void;
}

/**
 * The tree of `text` (the file spelled `file`), with its layout when it has services; undefined when it
 * is not YAML hitch reads. `secondDocument`: what a second document is told (yaml-document.ts).
 */
export function readCompose(text: string, file: string, told: Told, secondDocument?: string): { tree: Tree; layout: Layout | undefined } | undefined {
  const read = new Report();
  const tree = parseYaml(text, file, read, secondDocument);
  told.report.problems.push(...read.problems);
  for (const w of read.warnings) told.warn(w, w.message);
  if (!tree) return undefined;
  composeIntegers(text, tree, told.warn);
  return { tree, layout: layoutOf(tree.root, (path, message) => told.report.error(valuePos(tree, path), message)) };
}
