// Where a compose file keeps its services: under `services:`.
import type { Path } from '../manifest/tree.js';
import { UserError } from '../user-error.js';
import { isObj, type Obj, type Value } from './fields.js';

export interface Layout {
  servicesAt: Path; // where the services mapping is in the compose tree
  services: Obj;
  top: Obj; // the top-level keys
}

/** The layout of `root`; a `services:` that is not a mapping is reported at its place (`problem`). */
export function layoutOf(root: Value, file: string, problem: (path: Path, message: string) => void): Layout {
  const notCompose = new UserError(`${file}: no services: mapping, so this is not a compose file`, 'give the path of a docker-compose.yml');
  if (!isObj(root) || !Object.hasOwn(root, 'services')) throw notCompose;
  if (!isObj(root.services)) problem(['services'], `services is ${described(root.services)}, not a mapping of services by name, e.g. "services: {web: {image: nginx}}"`);
  return { servicesAt: ['services'], services: isObj(root.services) ? root.services : {}, top: root };
}

/** A value that should have been a mapping, as a message names it. */
function described(value: Value): string {
  return value === null ? 'empty' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Why a service's value is not one. */
export function notAService(name: string, value: Value): string {
  return `service ${JSON.stringify(name)} is ${described(value)}, not a mapping of its settings; give it at least an image or a build, e.g. "image: nginx"`;
}
