// The closing lines of `up` and `down`: one line of counts, then orphans, then each failure with its
// cause and last log lines, then who was not started because of it.
import type { Summary } from '../api/summary.js';
import { hitchCommand, type Invocation } from '../plan/hitch-command.js';

function list(label: string, names: string[]): string | undefined {
  return names.length ? `${label} ${names.length} (${names.join(', ')})` : undefined;
}

export function summaryText(verb: string, project: string, s: Summary, hitch: Invocation): string {
  const parts = [
    list('created', s.created),
    list('recreated', s.recreated),
    list('restarted', s.restarted),
    list('started', s.started),
    list('rules updated', s.rulesUpdated),
    list('unchanged', s.unchanged),
    list('removed', s.removed),
    list('network removed', s.networksRemoved),
    list('volumes removed', s.volumesRemoved),
    list('failed', s.failed.map((f) => f.service)),
    list('not started', s.notStarted.map((n) => n.service)),
  ].filter(Boolean);
  const lines = [`${verb} ${project} in ${(s.elapsedMs / 1000).toFixed(1)}s: ${parts.join(', ') || 'nothing to do'}`];
  if (s.orphans.length) lines.push(`orphans (not in the manifest): ${s.orphans.join(', ')}; remove them with \`${hitchCommand(hitch, 'up --remove-orphans')}\` or \`${hitchCommand(hitch, 'down')}\``);
  for (const f of s.failed) {
    lines.push(`failed: ${f.service} (${f.action}): ${f.error}`);
    if (f.remedy) lines.push(`  to fix: ${f.remedy}`);
    if (f.logs.length) lines.push(`  last log lines of ${f.service}:`, ...f.logs.map((l) => `  | ${l}`));
  }
  for (const n of s.notStarted) lines.push(`not started: ${n.service}, because ${n.waitsFor} failed`);
  return lines.join('\n');
}
