// A TypeScript user of the library who has no @types/node of their own (`"types": []`, no DOM): the
// package's declarations, emitted from src as `npm run build` emits them, installed beside the
// package's dependencies only (never its devDependencies), type-check in their program, checked in full.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

// what a user touches: every function and error, the types of their options and results, an engine of their own
const CONSUMER = `
import { down, EngineUnreachableError, load, ManifestError, plan, planText, up, type Engine, type UpResult } from 'hitch';
import { requireLink } from 'hitch/client';

export async function converge(file: string, engine?: Engine): Promise<UpResult | string> {
  try {
    const manifest = await load(file);
    const planned = planText(await plan(manifest, { engine }));
    const result = await up(manifest, { engine, onEvent: (e) => void e });
    await down(manifest, { engine });
    return result.ok ? result : planned;
  } catch (err) {
    if (err instanceof EngineUnreachableError) return err.address;
    if (err instanceof ManifestError) return err.format();
    throw err;
  }
}

export const db: string = requireLink('db').url;
`;

const folder = mkdtempSync(join(tmpdir(), 'hitch-consumer-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** node_modules/hitch as npm installs it: package.json, the declarations, and the dependencies it declares. */
function install(): void {
  const hitch = join(folder, 'node_modules', 'hitch');
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const emitted = ts.createProgram(config.fileNames, { ...config.options, outDir: join(hitch, 'dist'), emitDeclarationOnly: true, sourceMap: false }).emit();
  expect(emitted.diagnostics).toEqual([]);
  writeFileSync(join(hitch, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  for (const name of Object.keys(PACKAGE.dependencies)) {
    const at = join(hitch, 'node_modules', name);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), at);
  }
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(folder, 'consumer.ts'), CONSUMER);
}

it('a program without @types/node of its own type-checks against the declarations, in full (no skipLibCheck)', () => {
  install();
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: false,
  };
  // run from the user's folder, as their tsc would: from here, types would be found in hitch's own node_modules
  const host = { ...ts.createCompilerHost(options), getCurrentDirectory: () => folder };
  const program = ts.createProgram([join(folder, 'consumer.ts')], options, host);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? d.file.fileName.slice(folder.length + 1) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  expect(problems).toEqual([]);
}, 60_000);
