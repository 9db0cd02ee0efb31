// Every service of the compose file converted and placed, with its `extends` resolved first (extends.ts);
// a service that is not a mapping is a problem, and is left out.
import { resolve } from 'node:path';
import { readBytes } from '../manifest/disk.js';
import { dotenvDefaults } from '../manifest/dotenv-defaults.js';
import { lookupIn } from '../manifest/interpolate.js';
import { Report } from '../manifest/problems.js';
import { pointer, setOwn, valuePos } from '../manifest/tree.js';
import { missingBeside } from './env-file.js';
import { Extends } from './extends.js';
import { isObj, type Obj } from './fields.js';
import { notAService } from './layout.js';
import { reachWarning } from './reach.js';
import { placed, warn, warnAt, warnOrigin, type Run } from './run.js';
import { convertService } from './service.js';

export function convertServices(run: Run): Obj {
  const { layout, tree, opts } = run;
  // the .env's own problems are the check's to report (checkOutput), at their line of it
  const dotenv = opts.dotenv ? dotenvDefaults(opts.dotenv, opts.env ?? {}, new Report()) : {};
  const lookup = lookupIn(opts.env ?? {}, dotenv);
  const ctx = { lookup, v1: layout.v1, missing: missingBeside(opts.file, lookup, opts.readFile) };
  const main = { tree, services: layout.services, servicesAt: layout.servicesAt, path: resolve(opts.file) };
  const extend = new Extends(main, {
    lookup,
    readFile: opts.readFile ?? readBytes,
    report: run.report,
    warn: (pos, message) => warnAt(run, pos, message),
  });
  run.origins.set('/services', { tree, path: layout.servicesAt });
  const out: Obj = {};
  const services: Record<string, Obj> = {};
  for (const [name, svc] of Object.entries(layout.services)) {
    if (!isObj(svc)) {
      run.report.error(valuePos(tree, [...layout.servicesAt, name]), notAService(name, svc, layout));
      continue;
    }
    const resolved = extend.service(name);
    const body = resolved.value as Obj;
    setOwn(services, name, body);
    const converted = convertService(name, body, (place, message) => warnOrigin(run, resolved.from(place), `service ${JSON.stringify(name)}: ${message}`), ctx);
    setOwn(out, name, placed(run, converted, resolved.from, ['services', name]));
    // format 1's `dockerfile` went into build: its problems are told at the key the user wrote
    const build = converted.build;
    if (ctx.v1 && isObj(build) && build.dockerfile === body.dockerfile && Object.hasOwn(body, 'dockerfile')) {
      run.origins.set(pointer(['services', name, 'build', 'dockerfile']), resolved.from(['dockerfile']));
    }
  }
  const reach = layout.v1 ? undefined : reachWarning(services, lookup);
  if (reach) warn(run, ['services'], reach);
  return out;
}
