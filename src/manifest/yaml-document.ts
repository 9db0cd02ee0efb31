// yaml's parseDocument, with a nesting guard between its parser and its composer. The composer (and
// every walk after it) recurses once per level, so a document nested thousands deep would overflow the
// stack; the parser keeps its own stack, so its depth can be watched for free while the text is read once.
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';

type Yaml = typeof import('yaml');
let lib: Yaml | undefined;

/** The yaml package, loaded on first use (~40 ms): plain-yaml.ts reads most manifests without it. */
export function yamlLib(): Yaml {
  lib ??= createRequire(import.meta.url)('yaml') as Yaml;
  return lib;
}

// A manifest needs a handful of levels; this is far beyond any real one and far below any stack limit.
export const MAX_NESTING = 64;

// Duplicate keys are found in mapToData (yaml-walk.ts): yaml's own check (uniqueKeys) is quadratic in a map's size.
// merge: compose accepts `<<: *base`.
const OPTIONS = { uniqueKeys: false, merge: true, prettyErrors: false } as const;

/** What a second document in a manifest is told; `hitch convert` says it of a compose file its own way. */
const SECOND_MANIFEST_DOCUMENT = 'a manifest is one document, but a second one starts here; remove this "---" and what follows, or merge the two';

/** The document, or the offset where the text first nests deeper than MAX_NESTING. */
export function parseDocumentGuarded(text: string, lines: LineCounter, secondDocument = SECOND_MANIFEST_DOCUMENT): Document | { tooDeepAt: number } {
  const { Composer, Lexer, Parser, YAMLParseError } = yamlLib();
  const parser = new Parser(lines.addNewLine);
  let tooDeepAt: number | undefined;
  function* tokens() {
    lines.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      // the parser's stack holds the stream and the document, then one token per level
      if (parser.stack.length > MAX_NESTING + 2) {
        tooDeepAt = parser.offset;
        return; // the unfinished document never reaches the composer
      }
    }
    yield* parser.end();
  }
  const [doc, second] = new Composer(OPTIONS).compose(tokens(), true, text.length);
  if (tooDeepAt !== undefined) return { tooDeepAt };
  // parseDocument's own message advises its API (YAML.parseAllDocuments); a user needs to know what to remove
  if (second) doc!.errors.push(new YAMLParseError([second.range[0], second.range[1]], 'MULTIPLE_DOCS', secondDocument));
  return doc!;
}
