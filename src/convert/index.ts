// `hitch convert`: a docker-compose file → a hitch manifest, pure (text in, text and warnings out).
// Keeps compose's order and spellings where hitch shares them, so the result reads like the original.
import { Document, isMap, isScalar, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { UserError } from '../user-error.js';
import { isObj, type Obj } from './fields.js';
import { convertService } from './service.js';

export interface ConvertWarning {
  line: number; // 1-based, in the compose file
  col: number;
  message: string;
}

export interface Converted {
  yaml: string;
  warnings: ConvertWarning[];
}

export interface ConvertOptions {
  file: string; // for messages and the header
  schemaRef: string; // where the output's yaml-language-server comment points
}

const TOP_WHY: Record<string, string> = {
  networks: "every hitch project has one network of its own, where only links connect services",
  secrets: 'pass secrets as environment variables or env_file, or mount them as files with volumes',
  configs: 'mount configuration files with volumes',
};

/** Where a key path starts in the source; the deepest key found (merged keys have no place of their own). */
function locate(doc: Document, lines: LineCounter, path: string[]): { line: number; col: number } {
  let node: unknown = doc.contents;
  let offset = 0;
  for (const key of path) {
    if (!isMap(node)) break;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) break;
    offset = (pair.key as Node).range?.[0] ?? offset;
    node = pair.value;
  }
  return lines.linePos(offset);
}

/** Top-level named volumes: hitch creates `<project>_<name>` itself; anything more than that is dropped. */
function topVolumes(value: unknown, warn: (path: string[], message: string) => void): void {
  if (!isObj(value)) return;
  for (const [name, spec] of Object.entries(value)) {
    for (const key of Object.keys(isObj(spec) ? spec : {})) {
      warn(['volumes', name, key], `volume "${name}": ${key} is dropped: hitch creates and labels the volume <project>_${name} itself`);
    }
  }
}

function render(manifest: Obj, opts: ConvertOptions): string {
  const doc = new Document(manifest);
  // Short lists of one-line values read best inline and quoted, as in hitch's own examples: ["8080:80"].
  visit(doc, {
    Seq: (_, seq) => {
      seq.flow = seq.items.every((i) => isScalar(i) && !String(i.value).includes('\n'));
      for (const i of seq.flow ? seq.items : []) if (isScalar(i) && typeof i.value === 'string') i.type = 'QUOTE_DOUBLE';
    },
  });
  doc.commentBefore = ` yaml-language-server: $schema=${opts.schemaRef}\n Converted from ${opts.file} by \`hitch convert\`.`;
  // nullStr: compose's `DEBUG:` (take the value from the environment) stays `DEBUG:`
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, nullStr: '' });
}

export function convertCompose(text: string, opts: ConvertOptions): Converted {
  const lines = new LineCounter();
  const doc = parseDocument(text, { merge: true, lineCounter: lines, prettyErrors: false });
  const bad = doc.errors[0];
  if (bad) {
    const { line, col } = lines.linePos(bad.pos[0]);
    throw new UserError(`${opts.file}:${line}:${col}: not valid YAML: ${bad.message}`, 'fix the compose file, then convert again');
  }
  const compose: unknown = doc.toJS({ maxAliasCount: -1 });
  if (!isObj(compose) || !isObj(compose.services)) {
    throw new UserError(`${opts.file}: no services: mapping, so this is not a compose file`, 'give the path of a docker-compose.yml');
  }
  const warnings: ConvertWarning[] = [];
  const warn = (path: string[], message: string) => warnings.push({ ...locate(doc, lines, path), message });
  const manifest: Obj = {};
  for (const [key, value] of Object.entries(compose)) {
    if (key === 'name') manifest.name = value;
    else if (key === 'services') {
      manifest.services = Object.fromEntries(
        Object.entries(compose.services).map(([name, svc]) => [
          name,
          convertService(name, isObj(svc) ? svc : {}, (field, message) => warn(['services', name, field], `service "${name}": ${message}`)),
        ]),
      );
    } else if (key === 'volumes') topVolumes(value, warn);
    else if (key !== 'version' && !key.startsWith('x-')) warn([key], `${key} is dropped: ${TOP_WHY[key] ?? 'not supported by hitch'}`);
    // version is obsolete in compose too; x-* values are already merged where they were used.
  }
  return { yaml: render(manifest, opts), warnings };
}
