// What every command needs, built once from the common options and passed down (no singletons).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Engine } from '../engine/engine.js';
import type { Manifest } from '../manifest/model.js';

export interface GlobalOptions {
  file: string;
  projectName?: string;
  json: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as { file?: string; projectName?: string; json?: boolean };
  return { file: o.file ?? 'hitch.yaml', projectName: o.projectName, json: o.json ?? false };
}

/** A missing manifest says where hitch looked and how to point it elsewhere (it exits 2, as for usage). */
async function missingManifest(file: string): Promise<Error> {
  const { ManifestError } = await import('../manifest/index.js');
  // the problem's own `file:1:1:` already says where hitch looked
  const message = 'no manifest here: run hitch in the folder of your hitch.yaml, or name it with -f FILE (down, ps, logs, exec, port and restart also take -p NAME instead)';
  return new ManifestError([{ file, line: 1, col: 1, message }]);
}

export async function loadFrom(o: GlobalOptions): Promise<Manifest> {
  const { loadManifest } = await import('../manifest/index.js');
  const file = resolve(o.file);
  if (!existsSync(file)) throw await missingManifest(file);
  const { manifest, warnings } = await loadManifest({ file, project: o.projectName, env: process.env });
  for (const w of warnings) process.stderr.write(`${w.file}:${w.line}:${w.col}: warning: ${w.message}\n`);
  return manifest;
}

/** The project to act on without needing a valid manifest: -p wins, else the manifest's name. */
export async function projectFrom(o: GlobalOptions): Promise<string> {
  if (o.projectName) return o.projectName;
  return (await loadFrom(o)).project;
}

/** No ping first: every engine call already turns an unreachable engine into one clear message. */
export async function openEngine(): Promise<Engine> {
  const { DockerEngine } = await import('../engine/docker-engine.js');
  return new DockerEngine();
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
