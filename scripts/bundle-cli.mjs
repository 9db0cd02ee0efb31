// Part of `npm run build`, after tsc: the CLI (dist/cli/main.js and the hitch modules it reaches) as a few
// files in dist/cli-bundle, which bin/hitch.js runs. Node loads each of the ~100 small modules of dist/
// on its own (resolve, read, parse, link): about 40 ms of a 250 ms no-op `up` (README "Performance").
// Packages stay outside (dockerode's deferred modules, src/engine/dockerode.ts, rely on Node's require
// cache), and each dynamic import stays a separate chunk, still loaded only when needed. The library
// (dist/index.js, dist/client) is not bundled.
//
// The bundle sits two folders down, like every module that finds a package file from its own URL
// (links.schema.json, package.json, images/sandbox, the precompiled validator): from src/<stage>/,
// dist/<stage>/ and dist/cli-bundle/ alike, `../../` is the package root. A unit test keeps it so.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outdir = fileURLToPath(new URL('../dist/cli-bundle', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
