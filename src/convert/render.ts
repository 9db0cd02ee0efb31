// The converted manifest as text: compose's order and spellings, hitch's inline short lists, and a
// header that points editors at hitch's schema.
import { basename } from 'node:path';
import { Document, isScalar, visit } from 'yaml';
import { quoteRetypedStrings } from '../manifest/normalized.js';
import type { Obj } from './fields.js';

/** `file` is the compose file; the output is meant to be written beside it, so its name is enough. */
export function render(manifest: Obj, file: string, schemaRef: string): string {
  const doc = new Document(manifest);
  // Short lists of one-line values read best inline and quoted, as in hitch's own examples: ["8080:80"].
  // Not with a null in them: written as nothing (nullStr below), it would make `[, "x"]`, which is not YAML.
  visit(doc, {
    Seq: (_, seq) => {
      seq.flow = seq.items.every((i) => isScalar(i) && i.value !== null && !String(i.value).includes('\n'));
      for (const i of seq.flow ? seq.items : []) if (isScalar(i) && typeof i.value === 'string') i.type = 'QUOTE_DOUBLE';
    },
  });
  quoteRetypedStrings(doc); // `no` stays a string to compose 1.29 too, and a key `<<` a key, not a merge
  doc.commentBefore = ` yaml-language-server: $schema=${schemaRef}\n Converted from ${basename(file)} by \`hitch convert\`.`;
  // nullStr: compose's `DEBUG:` (take the value from the environment) stays `DEBUG:`
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, nullStr: '' });
}
