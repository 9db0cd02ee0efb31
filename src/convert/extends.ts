// `extends`, resolved as compose resolves it (compose-go loader/extends.go): a service is the service it
// extends, itself resolved first, with its own fields merged on top (merge.ts). The base is a service of
// the same file, or of `file:`, read relative to the file that names it, whose relative paths (build
// context, env_file, bind mounts) compose resolves beside that file: convert rewrites them from the
// compose file's folder, where hitch will read them. A cycle is refused, named in full; every problem
// is told in the file where it is written.
import { dirname, join, resolve } from 'node:path';
import type { SourcePos } from '../manifest/model.js';
import { printable, Report } from '../manifest/problems.js';
import type { Lookup } from '../manifest/template.js';
import { keyPos, valuePos, type Path, type Tree } from '../manifest/tree.js';
import { decodeUtf8 } from '../manifest/utf8.js';
import { isObj, type Obj, type Value } from './fields.js';
import { extendService } from './merge.js';
import { within, type Origin } from './place.js';
import { readCompose } from './read.js';
import { rebased } from './rebase.js';
import type { Sourced } from './sourced.js';
import { expanded } from './variables.js';

/** A compose file read for its services. */
export interface ComposeFile {
  tree: Tree; // its `file` is the path as messages spell it
  services: Obj;
  servicesAt: Path;
  path: string; // absolute
}

export interface ExtendsContext {
  lookup: Lookup; // `file:` may hold variables
  readFile: (absPath: string) => Uint8Array | string | undefined;
  report: Report; // problems, in the file where each is written
  warn: (pos: SourcePos, message: string) => void;
}

/** What `extends` names: a service, and the file it is in when not this one. */
function reference(value: Value): { service: string; file?: string } | undefined {
  if (typeof value === 'string') return { service: value };
  if (!isObj(value) || typeof value.service !== 'string') return undefined;
  return typeof value.file === 'string' ? { service: value.service, file: value.file } : { service: value.service };
}

export class Extends {
  private readonly files = new Map<string, ComposeFile | undefined>(); // by absolute path; undefined: unreadable (told)
  private readonly resolved = new Map<string, Sourced | undefined>(); // by file and service; undefined: failed (told)

  constructor(
    private readonly main: ComposeFile,
    private readonly ctx: ExtendsContext,
  ) {
    this.files.set(main.path, main);
  }

  /**
   * The main file's service `name` (a mapping) with its `extends` resolved; when that fails (told), the
   * service without it, whose other fields are then still converted and their warnings told.
   */
  service(name: string): Sourced {
    const resolved = this.resolve(this.main, name, []);
    if (resolved) return resolved;
    const { extends: _, ...own } = this.main.services[name] as Obj;
    return { value: own, from: within(this.main.tree, [...this.main.servicesAt, name]) };
  }

  private resolve(file: ComposeFile, name: string, chain: string[]): Sourced | undefined {
    const key = `${file.path}\0${name}`;
    if (this.resolved.has(key)) return this.resolved.get(key);
    const local = { value: file.services[name], from: within(file.tree, [...file.servicesAt, name]) };
    const result = isObj(local.value) && Object.hasOwn(local.value, 'extends') ? this.extend(file, name, local, [...chain, key]) : local;
    this.resolved.set(key, result);
    return result;
  }

  private extend(file: ComposeFile, name: string, local: Sourced, chain: string[]): Sourced | undefined {
    const at = (below: Path) => local.from(['extends', ...below]);
    const ref = reference((local.value as Obj).extends);
    if (!ref) return this.problem(at([]), true, `service ${JSON.stringify(name)}: extends must name a service, as "extends: base" or "extends: {service: base, file: other.yml}"`);
    const baseFile = ref.file === undefined ? file : this.read(file, ref.file, at(['file']));
    if (!baseFile) return undefined;
    const base = baseFile.services[ref.service];
    const where = baseFile === file ? '' : ` of ${printable(baseFile.tree.file)}`;
    if (!isObj(base)) {
      const what = base === undefined ? 'which is not a service' : 'which is not a mapping of settings';
      return this.problem(at(typeof (local.value as Obj).extends === 'string' ? [] : ['service']), false, `service ${JSON.stringify(name)} extends ${JSON.stringify(ref.service)}${where}, ${what}`);
    }
    const baseKey = `${baseFile.path}\0${ref.service}`;
    if (chain.includes(baseKey)) {
      const names = [...chain.slice(chain.indexOf(baseKey)), baseKey].map((k) => this.named(k));
      return this.problem(at([]), true, `extends makes a cycle: ${names.join(' → ')}, which compose refuses too; remove one of these extends`);
    }
    const resolvedBase = this.resolve(baseFile, ref.service, chain);
    if (!resolvedBase) return undefined;
    const [from, to] = [dirname(baseFile.path), dirname(file.path)];
    const besideThis = from === to ? resolvedBase : rebased(resolvedBase, from, to, (pos, message) => this.ctx.warn(pos, message));
    return extendService(besideThis, local);
  }

  /** `file\0service` as a cycle names it: the service, with its file when not the main one. */
  private named(key: string): string {
    const [path, service] = key.split('\0') as [string, string];
    return path === this.main.path ? service : `${service} (${printable(this.files.get(path)?.tree.file ?? path)})`;
  }

  private problem(at: Origin, key: boolean, message: string): undefined {
    this.ctx.report.error((key ? keyPos : valuePos)(at.tree, at.path), message);
    return undefined;
  }

  /** The compose file `written` names, relative to `from`'s folder; undefined when it cannot be read (told at `at`). */
  private read(from: ComposeFile, written: string, at: Origin): ComposeFile | undefined {
    const rel = expanded(written, this.ctx.lookup) ?? written;
    const path = resolve(dirname(from.path), rel);
    if (this.files.has(path)) return this.files.get(path); // read already, or told why not
    const file = this.parsed(path, join(dirname(from.tree.file), rel), written, at);
    this.files.set(path, file);
    return file;
  }

  /** The compose file at `path` (spelled `shown`), or undefined when it is not one (told). */
  private parsed(path: string, shown: string, written: string, at: Origin): ComposeFile | undefined {
    const { report } = this.ctx;
    const bytes = this.ctx.readFile(path);
    if (bytes === undefined) return this.problem(at, false, `extends.file ${JSON.stringify(written)} cannot be read (looked for ${printable(path)})`);
    const text = typeof bytes === 'string' ? bytes : decodeUtf8(shown, bytes);
    if (typeof text !== 'string') return void report.error(text, text.message);
    const read = readCompose(text, shown, this.ctx);
    if (!read?.layout) return undefined;
    return { tree: read.tree, services: read.layout.services, servicesAt: read.layout.servicesAt, path };
  }
}
