// compose's short volume form, `SOURCE:TARGET[:MODE]` or a `TARGET` alone (an anonymous volume), as
// every part of convert reads it: split at each ':' outside `${…}`, since compose splits the value it
// interpolated first, so `${VOL:-data}:/data` is one source and one target. POSIX paths only, as hitch
// runs Linux containers: a ':' is never a drive letter's.
import { splitOutsideVariables } from './variables.js';

export interface ShortMount {
  source?: string; // none: an anonymous volume
  target: string;
  mode?: string;
  more: boolean; // a fourth part, or more: no form compose reads
}

export function shortMount(v: string): ShortMount {
  const parts = splitOutsideVariables(v, ':');
  if (parts.length === 1) return { target: parts[0]!, more: false };
  const [source, target, mode] = parts as [string, string, string?];
  return { source, target, ...(mode === undefined ? {} : { mode }), more: parts.length > 3 };
}
