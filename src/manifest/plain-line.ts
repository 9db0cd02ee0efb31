// The single lines of plain-yaml.ts's subset: a line's indent, whether it starts a list item, and a
// flow list written on one line. Separate from plain-yaml.ts's Reader, which follows the block structure
// across lines; like it, this throws Outside where the text leaves the subset.
import type { SourcePos } from './model.js';
import { Outside, plain, quoted, trimSpaces } from './plain-scalar.js';
import type { Tree } from './tree.js';

export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

export function isItem(line: string, at: number): boolean {
  return line[at] === '-' && line[at + 1] === ' ';
}

/** `[a, "b", 'c']` on one line; returns the list and the index after `]`. */
export function flowList(line: string, start: number, ptr: string, values: Tree['values'], at: (col: number) => SourcePos): [unknown[], number] {
  const out: unknown[] = [];
  let i = start + 1;
  while (line[i] === ' ') i++;
  if (line[i] === ']') return [out, i + 1];
  for (;;) {
    while (line[i] === ' ') i++;
    values.set(`${ptr}/${out.length}`, at(i));
    if (line[i] === '"' || line[i] === "'") {
      const [value, end] = quoted(line, i);
      out.push(value);
      i = end;
    } else {
      let end = i;
      while (end < line.length && line[end] !== ',' && line[end] !== ']') end++;
      out.push(plain(trimSpaces(line.slice(i, end)), true));
      i = end;
    }
    while (line[i] === ' ') i++;
    if (line[i] === ']') return [out, i + 1];
    if (line[i] !== ',') throw new Outside();
    i++;
  }
}
