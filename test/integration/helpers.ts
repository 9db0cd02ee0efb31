// Shared by the integration tests: run the real `hitch` binary, read containers through dockerode.
// No engine means a loud failure, never a skip.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Docker from 'dockerode';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/stacks', import.meta.url));
export const docker = new Docker();

const execFileAsync = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string; // default: this process's
  input?: string; // written to hitch's stdin, then closed; without it stdin stays open and empty
}

export async function hitch(args: string[], env: Record<string, string> = {}, opts: CliOptions = {}): Promise<CliResult> {
  const running = execFileAsync('node', [`${ROOT}/bin/hitch.js`, ...args], {
    env: { ...process.env, ...env, CI: 'true' },
    maxBuffer: 16 * 1024 * 1024,
    cwd: opts.cwd,
  });
  if (opts.input !== undefined) running.child.stdin?.end(opts.input);
  try {
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Fails with the command's output, so a red test says why. */
export async function hitchOk(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const res = await hitch(args, env);
  if (res.code !== 0) throw new Error(`hitch ${args.join(' ')} exited ${res.code}\n${res.stdout}\n${res.stderr}`);
  return res;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command with `input` on its stdin; `during` lets a test act while it runs. */
export function run(cmd: string, args: string[], input?: string, during?: (out: () => string, child: ReturnType<typeof spawn>) => Promise<void>): Promise<Run> {
  const child = spawn(cmd, args, { env: { ...process.env, CI: 'true' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  if (input !== undefined) child.stdin.end(input);
  const exited = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return during ? during(() => stdout, child).then(() => exited) : exited;
}

export async function requireEngine(): Promise<void> {
  try {
    await docker.ping();
  } catch (err) {
    throw new Error(`integration tests need a Docker engine (run \`npm test\`, which starts one): ${(err as Error).message}`);
  }
}

export async function execIn(container: string, cmd: string[]): Promise<{ exitCode: number; output: string }> {
  const exec = await docker.getContainer(container).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  await new Promise((resolve) => stream.on('end', resolve));
  const { ExitCode } = await exec.inspect();
  return { exitCode: ExitCode ?? -1, output: Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n') };
}

/** The variables a container's main process was started with. */
export async function envOf(container: string): Promise<Record<string, string>> {
  const info = await docker.getContainer(container).inspect();
  return Object.fromEntries((info.Config.Env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

export function withPrefix(env: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b)));
}

export async function ipOf(sandbox: string, network: string): Promise<string> {
  const info = await docker.getContainer(sandbox).inspect();
  return info.NetworkSettings.Networks[network].IPAddress;
}

export async function labelled(project: string): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filters = { label: [`io.hitch.project=${project}`] };
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters }),
    docker.listNetworks({ filters }),
    docker.listVolumes({ filters }),
  ]);
  return {
    containers: containers.map((c) => c.Names[0].slice(1)).sort(),
    networks: networks.map((n) => n.Name).sort(),
    volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(),
  };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}
