// Shared by the convergence scenarios: manifests written to temp dirs, container-ID maps, and the
// engine's event stream, which is what proves that a command changed nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { docker, ROOT } from './helpers.js';

export type ServiceYaml = Record<string, unknown>;

/** Writes a manifest for `project` (with `top`'s project-wide keys: link_env…) and returns its path; every scenario gets its own folder. */
export async function writeManifest(project: string, services: Record<string, ServiceYaml>, top: Record<string, unknown> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${project}-`));
  const file = join(dir, 'hitch.yaml');
  await writeFile(file, stringify({ name: project, ...top, services }));
  return file;
}

/** container name → id, for every container of the project (service containers and sandboxes). */
export async function containerIds(project: string): Promise<Record<string, string>> {
  const list = await docker.listContainers({ all: true, filters: { label: [`io.hitch.project=${project}`] } });
  return Object.fromEntries(list.map((c) => [c.Names[0]!.slice(1), c.Id]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}

/** The names whose container is new, gone or another one, sorted. */
export function changedNames(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).sort();
}

export async function startedAt(container: string): Promise<string> {
  return (await docker.getContainer(container).inspect()).State.StartedAt;
}

export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
}

/** Engine time, so event windows never depend on two clocks agreeing. */
async function engineNow(): Promise<number> {
  const info = (await docker.info()) as { SystemTime: string };
  return Date.parse(info.SystemTime) / 1000;
}

/** Every event the engine reports for the project while `work` runs, in order. */
export async function eventsDuring(project: string, work: () => Promise<unknown>): Promise<EngineEvent[]> {
  const since = await engineNow();
  await work();
  const until = (await engineNow()) + 0.001;
  // fractional seconds as strings, which the engine takes and the typings (numbers) do not describe
  const stream = await docker.getEvents({ since: since.toFixed(6), until: until.toFixed(6) } as unknown as { since: number; until: number });
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
  const events = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as EngineEvent);
  const ours = (e: EngineEvent) =>
    e.Actor.Attributes['io.hitch.project'] === project ||
    (e.Type === 'network' && e.Actor.Attributes.name === `${project}-hitch`) ||
    (e.Type === 'volume' && e.Actor.ID.startsWith(`${project}_`));
  return events.filter(ours);
}

/**
 * The changes among `events`, as sorted unique "type action name" lines. Reads are left out: exec
 * events, and attach (readiness probes go through a parent sandbox's attached stdin).
 */
export function changes(events: EngineEvent[]): string[] {
  const lines = events.filter((e) => !e.Action.startsWith('exec_') && e.Action !== 'attach').map((e) => `${e.Type} ${e.Action} ${e.Actor.Attributes.name ?? e.Actor.ID}`);
  return [...new Set(lines)].sort();
}

/** Runs `work` and returns every change the engine reports for the project meanwhile (see `changes`). */
export async function changesDuring(project: string, work: () => Promise<unknown>): Promise<string[]> {
  return changes(await eventsDuring(project, work));
}

/** `hitch ARGS` in the background, for the scenarios that interrupt it or run two at once. */
export function spawnHitch(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn('node', [`${ROOT}/bin/hitch.js`, ...args], { env: { ...process.env, CI: 'true' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Names of everything left on the engine under the project's labels, the lock's included. */
export async function leftovers(project: string): Promise<string[]> {
  const filters = (label: string) => ({ filters: { label: [`${label}=${project}`] } });
  const [containers, locks, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, ...filters('io.hitch.project') }),
    docker.listContainers({ all: true, ...filters('io.hitch.lock') }),
    docker.listNetworks(filters('io.hitch.project')),
    docker.listVolumes(filters('io.hitch.project')),
  ]);
  return [
    ...[...containers, ...locks].map((c) => `container ${c.Names[0]!.slice(1)}`),
    ...networks.map((n) => `network ${n.Name}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
  ].sort();
}
