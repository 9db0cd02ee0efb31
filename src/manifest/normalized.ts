// The Manifest written back as a manifest, for `hitch config`: the schema's own keys, every value
// interpolated and every default the model holds filled in, each field in the one canonical form the
// loader reads back to the same model (test/unit/manifest/normalized-*.test.ts proves it), so the
// output is a valid hitch.yaml, as `docker compose config` prints a valid compose file.
import { isAbsolute, relative, sep } from 'node:path';
import { formatDuration } from './duration.js';
import type { BuildSpec, Healthcheck, Manifest, Service, VolumeMount } from './model.js';
import { portRangesText, publishedText } from './ports.js';
import { isRemoteContext } from './remote-context.js';
import { restartText } from './string-fields.js';
import { retypedByYaml11 } from './yaml11.js';
import { yamlLib } from './yaml-document.js';
import type { Document as YamlDocument } from 'yaml';

type Data = Record<string, unknown>;

/** Plain data in the schema's keys and forms (JSON-ready); pure. */
export function normalizedManifest(manifest: Manifest): Data {
  const services = Object.values(manifest.services).map((s) => [s.name, service(s, manifest.dir)]);
  return escapeDollars(
    withoutUndefined({
      name: manifest.project,
      link_env: manifest.linkEnv,
      subnet: manifest.subnet,
      services: Object.fromEntries(services),
    }),
  ) as Data;
}

/**
 * yaml quotes whatever YAML 1.2, which hitch reads, would take for another type. Readers of YAML 1.1
 * take more plain words for other types: docker-compose 1.29 and yamllint read `no` and `on` as
 * booleans, `1:20` as 80, `2024-01-02` as a date; and `<<` (an env key or label may be one) is a merge
 * key to hitch's own loader, which reads compose's merges. Quoted here, keys and values alike, for every
 * YAML hitch writes (`config`, `convert`), so that each reader reads the strings as strings.
 */
export function quoteRetypedStrings(doc: YamlDocument): void {
  // keys too: visit walks a pair's key as it walks its value
  yamlLib().visit(doc, {
    Scalar(_, node) {
      const text = node.value;
      if (typeof text === 'string' && retypedByYaml11(text)) node.type = 'QUOTE_DOUBLE';
    },
  });
}

/** normalizedManifest as YAML, read back as the same manifest. */
export function normalizedYaml(manifest: Manifest): string {
  const { Document } = yamlLib();
  // no aliases: two services' equal lists stay spelled out
  const doc = new Document(normalizedManifest(manifest), { aliasDuplicateObjects: false });
  quoteRetypedStrings(doc);
  return doc.toString({ lineWidth: 0 }); // a long value stays on one line
}

// Keys in the schema's order. An empty list or mapping is left out where the loader reads absence the
// same way; `command: []` and `share_env: []` are kept, since for them empty is not absent.
function service(s: Service, dir: string): Data {
  return withoutUndefined({
    image: s.image,
    build: s.build && build(s.build, dir),
    container_name: s.containerName,
    command: s.command,
    entrypoint: s.entrypoint,
    environment: nonEmpty(s.environment), // env_file entries are merged in: the file is not needed
    expose: nonEmpty(portRangesText(s.expose)),
    ports: nonEmpty(s.ports.map(publishedText)),
    publish_all: s.publishAll,
    links: nonEmpty(s.links.map((l) => `${l.target}:${l.alias}`)),
    external_links: nonEmpty(s.externalLinks.map((l) => `${l.container}:${l.alias}`)),
    share_env: s.shareEnv,
    healthcheck: s.healthcheck && healthcheck(s.healthcheck),
    volumes: nonEmpty(s.volumes.map((v) => volume(v, dir))),
    hostname: s.hostname,
    user: s.user,
    working_dir: s.workingDir,
    labels: nonEmpty(s.labels),
    restart: s.restart && restartText(s.restart),
    stop_signal: s.stopSignal,
    stop_grace_period: duration(s.stopGracePeriodMs),
    tty: s.tty,
    ready_timeout: duration(s.readyTimeoutMs),
  });
}

function build(b: BuildSpec, dir: string): Data {
  const context = isRemoteContext(b.context) ? b.context : besideManifest(dir, b.context);
  return withoutUndefined({ context, dockerfile: b.dockerfile, args: nonEmpty(b.args) });
}

function healthcheck(h: Healthcheck): Data {
  return withoutUndefined({
    // Docker's list form, as the model holds it; no test at all means the image's own (the model's [])
    test: h.test.length === 0 ? undefined : h.test,
    interval: duration(h.intervalMs),
    timeout: duration(h.timeoutMs),
    start_period: duration(h.startPeriodMs),
    retries: h.retries,
  });
}

/** compose's long form: unlike `src:/path:ro`, it holds a path with ":" in it. */
function volume(v: VolumeMount, dir: string): Data {
  const source = v.type === 'bind' ? besideManifest(dir, v.source) : v.source;
  return { type: v.type, source, target: v.target, read_only: v.readOnly };
}

function duration(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : formatDuration(ms);
}

/**
 * A path inside the manifest's folder relative to it (`./web`, `.`), any other absolute: both mean the
 * same in a manifest written beside this one, and `../../var/run/docker.sock` would help nobody.
 */
function besideManifest(dir: string, path: string): string {
  const rel = relative(dir, path);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return path;
  return `.${sep}${rel}`;
}

function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.keys(o).length === 0 ? undefined : o;
}

function withoutUndefined(o: Data): Data {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * The loader interpolates every string value (never a key), so a literal `$` must be written `$$` to
 * read back as itself. Object.fromEntries keeps a `__proto__` env key an own key.
 */
function escapeDollars(v: unknown): unknown {
  if (typeof v === 'string') return v.split('$').join('$$');
  if (Array.isArray(v)) return v.map(escapeDollars);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeDollars(x)]));
  return v;
}
