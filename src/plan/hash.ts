// Config hashes: what lets `up` tell "unchanged" from "config changed" with one label per container.
// They cover the normalized config and what is injected (link env, hosts lines), so a child's env or
// port change reaches its parents' hashes (DESIGN.md, "Convergence").
import { createHash } from 'node:crypto';
import { LABEL, type ContainerSpec } from './model.js';

/**
 * JSON with object keys sorted at every level; undefined members are left out, as JSON does. Built by
 * appending, without intermediate entry arrays: a plan of 1000 services canonicalizes ~15k values.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (value[i] === undefined ? 'null' : canonicalJson(value[i]));
    return out + ']';
  }
  const o = value as Record<string, unknown>;
  let out = '';
  // the default sort compares UTF-16 code units, as compareStrings does
  for (const k of Object.keys(o).sort()) {
    if (o[k] !== undefined) out += `${out === '' ? '' : ','}${JSON.stringify(k)}:${canonicalJson(o[k])}`;
  }
  return `{${out}}`;
}

// Many parts are the same text in every container of a plan (the sandbox image, an empty env, a shared
// command): each text is hashed once. Bounded, for a process that plans many times.
const digests = new Map<string, string>();
const DIGESTS_KEPT = 10_000;

export function digest(value: unknown): string {
  const text = canonicalJson(value);
  let hex = digests.get(text);
  if (hex === undefined) {
    if (digests.size >= DIGESTS_KEPT) digests.clear();
    hex = createHash('sha256').update(text).digest('hex').slice(0, 16);
    digests.set(text, hex);
  }
  return hex;
}

function withoutHashLabel(spec: ContainerSpec): ContainerSpec {
  const { [LABEL.configHash]: _omit, [LABEL.configParts]: _parts, ...labels } = spec.labels;
  return { ...spec, labels };
}

/**
 * A service container's hash also covers the image id it will run, so a rebuilt or re-pulled tag
 * recreates it (as compose does); undefined when the image was not observed.
 */
export function serviceHash(spec: ContainerSpec, imageId: string | undefined): string {
  return digest({ spec: withoutHashLabel(spec), imageId });
}

/**
 * A sandbox's hash leaves out the firewall arguments of its command: rules are updated in place
 * (`hitch-sandbox apply`), so a link added to a child must not recreate the child's sandbox.
 */
export function sandboxHash(spec: ContainerSpec): string {
  return digest({ spec: { ...withoutHashLabel(spec), cmd: spec.cmd?.slice(0, 2) } });
}

/**
 * The spec with its hash labels: the whole's, and the parts' (config-parts.ts). Their values are worked
 * out when first read (comparing with an observed container, creating one, the JSON form): hashing is
 * most of the work of planning (1000 services: ~15k hashes), and a plan that is only shown (`hitch
 * plan`) or that creates nothing needs none of it.
 */
export function withHash(spec: ContainerSpec, hashes: () => { hash: string; parts: string }): ContainerSpec {
  let computed: { hash: string; parts: string } | undefined;
  const hashed = () => (computed ??= hashes());
  // after the spec's own labels, as plain values would be: the JSON form is unchanged
  const labels = Object.defineProperties({ ...spec.labels }, {
    [LABEL.configHash]: { enumerable: true, get: () => hashed().hash },
    [LABEL.configParts]: { enumerable: true, get: () => hashed().parts },
  });
  return { ...spec, labels };
}
