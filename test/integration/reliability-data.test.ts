// Issue 7, data: a named volume outlives every config change and `down`; only `down -v` removes it,
// and on a terminal only once the user says yes (or passed --yes).
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, execIn, FIXTURES, hitch, hitchOk, labelled, requireEngine, ROOT, until } from './helpers.js';

const FILE = `${FIXTURES}/reliability-data/hitch.yaml`;
const P = 'it-rel-data';
const VOLUME = `${P}_data`;
const PROMPT = `Remove volumes ${VOLUME} of project ${P}? Their data will be lost. [y/N] `;

/** `hitch ARGS` on a pseudo-terminal (util-linux `script`), typing `answer` once the prompt shows. */
function onTerminal(args: string[], answer?: string): Promise<{ code: number | null; output: string }> {
  const line = ['node', `${ROOT}/bin/hitch.js`, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', line, '/dev/null'], { env: { ...process.env, CI: 'true' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (answer !== undefined && output.endsWith(PROMPT)) child.stdin.write(`${answer}\n`);
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      child.stdin.destroy();
      resolve({ code, output: output.replace(/\r\n/g, '\n') });
    });
  });
}

async function upWith(env: Record<string, string>): Promise<string[]> {
  const res = await hitchOk(['-f', FILE, '--json', 'up'], env);
  return JSON.parse(res.stdout).summary.recreated;
}

/** What the service logged into its volume (a line per start), once it has `lines` lines. */
async function volumeLog(lines: number): Promise<string> {
  return until(`${lines} lines in the store's log`, async () => {
    const res = await execIn(`${P}-store`, ['cat', '/data/log']);
    return res.exitCode === 0 && res.output.split('\n').length > lines ? res.output : undefined;
  });
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-f', FILE, 'down', '-v', '--yes']);
  await hitchOk(['-f', FILE, 'up']);
});

afterAll(async () => {
  await hitchOk(['-f', FILE, 'down', '-v', '--yes']);
});

describe('a named volume', () => {
  it('keeps its content when the service container is recreated (env changed)', async () => {
    expect(await upWith({ REL_GREETING: 'again' })).toEqual(['store']);
    expect(await volumeLog(2)).toBe('hello\nagain\n');
  });

  it('keeps its content when the sandbox is recreated too (exposed port changed)', async () => {
    expect(await upWith({ REL_GREETING: 'again', REL_EXPOSE: '7001' })).toEqual(['store']);
    expect(await volumeLog(3)).toBe('hello\nagain\nagain\n');
  });

  it('survives down and is used again by the next up', async () => {
    await hitchOk(['-f', FILE, 'down']);
    expect(await labelled(P)).toEqual({ containers: [], networks: [], volumes: [VOLUME] });
    await hitchOk(['-f', FILE, 'up']);
    expect(await volumeLog(4)).toBe('hello\nagain\nagain\nhello\n');
  });
});

describe('down -v on a terminal', () => {
  it('asks first, and removes nothing when the answer is not yes', async () => {
    const res = await onTerminal(['-f', FILE, 'down', '-v'], 'n');
    expect(res).toEqual({
      code: 1,
      output:
        `${PROMPT}n\nhitch: kept the volumes of project ${P}: nothing removed\n` +
        `  to fix: run \`hitch -f ${FILE} down\` to keep them, or \`hitch -f ${FILE} down -v --yes\` to remove them without asking\n`,
    });
    expect(await volumeLog(4)).toBe('hello\nagain\nagain\nhello\n');
  });

  it('removes the volume once the answer is yes', async () => {
    const res = await onTerminal(['-f', FILE, 'down', '-v'], 'y');
    expect({ code: res.code, first: res.output.split('\n')[0] }).toEqual({ code: 0, first: `${PROMPT}y` });
    expect(await labelled(P)).toEqual({ containers: [], networks: [], volumes: [] });
  });

  it('does not ask with --yes', async () => {
    await hitchOk(['-f', FILE, 'up']);
    const res = await onTerminal(['-f', FILE, 'down', '-v', '--yes']);
    expect({ code: res.code, asked: res.output.includes(PROMPT) }).toEqual({ code: 0, asked: false });
    expect(await labelled(P)).toEqual({ containers: [], networks: [], volumes: [] });
    await expect(docker.getVolume(VOLUME).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
