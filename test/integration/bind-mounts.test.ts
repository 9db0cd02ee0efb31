// Bind mounts on a real engine, as compose's short form behaves: a host folder that does not exist yet is
// made (a fresh checkout's `./data`), a read-only one cannot be written, and what the service writes is
// on the host.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execIn, hitch, hitchOk, requireEngine } from './helpers.js';
import { writeManifest } from './convergence-helpers.js';

const P = 'it-binds';
let file: string;
let dir: string;

beforeAll(async () => {
  await requireEngine();
  file = await writeManifest(P, {
    app: {
      image: 'hitch-test/busybox:1',
      command: ['sleep', '100000'],
      stop_signal: 'SIGKILL',
      volumes: ['./data:/data', './conf:/etc/app:ro'],
    },
  });
  dir = dirname(file);
  await mkdir(join(dir, 'conf'));
  await writeFile(join(dir, 'conf', 'app.conf'), 'mode=test\n');
  await hitch(['-f', file, 'down']);
  await hitchOk(['-f', file, 'up']);
});

afterAll(async () => {
  await hitch(['-f', file, 'down']);
});

describe('bind mounts', () => {
  it('a host folder that did not exist is made, and what the service writes there is on the host', async () => {
    expect((await stat(join(dir, 'data'))).isDirectory()).toBe(true);
    expect(await execIn(`${P}-app`, ['sh', '-c', 'echo hello > /data/out.txt'])).toEqual({ exitCode: 0, output: '' });
    expect(await readFile(join(dir, 'data', 'out.txt'), 'utf8')).toBe('hello\n');
  });

  it('a read-only folder is read, not written', async () => {
    expect(await execIn(`${P}-app`, ['cat', '/etc/app/app.conf'])).toEqual({ exitCode: 0, output: 'mode=test\n' });
    const write = await execIn(`${P}-app`, ['sh', '-c', 'echo x > /etc/app/new 2>&1']);
    expect([write.exitCode !== 0, write.output]).toEqual([true, 'sh: can\'t create /etc/app/new: Read-only file system\n']);
  });

  it('a second up changes nothing', async () => {
    const res = await hitchOk(['-f', file, '--json', 'up']);
    expect(JSON.parse(res.stdout).summary).toMatchObject({ created: [], recreated: [], unchanged: ['app'] });
  });
});
