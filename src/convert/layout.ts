// Where a compose file keeps its services. docker-compose 1.29 (config.py, ConfigFile.version) reads a
// file with no `version` and none of `services`, `networks` or `volumes` as compose file format 1 —
// the 2014–2016 format of the links era — whose top-level keys are the services; a mapping under
// `version` makes a format 1 file too ("version" is then a service). Every later format has `services:`.
import type { Path } from '../manifest/tree.js';
import { isObj, type Obj, type Value } from './fields.js';

export interface Layout {
  v1: boolean;
  servicesAt: Path; // where the services mapping is in the compose tree: [] in format 1
  services: Obj;
  top: Obj; // the top-level keys that are not services: {} in format 1
}

const LATER_FORMAT_KEYS = ['services', 'networks', 'volumes'];

/**
 * The layout of `root`, or undefined when it has no services to convert. Either is reported at its place
 * (`problem`): a `services:` that is not a mapping, or a file that is not a compose file at all.
 */
export function layoutOf(root: Value, problem: (path: Path, message: string) => void): Layout | undefined {
  const notCompose = () => void problem([], 'no services: mapping, so this is not a compose file; give the path of a docker-compose.yml');
  if (!isObj(root)) return notCompose();
  const v1 = isObj(root.version) || (!Object.hasOwn(root, 'version') && !LATER_FORMAT_KEYS.some((k) => Object.hasOwn(root, k)));
  if (v1) {
    // x-* keys came with format 3.4; in a format 1 file they can only be the homes of anchors
    const services = Object.fromEntries(Object.entries(root).filter(([k]) => !k.startsWith('x-')));
    if (Object.keys(services).length === 0) return notCompose();
    return { v1, servicesAt: [], services, top: {} };
  }
  if (!Object.hasOwn(root, 'services')) return notCompose();
  if (!isObj(root.services)) problem(['services'], `services is ${described(root.services)}, not a mapping of services by name, e.g. "services: {web: {image: nginx}}"`);
  return { v1, servicesAt: ['services'], services: isObj(root.services) ? root.services : {}, top: root };
}

/** A value that should have been a mapping, as a message names it. */
function described(value: Value): string {
  return value === null ? 'empty' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Why a service's value is not one: format 1 makes every top-level key a service, which may surprise. */
export function notAService(name: string, value: Value, layout: Layout): string {
  const v1 = layout.v1 ? ' (a file without "services:" is compose file format 1, where every top-level key is a service)' : '';
  return `service ${JSON.stringify(name)} is ${described(value)}, not a mapping of its settings; give it at least an image or a build, e.g. "image: nginx"${v1}`;
}

