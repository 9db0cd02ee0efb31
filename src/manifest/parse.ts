// Phase 1: YAML text → Tree. Keeps the position of every node; duplicate keys, syntax errors, alias
// bombs and absurd nesting become problems with line:col instead of exceptions or hangs.
import type { SourcePos } from './model.js';
import { plainTree } from './plain-yaml.js';
import type { Report } from './problems.js';
import type { Tree } from './tree.js';
import { parseDocumentGuarded, yamlLib } from './yaml-document.js';
import { yamlMessage, yamlProblems } from './yaml-errors.js';
import { NESTING_MESSAGE, Refused, toData, type Walk } from './yaml-walk.js';

/** `secondDocument`: the message for a text of two documents (yaml-document.ts). */
export function parseYaml(text: string, file: string, report: Report, secondDocument?: string): Tree | undefined {
  return plainTree(text, file) ?? yamlTree(text, file, report, secondDocument);
}

/** Any YAML, read with the yaml package: what plain-yaml.ts leaves to it, and every text with a problem. */
export function yamlTree(text: string, file: string, report: Report, secondDocument?: string): Tree | undefined {
  const lines = new (yamlLib().LineCounter)();
  const at = (offset: number): SourcePos => ({ file, ...lines.linePos(offset) });
  const doc = parseDocumentGuarded(text, lines, secondDocument);
  if ('tooDeepAt' in doc) {
    report.error(at(doc.tooDeepAt), NESTING_MESSAGE);
    return undefined;
  }
  for (const p of yamlProblems(doc, text)) report.error(at(p.offset), p.message);
  for (const w of doc.warnings) report.warn(at(w.pos[0]), yamlMessage(w.message));
  if (doc.errors.length > 0) return undefined;
  const w: Walk = { doc, tree: { file, root: null, values: new Map(), keys: new Map(), numberSources: new Map() }, at, report, aliasNodes: 0, expanding: new Set() };
  try {
    w.tree.root = toData(w, doc.contents, []);
  } catch (e) {
    if (e instanceof Refused) return undefined;
    throw e;
  }
  return w.tree;
}
