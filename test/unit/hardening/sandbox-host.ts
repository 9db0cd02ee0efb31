// The host side of the hitch-sandbox script tests: the script, the shells it runs under, a scratch folder, fake tools.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const SCRIPT = fileURLToPath(new URL('../../../images/sandbox/hitch-sandbox', import.meta.url));
export const SHELLS: [string, string[]][] = [
  ['dash', ['dash']],
  ['busybox sh', ['busybox', 'sh']],
];

/** A folder removed after the test file, with where fakes log (LOG) and where an injected command marks (MARK). */
export function scratch(): { dir: string; LOG: string; MARK: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hitch-sandbox-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, LOG: join(dir, 'calls.log'), MARK: join(dir, 'injected') }; // a hostile argument that ran would create MARK
}

/** Writes an executable fake of each tool into `bin` (to go first on PATH), its script made by `script`. */
export function fakeTools(bin: string, tools: string[], script: (tool: string) => string): void {
  mkdirSync(bin, { recursive: true });
  for (const tool of tools) {
    writeFileSync(join(bin, tool), script(tool));
    chmodSync(join(bin, tool), 0o755);
  }
}

/** The lines the fakes logged, or none when nothing was called. */
export function loggedCalls(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l !== '') : [];
}
