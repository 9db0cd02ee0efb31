// User mistakes in a manifest are values with a position, never thrown strings or stack traces.
import type { SourcePos } from './model.js';
import { UsageError } from '../user-error.js';

export interface Problem {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** Text shown as is in a message, or quoted when a control character would break the line. */
export function printable(text: string): string {
  return /[\x00-\x1f\x7f]/.test(text) ? JSON.stringify(text) : text;
}

/** Sorted by file, then position, then message; duplicates dropped, so output is the same on every run. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      cmp(a.file, b.file) || a.line - b.line || a.col - b.col || cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The only error a user mistake in a manifest ever throws; it carries every problem found, and the
 * warnings of the same run: an unset variable is often why a value is invalid (`image: ${IMG}` → "image
 * must not be empty"), so dropping the warning would hide the cause. A UsageError (so a UserError): a
 * script tells a mistake from a bug by one `instanceof`, and the CLI exits 2 for it, as for usage.
 */
export class ManifestError extends UsageError {
  readonly problems: Problem[];
  readonly warnings: Problem[];

  constructor(problems: readonly Problem[], warnings: readonly Problem[] = []) {
    const sorted = sortProblems(problems);
    const sortedWarnings = sortProblems(warnings);
    super(formatAll(sorted, sortedWarnings));
    this.name = 'ManifestError';
    this.problems = sorted;
    this.warnings = sortedWarnings;
  }

  /**
   * One `file:line:col: message` per line, warnings marked `warning:` as the CLI prints them on a valid
   * manifest; in order of position, a warning before an error at the same place, so the cause comes first.
   */
  format(): string {
    return formatAll(this.problems, this.warnings);
  }
}

function formatAll(problems: readonly Problem[], warnings: readonly Problem[]): string {
  const marked = warnings.map((w) => ({ ...w, message: `warning: ${w.message}`, warning: true }));
  const lines = [...marked, ...problems.map((p) => ({ ...p, warning: false }))];
  lines.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.col - b.col || Number(b.warning) - Number(a.warning));
  return lines.map(formatProblem).join('\n');
}

/** Collects problems and warnings while the pipeline runs, so that every phase reports all it finds. */
export class Report {
  readonly problems: Problem[] = [];
  readonly warnings: Problem[] = [];

  error(pos: SourcePos, message: string): void {
    this.problems.push({ ...pos, message });
  }

  warn(pos: SourcePos, message: string): void {
    this.warnings.push({ ...pos, message });
  }
}
