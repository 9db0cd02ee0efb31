// The closing lines of `up` and `down`.
import type { Summary } from '../api/summary.js';

function list(label: string, names: string[]): string | undefined {
  return names.length ? `${label} ${names.length} (${names.join(', ')})` : undefined;
}

export function summaryText(verb: string, project: string, s: Summary): string {
  const parts = [
    list('created', s.created),
    list('recreated', s.recreated),
    list('started', s.started),
    list('unchanged', s.unchanged),
    list('removed', s.removed),
  ].filter(Boolean);
  const lines = [`${verb} ${project} in ${(s.elapsedMs / 1000).toFixed(1)}s: ${parts.join(', ') || 'nothing to do'}`];
  if (s.orphans.length) lines.push(`orphans (not in the manifest): ${s.orphans.join(', ')}; remove them with \`hitch up --remove-orphans\` or \`hitch down\``);
  for (const f of s.failed) lines.push(`failed: ${f.service} (${f.action}): ${f.error}`);
  return lines.join('\n');
}
