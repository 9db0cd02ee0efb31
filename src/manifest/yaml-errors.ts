// The yaml package's parse errors, said with what to do where its words give none: a value holding
// ": " (`command: echo: hi`), a quote that never closes (reported where it opens, as the .env reader
// does, not past the end of the file), tabs as indentation.
import type { Document, Scalar, YAMLError } from 'yaml';
import { printable } from './problems.js';
import { yamlLib } from './yaml-document.js';

export interface YamlProblem {
  offset: number;
  message: string;
}

/** Each error of `doc` once, at the offset to report it at; one mistake that yaml says twice is said once. */
export function yamlProblems(doc: Document, text: string): YamlProblem[] {
  const out: YamlProblem[] = [];
  const colonLines = new Set<number>();
  for (const e of doc.errors) {
    if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && /^Nested mappings/.test(e.message)) {
      // `command: a: b: c` is one error per ": ": the first says it all
      const lineStart = Math.max(text.lastIndexOf('\n', e.pos[0] - 1), text.lastIndexOf('\r', e.pos[0] - 1)) + 1;
      if (colonLines.has(lineStart)) continue;
      colonLines.add(lineStart);
      out.push({ offset: e.pos[0], message: colonInValue(text, e.pos[0]) ?? yamlMessage(e.message) });
    } else if (e.code === 'MISSING_CHAR' && /^Missing closing ["']quote/.test(e.message)) {
      out.push(unclosedQuote(doc, e));
    } else if (e.code === 'TAB_AS_INDENT') {
      out.push({ offset: e.pos[0], message: `${yamlMessage(e.message)}; indent with spaces` });
    } else {
      out.push({ offset: e.pos[0], message: yamlMessage(e.message) });
    }
  }
  return out;
}

export function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  // yaml quotes the offending character as is: a stray \r or NUL must not break the line of output
  const shown = first.replace(/[\x00-\x1f\x7f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return `YAML: ${shown.replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** `key: echo: hi`: YAML reads a second mapping in the value, which a plain value may not start. */
function colonInValue(text: string, offset: number): string | undefined {
  const value = /^[^\r\n]*/.exec(text.slice(offset))![0].replace(/\s+#.*$/, '').trimEnd();
  if (!/:(\s|$)/.test(value)) return undefined;
  // in single quotes, a value's own double quotes need no escape
  const quoted = /"/.test(value) && !/['\x00-\x1f\x7f]/.test(value) ? `'${value}'` : JSON.stringify(value);
  return `YAML: the value ${printable(value)} holds ": ", which YAML reads as a mapping inside it; quote the whole value: ${quoted}`;
}

/** yaml points past the value that never closes (at the end of the file, often); the quote that opens it is the place. */
function unclosedQuote(doc: Document, e: YAMLError): YamlProblem {
  const { visit } = yamlLib();
  const double = e.message.includes('"quote');
  let opens: number | undefined;
  visit(doc, {
    Scalar(_, n: Scalar) {
      const [start, end] = n.range ?? [0, 0];
      if (n.type === (double ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE') && start < e.pos[0] && end <= e.pos[0] && (opens === undefined || start > opens)) opens = start;
    },
  });
  const escape = double ? 'writing \\" for a " inside it' : "writing '' for a ' inside it";
  const quote = double ? 'a double quote (")' : "a single quote (')";
  return { offset: opens ?? e.pos[0], message: `YAML: this value opens ${quote} that never closes; end the value with ${double ? '"' : "'"}, ${escape}` };
}
