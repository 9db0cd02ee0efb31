// Wall-clock timing of whole commands, and the statistics the report prints.
import { spawnSync } from 'node:child_process';

export function timeCommand(cmd, args, opts = {}) {
  const started = process.hrtime.bigint();
  // stdout is discarded (a 1000-service plan is megabytes): what is timed is the work, not a pipe's buffer
  const res = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'], ...opts });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}):\n${(res.stderr ?? '').slice(-2000)}`);
  return ms;
}

export async function timeAsync(work) {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
