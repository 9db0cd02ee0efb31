// Named volumes whose data hitch will not see. hitch mounts `<project>_<name>`, which it creates and
// labels itself; where compose used another volume as it is (format 1's names, a top-level `name:`, an
// `external` volume), the converted project starts on a new, empty volume, and the user must be told so.
import { createdVolume } from '../manifest/compose-keys.js';
import { printable } from '../manifest/problems.js';
import type { Path } from '../manifest/tree.js';
import { isObj, type Value } from './fields.js';
import { shortMount } from './short-mount.js';

/** What hitch does instead of mounting `used`, and what the user does to keep its data. */
function notUsed(used: string, name: string): string {
  return `hitch mounts <project>_${printable(name)}, a new one, so "${printable(used)}" will not be used and its data not seen; copy the data over to keep it`;
}

/**
 * Format 1 gave a named volume's name to the engine as it is (compose 1.x namespaces volume names only
 * from format 2 on, project.py).
 */
export function namedVolumes(value: Value, note: (index: number, message: string) => void): void {
  for (const [i, v] of (Array.isArray(value) ? value : []).entries()) {
    const source = typeof v === 'string' ? shortMount(v).source : undefined;
    if (source === undefined || /^[./~$]/.test(source)) continue; // host paths, and names only hitch will know
    note(i, `volume "${printable(source)}": compose file format 1 used the engine's volume "${printable(source)}" itself; ${notUsed(source, source)}`);
  }
}

/**
 * The engine volume compose mounts for the top-level volume `name` when it is not `<project>_<name>`:
 * the `name:` it gives (compose spec: used as it is), else an external one's own name (format 2/3.x's
 * `external: {name: …}` too), else undefined.
 */
function usedAsItIs(name: string, spec: Record<string, Value>): string | undefined {
  if (typeof spec.name === 'string') return spec.name;
  if (isObj(spec.external) && typeof spec.external.name === 'string') return spec.external.name;
  return spec.external === true ? name : undefined;
}

const NAMING = ['name', 'external'];

/** Top-level named volumes: hitch creates `<project>_<name>` itself; anything more than that is dropped. */
export function topVolumes(value: Value, note: (at: Path, message: string) => void): void {
  if (!isObj(value)) return;
  for (const [name, spec] of Object.entries(value)) {
    const keys = Object.keys(isObj(spec) ? spec : {});
    const used = isObj(spec) ? usedAsItIs(name, spec) : undefined;
    const shown = JSON.stringify(name);
    if (used !== undefined) {
      const naming = keys.filter((k) => NAMING.includes(k));
      note(['volumes', name], `volume ${shown}: ${naming.join(' and ')} ${naming.length > 1 ? 'are' : 'is'} dropped: compose used the engine's volume "${printable(used)}" itself; ${notUsed(used, name)}`);
    }
    for (const key of keys.filter((k) => used === undefined || !NAMING.includes(k))) {
      note(['volumes', name, key], `volume ${shown}: ${printable(key)} is dropped: ${createdVolume(printable(name))}`);
    }
  }
}
