// `hitch convert FILE`: the compose file's bytes, read as `hitch validate` reads a manifest (UTF-8 or a
// problem with its position), and the `.env` beside it, which compose and hitch both interpolate with.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { dotenvBeside } from '../manifest/index.js';
import { utf8 } from '../manifest/utf8.js';
import { UsageError } from '../user-error.js';
import { convertCompose, type ConvertOptions, type Converted } from './index.js';

/** `opts.file` is the compose file as the user named it: messages and warnings use that spelling. */
export async function convertComposeFile(opts: Omit<ConvertOptions, 'dotenv'>): Promise<Converted> {
  const path = resolve(opts.file);
  const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${opts.file}: ${err.code ?? err.message}`, 'give the path of a docker-compose.yml');
  });
  return convertCompose(utf8(opts.file, bytes), { ...opts, dotenv: await dotenvBeside(path) });
}
