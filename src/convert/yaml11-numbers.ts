// Plain integers compose reads otherwise than hitch. compose's YAML readers, PyYAML (compose 1.x, YAML
// 1.1) and go-yaml v3 (compose v2, resolve.go: it drops every `_`, then strconv.ParseInt with base 0),
// agree that `0644` is octal 420, `1_000` is 1000, `0b11` is 3 and `-0x1F` is -31; hitch reads YAML 1.2,
// where they are 644 and the strings "1_000", "0b11" and "-0x1F". convert writes what compose read, as the
// converted project must run as the compose one did, and says so: quoted, the text would have stayed text.
// (`yes` and `no` are not among them: go-yaml v3 reads them as strings, as hitch does.)
import type { Scalar } from 'yaml';
import { printable } from '../manifest/problems.js';
import { fromPointer, setOwn, type Tree } from '../manifest/tree.js';
import { yamlLib } from '../manifest/yaml-document.js';
import { YAML11_INTEGERS } from '../manifest/yaml11.js';
import type { SourcePos } from '../manifest/model.js';

const INT64 = 2n ** 63n; // beyond it, go-yaml no longer reads an integer

/** What compose reads the plain scalar `text` as, and why, when it is one of YAML11_INTEGERS; else undefined. */
function composeInteger(text: string): { value: bigint; why: string } | undefined {
  const integer = YAML11_INTEGERS.find(({ form }) => form.test(text));
  if (!integer) return undefined;
  const negative = text.startsWith('-');
  const digits = text.replace(/^[-+]/, '').replace(/_/g, '');
  if (/^0[bx]?$/.test(digits) && digits !== '0') return undefined; // `0b_`: no digits, a string to both
  const magnitude = BigInt(/^0[0-7]/.test(digits) ? `0o${digits.slice(1)}` : digits);
  const value = negative ? -magnitude : magnitude;
  return value >= -INT64 && value < INT64 ? { value, why: integer.why } : undefined;
}

/** Tree pointers by the line:col their value is written at: an anchor's value is at each place an alias put it. */
function pointersAt(tree: Tree): Map<string, string[]> {
  const at = new Map<string, string[]>();
  for (const [ptr, pos] of tree.values) {
    const key = `${pos.line}:${pos.col}`;
    at.set(key, [...(at.get(key) ?? []), ptr]);
  }
  return at;
}

/**
 * Replaces the value at `ptr` when it is still `was` (YAML 1.2's reading); true when it did. With compose's
 * digits as a string: a string holding an integer is what every field takes (environment, command, user,
 * and, cast, retries), where an integer is refused by those that want a string.
 */
function replace(tree: Tree, ptr: string, was: unknown, value: bigint): boolean {
  const path = fromPointer(ptr);
  let parent = tree.root as Record<string, unknown> | undefined;
  // undefined below a merge key's own place (`<<`), which the tree keeps positions of but no value at
  for (const seg of path.slice(0, -1)) parent = parent?.[seg] as Record<string, unknown> | undefined;
  const last = path[path.length - 1]!;
  if (parent?.[last] !== was) return false;
  setOwn(parent!, last, String(value));
  return true;
}

/** Gives `tree` (read from `text`) compose's integers where YAML 1.2 reads them otherwise, each with a warning. */
export function composeIntegers(text: string, tree: Tree, warn: (pos: SourcePos, message: string) => void): void {
  if (!/0[0-7_bx]|[0-9]_/.test(text)) return; // no form of YAML11_INTEGERS that YAML 1.2 reads otherwise: the usual case
  const { LineCounter, parseDocument, visit } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, merge: true });
  const at = pointersAt(tree);
  visit(doc, {
    Scalar(_, node: Scalar) {
      if (node.type !== 'PLAIN' || typeof node.source !== 'string' || !node.range) return;
      const compose = composeInteger(node.source);
      if (!compose || node.value === Number(compose.value)) return;
      const { line, col } = lines.linePos(node.range[0]);
      const replaced = (at.get(`${line}:${col}`) ?? []).filter((ptr) => replace(tree, ptr, node.value, compose.value));
      if (replaced.length === 0) return; // a key: compose's keys are strings
      const yaml12 = typeof node.value === 'number' ? String(node.value) : `the string ${JSON.stringify(node.value)}`;
      const source = printable(node.source);
      const message = `${source} is ${compose.value} to compose (its YAML readers ${compose.why}), and ${yaml12} to hitch, which reads YAML 1.2: written as "${compose.value}", as compose read it; quote it in the compose file ("${source}") if the text was meant`;
      warn({ file: tree.file, line, col }, message);
    },
  });
}
