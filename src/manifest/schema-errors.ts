// Phase 3b: ajv errors → problems a YAML user understands, at the offending node's line:col.
// compose-go's lesson: name the most specific problem, and say "mapping"/"list", not "object"/"array".
import type { ErrorObject } from 'ajv';
import { convertHint } from './compose-keys.js';
import type { SourcePos } from './model.js';
import type { Report } from './problems.js';
import { schemaErrors } from './schema.js';
import { specificMessage } from './schema-hints.js';
import { propertyName, unknownKey } from './schema-keys.js';
import { typeMessage } from './schema-types.js';
import { didYouMean } from './suggest.js';
import { fromPointer, pointer, scalarText, subject, valuePos, type Path, type Tree } from './tree.js';

/**
 * Validates and reports; returns the JSON pointers of every value that failed, so later phases skip them.
 * `explained`: values whose interpolation or type cast failed, reported already (casts.ts).
 */
export function validateTree(tree: Tree, report: Report, explained: ReadonlySet<string>): Set<string> {
  const failed = new Set<string>();
  const errors = schemaErrors(tree.root);
  const empty = new Set(errors.filter((e) => e.keyword === 'minLength').map((e) => e.instancePath));
  // a value YAML could not give (a !!binary) is reported where it stands and stands as its text, which
  // says nothing about the form the pattern wants: still failed (later phases skip it), not reported
  const reported = new Set(report.problems.filter((p) => p.message.startsWith('YAML:')).map((p) => `${p.file}:${p.line}:${p.col}`));
  const composeKeys: Described[] = [];
  for (const e of errors) {
    if (explained.has(e.instancePath)) continue; // its interpolation or cast error says enough
    if (e.keyword === 'pattern' && empty.has(e.instancePath)) continue; // "must not be empty" says enough
    const path = typedPath(tree.root, fromPointer(e.instancePath));
    const described = describe(e, path, tree);
    failed.add(pointer(failedPath(e, path)));
    if (described.composeKey) composeKeys.push(described);
    else if (e.keyword !== 'pattern' || !reported.has(`${described.at.file}:${described.at.line}:${described.at.col}`)) report.error(described.at, described.message);
  }
  reportComposeKeys(tree, report, composeKeys);
  return failed;
}

export interface Described {
  at: SourcePos;
  message: string;
  composeKey?: true; // a key of compose's that hitch does not read
}

/** compose's keys, the first of them (in the file's order) with `hitch convert` when the file is evidently compose's. */
function reportComposeKeys(tree: Tree, report: Report, problems: Described[]): void {
  const hint = convertHint(tree);
  const first = problems.reduce<Described | undefined>((a, p) => (a === undefined || p.at.line < a.at.line || (p.at.line === a.at.line && p.at.col < a.at.col) ? p : a), undefined);
  for (const p of problems) report.error(p.at, p === first && hint ? p.message + hint : p.message);
}

/** List indices as numbers, so messages can say "ports entry" rather than "ports.1". */
function typedPath(root: unknown, segments: string[]): Path {
  let v = root;
  return segments.map((seg) => {
    const key = Array.isArray(v) ? Number(seg) : seg;
    v = (v as Record<string | number, unknown> | undefined)?.[key];
    return key;
  });
}

/**
 * What later phases must not look at. A bad key or a missing one at the top level or in a service
 * spoils only that key, so links and ports of the service are still checked; deeper down (a port's
 * long form, a healthcheck) the whole mapping is skipped, as is a mount whose `type` is refused.
 */
function failedPath(e: ErrorObject, path: Path): Path {
  const params = e.params as { additionalProperty?: string; propertyName?: string };
  const key = params.additionalProperty ?? params.propertyName;
  const shallow = path.length === 0 || (path.length === 2 && path[0] === 'services');
  if (key !== undefined && (shallow || params.propertyName !== undefined)) return [...path, key];
  if (shallow && (e.keyword === 'required' || e.keyword === 'requiredOneOf')) return [...path, '\0missing'];
  // a mount's refused `type` hides what else it misses (schema.ts): none of it may be read
  if (e.keyword === 'enum' && path[path.length - 1] === 'type') return path.slice(0, -1);
  return path;
}

function describe(e: ErrorObject, path: Path, tree: Tree): Described {
  const at = valuePos(tree, path);
  const params = e.params as Record<string, unknown>;
  const specific = specificMessage(e, path, subject(path), tree);
  if (specific !== undefined) return { at, message: specific };
  switch (e.keyword) {
    case 'type':
      return { at, message: typeMessage(e, path, tree) };
    case 'additionalProperties':
      return unknownKey(String(params.additionalProperty), path, e, tree);
    case 'required':
      return { at, message: `${subject(path)} is missing "${String(params.missingProperty)}"` };
    case 'requiredOneOf':
      return { at, message: `${subject(path)} needs ${(params.missing as string[]).map((k) => `"${k}"`).join(' or ')}` };
    case 'anyOf':
    case 'oneOf':
      return { at, message: `${subject(path)} does not match any accepted form` };
    case 'enum':
      return { at, message: `${subject(path)} ${JSON.stringify(e.data)} is not allowed; use ${(e.schema as unknown[]).map((v) => JSON.stringify(v)).join(' or ')}${didYouMean(e.data, (e.schema as unknown[]).map(String))}` };
    case 'pattern':
      return { at, message: `${subject(path)} ${JSON.stringify(e.data)} ${patternMessage(e)}` };
    case 'minLength':
      return { at, message: `${subject(path)} must not be empty` };
    case 'minProperties':
      return { at, message: `${subject(path)} must have at least one entry` };
    case 'minimum':
      return { at, message: `${subject(path)} must be at least ${String(params.limit)}, not ${scalarText(tree, path, e.data)}` };
    case 'maximum':
      return { at, message: `${subject(path)} must be at most ${String(params.limit)}, not ${scalarText(tree, path, e.data)}` };
    case 'propertyNames':
      return propertyName(String(params.propertyName), path, tree);
    default:
      return { at, message: `${subject(path)} ${e.message ?? 'is invalid'}` };
  }
}

function patternMessage(e: ErrorObject): string {
  const custom = (e.parentSchema as { patternErrorMessage?: string }).patternErrorMessage;
  return custom ?? `does not match ${String((e.params as { pattern: string }).pattern)}`;
}
