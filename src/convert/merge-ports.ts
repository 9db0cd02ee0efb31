// compose's merge of an extended service's `ports` with the extending one's. compose-go first makes
// every short-form entry its long form, one mapping per port of a range (transform/ports.go, with
// docker's parser: `[::1]:8080:80` is host_ip ::1), then keeps one entry per
// host_ip:published:target/protocol, a later one taking an earlier one's place (override/uncity.go's
// portIndexer; no host_ip is 0.0.0.0). convert reads each entry as hitch reads it (manifest/ports.ts)
// to key it so, and keeps the entry as written while all its ports stay together; an entry a later
// one replaced a part of is written port by port, with what is left of it.
import type { PublishedPort } from '../manifest/model.js';
import { isError, parsePublished, publishedText } from '../manifest/ports.js';
import { asText, isObj, type Value } from './fields.js';
import { entriesOf, listOf, onePerKey, type Sourced } from './sourced.js';

/** One published port of an entry (`portsInEntry` ports in all); no `port` when hitch cannot read the entry, which is then one key as written. */
interface Slot {
  indexKey: string;
  entry: Sourced;
  portsInEntry: number;
  port?: PublishedPort;
}

/** compose-go's portIndexer key: a later port with the same one takes this one's place. */
function portIndexKey(hostIp: string, published: string, target: Value, protocol: Value): string {
  return `${hostIp === '' ? '0.0.0.0' : hostIp}:${published}:${asText(target)}/${asText(protocol)}`;
}

function slotsOf(entry: Sourced): Slot[] {
  const v = entry.value;
  if (isObj(v)) return [{ indexKey: portIndexKey(asText(v.host_ip ?? ''), asText(v.published ?? ''), v.target, v.protocol ?? 'tcp'), entry, portsInEntry: 1 }];
  const ports = typeof v === 'string' || typeof v === 'number' ? parsePublished(v) : undefined;
  if (ports === undefined || isError(ports)) return [{ indexKey: asText(v), entry, portsInEntry: 1 }]; // a variable, say: only hitch will read it
  return ports.map((port) => ({ indexKey: portIndexKey(port.hostIp, port.hostPort, port.containerPort, port.proto), entry, portsInEntry: ports.length, port }));
}

/** Two lists of ports merged: the base's, then the local ones, one per published port. */
export function mergePorts(base: Sourced, local: Sourced): Sourced {
  const slots = onePerKey(entriesOf(base, local).flatMap(slotsOf), (slot) => slot.indexKey);
  return listOf(regrouped(slots), local.from);
}

/** Each entry whose ports all stay, one after another, as written; every other port on its own. */
function regrouped(slots: Slot[]): Sourced[] {
  const out: Sourced[] = [];
  for (let i = 0; i < slots.length; ) {
    const { entry, portsInEntry, port } = slots[i]!;
    const run = slots.slice(i, i + portsInEntry);
    // all of them: a range whose leftover ports end the list is shorter there than the entry
    if (run.length === portsInEntry && run.every((s) => s.entry === entry)) {
      out.push(entry);
      i += portsInEntry;
    } else {
      out.push({ value: publishedText(port!), from: entry.from });
      i++;
    }
  }
  return out;
}
