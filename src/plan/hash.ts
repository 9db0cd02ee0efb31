// Config hashes: what lets `up` tell "unchanged" from "config changed" with one label per container.
// They cover the normalized config and what is injected (link env, hosts lines), so a child's env or
// port change reaches its parents' hashes (DESIGN.md, "Convergence").
import { createHash } from 'node:crypto';
import { compareStrings } from './compare.js';
import { LABEL, type ContainerSpec } from './model.js';

/** JSON with object keys sorted at every level; undefined members are left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => compareStrings(x, y));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
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

/** The spec with its hash labels filled in: the whole's, and the parts' (config-parts.ts). */
export function withHash(spec: ContainerSpec, hash: string, parts: string): ContainerSpec {
  return { ...spec, labels: { ...spec.labels, [LABEL.configHash]: hash, [LABEL.configParts]: parts } };
}
