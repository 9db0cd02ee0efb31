// How the convert tests run convertCompose: as if beside an empty env_file of any name and any build folder, with no
// variables set.
import { expect } from 'vitest';
import { ConvertError, convertCompose, type ConvertOptions } from '../../../src/convert/index.js';

export const HEADER = '# yaml-language-server: $schema=links.schema.json\n# Converted from docker-compose.yml by `hitch convert`.\n\n';

export type Options = Partial<ConvertOptions>;

/** What every converted file of format 2 on with more than one service is told, at `services:` (line 1 here). */
export const REACH =
  "1:1: in hitch a service reaches only the services it links to, where compose's default network let every service reach every other by name: each service's links must name every service it connects to";

/** A disk where every build context is a folder holding whatever Dockerfile is asked for (the loader asks for the context first). */
function anyBuildDisk(): NonNullable<Options['pathKind']> {
  const folders: string[] = [];
  return (path) => {
    if (folders.some((f) => path.startsWith(`${f}/`))) return 'file';
    folders.push(path);
    return 'directory';
  };
}

export function convert(text: string, opts: Options = {}) {
  return convertCompose(text, { file: 'docker-compose.yml', schemaRef: 'links.schema.json', readFile: () => '', pathKind: anyBuildDisk(), ...opts });
}

/** "line:col: message", with the file first when it is not the compose file. */
const lines = (ws: { file?: string; line: number; col: number; message: string }[]) => ws.map((w) => `${w.file === undefined ? '' : `${w.file}:`}${w.line}:${w.col}: ${w.message}`);

/** The converted text without its header, and the warnings as "line:col: message" (lines above). */
export function converted(text: string, opts: Options = {}): { yaml: string; warnings: string[] } {
  const { yaml, warnings } = convert(text, opts);
  expect(yaml.startsWith(HEADER)).toBe(true);
  return { yaml: yaml.slice(HEADER.length), warnings: lines(warnings) };
}

/** The problems ("file:line:col: message") that refuse the text, and the warnings printed before them. */
export function refused(text: string, opts: Options = {}): { problems: string[]; warnings: string[] } {
  try {
    convert(text, opts);
  } catch (e) {
    if (e instanceof ConvertError) return { problems: e.format().split('\n'), warnings: lines(e.dropped) };
    throw e;
  }
  throw new Error('converted, but should have been refused');
}
