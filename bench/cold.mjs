// Start-up cost and planning of a large manifest: no containers involved.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hitchYaml, stack } from './stack.mjs';
import { median, timeCommand } from './timing.mjs';

export function coldStartTimes(hitchBin, runs) {
  const h = [];
  const c = [];
  for (let i = 0; i < runs; i++) {
    h.push(timeCommand('node', [hitchBin, '--version']));
    c.push(timeCommand('docker-compose', ['version']));
  }
  return { hitch: median(h), compose: median(c) };
}

/** `validate` and `plan` of a generated 1000-service manifest (plan observes an engine with none of it). */
export function bigManifestTimes(hitchBin, dir, runs) {
  const file = join(dir, 'big.yaml');
  // 1000 services need more than the default /24.
  writeFileSync(file, hitchYaml('bench-big', stack(1000, 10), undefined, '10.214.0.0/20'));
  const v = [];
  const p = [];
  for (let i = 0; i < runs; i++) {
    v.push(timeCommand('node', [hitchBin, '-f', file, 'validate']));
    p.push(timeCommand('node', [hitchBin, '-f', file, 'plan']));
  }
  return { validate: median(v), plan: median(p) };
}
