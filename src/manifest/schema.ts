// Phase 3a: validate the interpolated tree against links.schema.json, the one definition of the
// format (editors read the same file). Returns ajv's errors with oneOf/anyOf noise removed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest } from './suggest.js';

const require = createRequire(import.meta.url);

// From src/manifest, dist/manifest or the CLI's bundle in dist/cli-bundle alike (each two levels down,
// see scripts/bundle-cli.mjs), the schema sits at the package root.
const SCHEMA_URL = new URL('../../links.schema.json', import.meta.url);
export const SCHEMA_FILE = fileURLToPath(SCHEMA_URL);

let compiled: ValidateFunction | undefined;

export function schema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

/**
 * The one ajv setup, used at run time from source and by scripts/precompile-schema.mjs for dist/. ajv
 * itself is loaded here only (~30 ms): a build validates with the precompiled code and ajv's runtime.
 */
export function schemaAjv(code?: { source: boolean }): Ajv2020 {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  // verbose: errors carry the failing value and its schema, which the messages need.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, code });
  ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' }); // VS Code / yaml-language-server annotation
  return ajv;
}

/**
 * Written next to this file by `npm run build`; absent when running from source (the tests). Named from
 * its folder, so that the CLI's bundle, in a sibling folder, finds it too.
 */
export const PRECOMPILED = '../manifest/schema-validator.cjs';

// Compiling the schema costs ~90 ms on every command: a build ships it compiled.
function precompiled(): ValidateFunction | undefined {
  try {
    return require(PRECOMPILED) as ValidateFunction;
  } catch {
    return undefined;
  }
}

function validator(): ValidateFunction {
  compiled ??= precompiled() ?? schemaAjv().compile(schema());
  return compiled;
}

export function schemaErrors(data: unknown): ErrorObject[] {
  const validate = validator();
  if (validate(data)) return [];
  return withoutConsequences(withoutBranchNoise([...(validate.errors ?? [])]));
}

/**
 * One mistake, one error: a key missing from a mapping is not said when a misspelled key stands for it
 * (`Services:` is "unknown key; did you mean services?", not also "missing services"), nor when the
 * mapping's `type` is refused, since what else it needs depends on its type (a tmpfs mount has no source).
 */
function withoutConsequences(errors: ErrorObject[]): ErrorObject[] {
  const misspelled = new Map<string, string[]>();
  const refusedType = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'additionalProperties') {
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const meant = closest(String((e.params as { additionalProperty: string }).additionalProperty), allowed);
      if (meant !== undefined) misspelled.set(e.instancePath, [...(misspelled.get(e.instancePath) ?? []), meant]);
    }
    if (e.keyword === 'enum' && e.instancePath.endsWith('/type')) refusedType.add(e.instancePath.slice(0, -'/type'.length));
  }
  return errors.filter((e) => {
    const missing = e.keyword === 'required' ? [(e.params as { missingProperty: string }).missingProperty] : e.keyword === 'requiredOneOf' ? (e.params as { missing: string[] }).missing : [];
    if (missing.length === 0) return true;
    return !refusedType.has(e.instancePath) && !missing.some((k) => misspelled.get(e.instancePath)?.includes(k));
  });
}

/**
 * ajv reports every failing branch of a oneOf/anyOf, then the combinator itself. Branches whose
 * `type` does not match the value can only fail on `type` (every branch in our schema is typed), so
 * we drop those and keep what the matching branch says; if no branch matches, one type error
 * listing every accepted type remains. ajv emits a combinator's branch errors right before it.
 */
function withoutBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  for (let i = 0; i < errors.length; i++) {
    const c = errors[i]!;
    if (c.keyword === 'propertyNames') {
      // ajv reports the name's own failure (at the parent mapping) right before; one message is enough.
      while (i > 0 && errors[i - 1]!.instancePath === c.instancePath && errors[i - 1]!.keyword !== 'propertyNames') errors.splice(--i, 1);
      continue;
    }
    if (c.keyword !== 'oneOf' && c.keyword !== 'anyOf') continue;
    let start = i;
    while (start > 0 && isBranchError(errors[start - 1]!, c)) start--;
    const branches = errors.slice(start, i);
    const typeMisses = branches.filter((e) => e.keyword === 'type' && e.instancePath === c.instancePath);
    const kept = branches.filter((e) => !typeMisses.includes(e));
    const replacement = kept.length === 0 ? [unionTypeError(c, typeMisses)] : oneRequired(c, kept) ?? kept;
    errors.splice(start, i - start + 1, ...replacement);
    i = start + replacement.length - 1;
  }
  return errors;
}

function isBranchError(e: ErrorObject, c: ErrorObject): boolean {
  const under = e.instancePath === c.instancePath || e.instancePath.startsWith(c.instancePath + '/');
  const siblingType = e.keyword === 'type' && e.instancePath === c.instancePath && e.schemaPath === c.schemaPath.replace(/[^/]+$/, 'type');
  return under && !siblingType;
}

function unionTypeError(c: ErrorObject, misses: ErrorObject[]): ErrorObject {
  const types = misses.flatMap((e) => (e.params as { type: string | string[] }).type);
  return { ...c, keyword: 'type', params: { type: [...new Set(types)] } };
}

/** `anyOf: [{required: [image]}, {required: [build]}]` fails as one problem: "needs image or build". */
function oneRequired(c: ErrorObject, kept: ErrorObject[]): ErrorObject[] | undefined {
  if (kept.length < 2 || !kept.every((e) => e.keyword === 'required' && e.instancePath === c.instancePath)) return undefined;
  const missing = kept.map((e) => (e.params as { missingProperty: string }).missingProperty);
  return [{ ...c, keyword: 'requiredOneOf', params: { missing } }];
}

let imageReference: RegExp | undefined;

/** The schema's own pattern of an image reference, for a name the manifest does not write (a built image's). */
export function isImageReference(ref: string): boolean {
  imageReference ??= new RegExp(((schema().$defs as Defs).service.properties.image.pattern));
  return imageReference.test(ref);
}

type Defs = { service: { properties: { image: { pattern: string } } } };
