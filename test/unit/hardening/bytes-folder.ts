// A file of given bytes (and maybe a `.env` beside it) in a fresh folder of its own, and what reading it
// ends in: what `read` returns, or the problems it throws, with the folder left out of their paths.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ManifestError } from '../../../src/manifest/index.js';

/** Call in a describe: its folders are removed after it. */
export function bytesFolder(prefix: string): (name: string, bytes: Uint8Array, dotenv: Uint8Array | undefined, read: (file: string) => Promise<string>) => Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return async (name, bytes, dotenv, read) => {
    const sub = mkdtempSync(join(dir, 'f'));
    writeFileSync(join(sub, name), bytes);
    if (dotenv) writeFileSync(join(sub, '.env'), dotenv);
    try {
      return await read(join(sub, name));
    } catch (e) {
      if (!(e instanceof ManifestError)) throw e;
      return e.format().replaceAll(sub + '/', '');
    }
  };
}
