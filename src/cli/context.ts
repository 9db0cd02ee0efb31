// What every command needs, built once from the common options and passed down (no singletons).
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProjectScope } from '../api/lookup.js';
import type { Engine } from '../engine/engine.js';
import { findManifest, MANIFEST_NAME, STDIN } from '../manifest/location.js';
import type { Manifest } from '../manifest/model.js';
import type { Problem } from '../manifest/problems.js';
import type { Lookup } from '../manifest/template.js';
import { UsageError } from '../user-error.js';
import { commandLine } from './command-line.js';

export interface GlobalOptions {
  file?: string; // -f; undefined: the nearest hitch.yaml (manifestFile)
  projectName?: string;
  json: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as { file?: string; projectName?: string; json?: boolean };
  return { file: o.file, projectName: o.projectName, json: o.json ?? false };
}

const ELSEWHERE = 'down, ps, logs, exec, port, restart and stop also take -p NAME instead';

/** A missing manifest: where hitch looked and how to point it elsewhere (exit 2, as for usage). */
function missingManifest(message: string, remedy: string): UsageError {
  return new UsageError(message, `${remedy} (${ELSEWHERE})`);
}

/** -f's file (`-` for stdin), else the nearest hitch.yaml from the current folder up (location.ts). */
async function manifestFile(o: GlobalOptions): Promise<string> {
  if (o.file === STDIN) return STDIN;
  if (o.file !== undefined) {
    const file = resolve(o.file);
    if (!existsSync(file)) throw missingManifest(`no manifest at ${file}`, 'check the path given to -f, or pipe the manifest in with -f -');
    if (statSync(file).isDirectory()) throw missingManifest(`${file} is a folder, not a manifest`, `name the manifest in it, like -f ${join(o.file, MANIFEST_NAME)}`);
    return file;
  }
  const found = findManifest(resolve(), existsSync);
  if (found === undefined) {
    throw missingManifest(`no ${MANIFEST_NAME} in ${resolve()} or a folder above`, `run hitch in the folder of your ${MANIFEST_NAME} or below it, or name it with -f FILE`);
  }
  return found;
}

export async function loadFrom(o: GlobalOptions): Promise<Manifest> {
  const { loadManifest } = await import('../manifest/index.js');
  const file = await manifestFile(o);
  const { manifest, warnings } = await loadManifest({ file, project: o.projectName, env: process.env });
  printWarnings(warnings);
  return manifest;
}

export function printWarnings(warnings: readonly Problem[]): void {
  for (const w of warnings) process.stderr.write(`${w.file}:${w.line}:${w.col}: warning: ${w.message}\n`);
}

/**
 * Where a bare `-e KEY` takes its value, as in compose v2's `exec`: hitch's environment, then the `.env`
 * of the project folder: -f's (the file itself need not exist under -p), else the nearest manifest's
 * (none found under -p: hitch's environment alone). Without -p the manifest was loaded, its `.env`'s
 * warnings said then; under -p they are said here.
 */
export async function commandLineEnv(o: GlobalOptions): Promise<Lookup> {
  const { commandLineLookup } = await import('../manifest/index.js');
  const file = o.file ?? (await manifestFile(o).catch(() => undefined)); // only its folder is read (manifestPlace)
  const { lookup, warnings } = await commandLineLookup(file, process.env);
  if (o.projectName) printWarnings(warnings);
  return lookup;
}

/**
 * `hitch` with the options that name the project as the user gave them, for the commands remedies give
 * (ProjectScope.invocation), so that they work when pasted: `-f FILE` unless it is the manifest hitch finds
 * without it, and `-p NAME`, each written as typed.
 */
export function hitchAsGiven(o: GlobalOptions): string {
  const found = o.file === undefined || (o.file !== STDIN && resolve(o.file) === findManifest(resolve(), existsSync));
  return commandLine([...(found ? [] : ['-f', o.file!]), ...(o.projectName !== undefined ? ['-p', o.projectName] : [])]);
}

/** The project to act on without needing a valid manifest: -p wins, else the manifest's name. */
export async function projectFrom(o: GlobalOptions): Promise<string> {
  return (await scopeFrom(o)).name;
}

/**
 * The project and the services its manifest declares, for the commands that take service names. Under
 * -p no manifest is read (it may be another project's, or none): the engine's services are then all
 * that is known.
 */
export async function scopeFrom(o: GlobalOptions): Promise<ProjectScope> {
  return (await scopeAndManifest(o)).scope;
}

/** scopeFrom, with the manifest it read (none under -p): `restart` learns from it what ready is. */
export async function scopeAndManifest(o: GlobalOptions): Promise<{ scope: ProjectScope; manifest?: Manifest }> {
  if (o.projectName) return { scope: { name: o.projectName, invocation: hitchAsGiven(o) } };
  const manifest = await loadFrom(o);
  return { scope: { name: manifest.project, declared: Object.keys(manifest.services), invocation: hitchAsGiven(o) }, manifest };
}

/** No ping first: every engine call already turns an unreachable engine into one clear message. */
export async function openEngine(): Promise<Engine> {
  const { DockerEngine } = await import('../engine/docker-engine.js');
  return new DockerEngine();
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
