// Wall-clock timing of whole commands, the machine's CPU they cost, and the statistics the report prints.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Busy CPU time of the whole machine so far (ms): a command's own process plus the engine's work for it. */
function busyCpuMs() {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  const msPerTick = 10; // USER_HZ is 100 on Linux; idle and iowait are not busy
  return (user + nice + system + irq + softirq + steal) * msPerTick;
}

/**
 * Runs a command, returns { ms, cpuMs }. `tolerate`: a failure whose stderr matches is measured anyway and
 * flagged (`failed`), for a peer's known engine bug that must not cost the whole case.
 */
export function measureCommand(cmd, args, opts = {}) {
  const { tolerate, ...spawnOpts } = opts;
  const cpuBefore = busyCpuMs();
  const started = process.hrtime.bigint();
  // stdout is discarded (a 1000-service plan is megabytes): what is timed is the work, not a pipe's buffer
  const res = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'], ...spawnOpts });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = busyCpuMs() - cpuBefore;
  if (res.status === 0) return { ms, cpuMs };
  if (tolerate?.test(res.stderr ?? '')) return { ms, cpuMs, failed: (res.stderr ?? '').trim().split('\n').pop() };
  throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}):\n${(res.stderr ?? '').slice(-2000)}`);
}

export function timeCommand(cmd, args, opts = {}) {
  return measureCommand(cmd, args, opts).ms;
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
