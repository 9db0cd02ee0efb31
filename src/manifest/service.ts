// One service's raw (validated, interpolated) mapping → the canonical Service of model.ts.
// Each field's short forms are turned into one long form here (those written as one string, in
// string-fields.ts); semantic problems are reported through ctx at the offending node and the field
// is left out.
import { entries, fail, get, usable, type Ctx } from './context.js';
import { buildSpec } from './build-spec.js';
import { environment, labels } from './environment.js';
import { serviceExternalLinks } from './external-links.js';
import { serviceLinks } from './links.js';
import type { Healthcheck, PortSpec, PublishedPort, Service } from './model.js';
import { parseLongPort, type LongPort } from './long-ports.js';
import { isError, parseExpose, parsePublished, sortPorts } from './ports.js';
import { duration, hostname, restart, stopSignal, words } from './string-fields.js';
import { dropUndefined, keyPos, pointer, scalarText, type Path } from './tree.js';
import { volumes } from './volumes.js';

const DEFAULT_READY_TIMEOUT_MS = 60_000;

export function normalizeService(ctx: Ctx, project: string, name: string): Service {
  const svc: Path = ['services', name];
  const str = (key: string) => get(ctx, [...svc, key]) as string | undefined;
  const build = buildSpec(ctx, svc);
  const links = serviceLinks(ctx, name, svc);
  const service: Service = {
    name,
    containerName: str('container_name') ?? `${project}-${name}`,
    // Docker image names are lower-case; service names may not be (build-tags.ts checks the rest).
    image: str('image') ?? `${project}-${name}`.toLowerCase(),
    build,
    command: words(ctx, [...svc, 'command']),
    entrypoint: words(ctx, [...svc, 'entrypoint']),
    environment: environment(ctx, svc),
    expose: expose(ctx, svc),
    ports: published(ctx, svc),
    publishAll: get(ctx, [...svc, 'publish_all']) === true,
    links,
    externalLinks: serviceExternalLinks(ctx, name, svc, links),
    shareEnv: get(ctx, [...svc, 'share_env']) as string[] | undefined,
    healthcheck: healthcheck(ctx, [...svc, 'healthcheck']),
    volumes: volumes(ctx, svc),
    hostname: hostname(ctx, [...svc, 'hostname']),
    user: str('user'),
    workingDir: str('working_dir'),
    labels: labels(ctx, svc),
    restart: restart(str('restart')),
    stopSignal: stopSignal(ctx, [...svc, 'stop_signal']),
    stopGracePeriodMs: duration(ctx, [...svc, 'stop_grace_period']),
    tty: get(ctx, [...svc, 'tty']) === true,
    readyTimeoutMs: duration(ctx, [...svc, 'ready_timeout']) ?? DEFAULT_READY_TIMEOUT_MS,
    pos: keyPos(ctx.tree, svc),
  };
  return dropUndefined(service);
}

function expose(ctx: Ctx, svc: Path): PortSpec[] {
  const out: PortSpec[] = [];
  for (const e of entries(ctx, [...svc, 'expose'])) {
    const r = parseExpose(scalarText(ctx.tree, e.path, e.value)); // a port too large to be exact is quoted as written
    if (isError(r)) fail(ctx, e.path, r.error);
    else out.push(...r);
  }
  return sortPorts(out);
}

function published(ctx: Ctx, svc: Path): PublishedPort[] {
  const out: PublishedPort[] = [];
  for (const e of entries(ctx, [...svc, 'ports'])) {
    const v = e.value;
    if (typeof v !== 'object') {
      const r = parsePublished(scalarText(ctx.tree, e.path, v));
      if (isError(r)) fail(ctx, e.path, r.error);
      else out.push(...r);
      continue;
    }
    // a long form's target, published or host_ip that failed (the schema, a cast) has its message: one per port
    if (!(['target', 'published', 'host_ip'] as const).every((k) => usable(ctx, [...e.path, k]))) continue;
    const r = parseLongPort(longPortAsWritten(ctx, e.path, v as LongPort));
    if ('error' in r) fail(ctx, [...e.path, r.field], r.error);
    else out.push(...r);
  }
  return out;
}

/** The long form with a port number too large to be exact as written, so a message quotes what the user wrote. */
function longPortAsWritten(ctx: Ctx, path: Path, p: LongPort): LongPort {
  const written = (key: 'target' | 'published') => ctx.tree.numberSources.get(pointer([...path, key]));
  return { ...p, target: written('target') ?? p.target, ...(written('published') ? { published: written('published') } : {}) };
}

function healthcheck(ctx: Ctx, path: Path): Healthcheck | undefined {
  const h = get(ctx, path) as { test?: unknown; disable?: boolean; retries?: number } | undefined;
  if (!h) return undefined;
  if (h.disable === true) {
    if (h.test !== undefined) fail(ctx, [...path, 'disable'], 'healthcheck has both "test" and "disable: true"; remove one (compose refuses both too)');
    return { test: ['NONE'] };
  }
  const test = healthTest(ctx, [...path, 'test']);
  return dropUndefined({
    test,
    intervalMs: duration(ctx, [...path, 'interval']),
    timeoutMs: duration(ctx, [...path, 'timeout']),
    retries: h.retries,
    startPeriodMs: duration(ctx, [...path, 'start_period']),
  });
}

/** Docker's form; an empty list means "the image's own test" (the engine API's rule). */
function healthTest(ctx: Ctx, path: Path): string[] {
  const t = get(ctx, path);
  if (typeof t === 'string') return t === '' ? noCommand(ctx, path, '""') : ['CMD-SHELL', t];
  if (!Array.isArray(t)) return [];
  if (t.length === 0 || ((t[0] === 'CMD' || t[0] === 'CMD-SHELL') && !t[1])) return noCommand(ctx, path, `[${t.map((w) => JSON.stringify(w)).join(', ')}]`);
  if (!['CMD', 'CMD-SHELL', 'NONE'].includes(t[0] as string)) {
    fail(ctx, path, `healthcheck test list must start with "CMD", "CMD-SHELL" or "NONE", not ${JSON.stringify(t[0])}; or give a string, which runs in a shell`);
    return [];
  }
  return t as string[];
}

/**
 * compose takes ["CMD"] and ["CMD-SHELL"] as they are, and the engine fails them: dockerd 20.10 panics
 * in its health probe and dies on ["CMD"] (moby#52582 made it an error), and ["CMD-SHELL"] runs `sh -c`
 * with nothing, which fails every probe; so does an empty program, ["CMD", ""]. An empty shell command,
 * ["CMD-SHELL", ""] or "", passes every probe (`sh -c ""` exits 0): healthy at once, having tested
 * nothing. [] keeps the image's test (the engine API's rule), which leaving `test` out says plainly.
 */
function noCommand(ctx: Ctx, path: Path, written: string): string[] {
  fail(ctx, path, `healthcheck test ${written} has no command; use ["CMD", "pg_isready"] (a program and its arguments), ["CMD-SHELL", "pg_isready -U postgres"] or a string, which runs in a shell; leave test out to keep the image's own`);
  return [];
}
