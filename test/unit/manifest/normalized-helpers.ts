// Shared by the `hitch config` tests: a model → its normalized YAML → read again as if written over the
// manifest (same file, so relative paths mean the same) → what came back, for whole-value assertions.
import { expect } from 'vitest';
import { parseManifest, type Manifest, type Problem } from '../../../src/manifest/index.js';
import { normalizedYaml } from '../../../src/manifest/normalized.js';
import { schemaErrors } from '../../../src/manifest/schema.js';
import { yamlLib } from '../../../src/manifest/yaml-document.js';
import { buildPathsExist } from './helpers.js';

export interface RoundTrip {
  yaml: string;
  before: unknown; // the model, without source positions
  after: unknown;
  schemaErrors: unknown[]; // links.schema.json on the YAML as written, as an editor validates it
  warnings: Problem[];
  yamlAgain: string; // the second model's normalized YAML
}

/** Reads the YAML back with an empty environment and no files (build paths all there): the output may not depend on either. */
export function roundTrip(manifest: Manifest): RoundTrip {
  const yaml = normalizedYaml(manifest);
  const again = parseManifest(yaml, { file: manifest.file, env: {}, readFile: () => undefined, pathKind: buildPathsExist });
  return {
    yaml,
    before: withoutPos(manifest),
    after: withoutPos(again.manifest),
    schemaErrors: schemaErrors(yamlLib().parse(yaml)),
    warnings: again.warnings,
    yamlAgain: normalizedYaml(again.manifest),
  };
}

/** The model comes back whole, the text is a valid manifest, and normalizing is idempotent. */
export function expectRoundTrip(manifest: Manifest): void {
  const r = roundTrip(manifest);
  expect(r.after).toStrictEqual(r.before);
  expect(r.schemaErrors).toEqual([]);
  expect(r.warnings).toEqual([]);
  expect(r.yamlAgain).toBe(r.yaml);
}

/** The model without `pos` (a SourcePos; an env key named "pos" stays). */
export function withoutPos(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutPos);
  if (typeof v !== 'object' || v === null) return v;
  const kept = Object.entries(v).filter(([k, x]) => !(k === 'pos' && isSourcePos(x)));
  return Object.fromEntries(kept.map(([k, x]) => [k, withoutPos(x)]));
}

function isSourcePos(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'file' in v && 'line' in v && 'col' in v;
}
