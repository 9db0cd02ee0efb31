// hitch/client: what a containerised app uses to find the services it is linked to, from the variables
// hitch (or Docker's own --link) put in its environment. `requireLink('db')` is the seeds'
// `docker.require('redis')`. No dependencies, and no imports from the rest of hitch.
import { aliasesIn, envAlias, parseUrl, portsOf, sharedEnvOf, type Env, type Link } from './parse.js';

export type { Env, Link, LinkPort } from './parse.js';

/** A link that is missing or whose variables are incomplete; `missing` names the variables not set. */
export class LinkError extends Error {
  constructor(
    readonly alias: string,
    readonly missing: string[],
    message: string,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

function read(alias: string, env: Env): Link | undefined {
  const a = envAlias(alias);
  const [nameKey, portKey] = [`${a}_NAME`, `${a}_PORT`];
  const name = env[nameKey];
  const url = env[portKey];
  if (name === undefined && url === undefined) return undefined;
  const missing = [nameKey, portKey].filter((k) => env[k] === undefined);
  if (missing.length > 0) {
    const why = url === undefined ? `: ${alias} exposes no port, and a link needs one (add expose: to the linked service)` : '';
    throw new LinkError(alias, missing, `link "${alias}" is incomplete: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set${why}`);
  }
  const main = parseUrl(url!);
  if (!main) throw new LinkError(alias, [], `link "${alias}": ${portKey} is "${url}", not a URL like tcp://10.213.0.2:5432`);
  return { alias, name: name!, ...main, ports: portsOf(a, env), env: sharedEnvOf(a, env) };
}

/** The link with this alias, or undefined when the environment has none; throws LinkError when incomplete. */
export function link(alias: string, env: Env = process.env): Link | undefined {
  return read(alias, env);
}

/** The link with this alias; throws LinkError naming the missing variables when it is absent or incomplete. */
export function requireLink(alias: string, env: Env = process.env): Link {
  const found = read(alias, env);
  if (found) return found;
  const a = envAlias(alias);
  throw new LinkError(
    alias,
    [`${a}_NAME`, `${a}_PORT`],
    `no link "${alias}": ${a}_NAME and ${a}_PORT are not set (link this service to the one it needs with the alias ${alias}, e.g. links: ["<service>:${alias}"] in hitch.yaml)`,
  );
}

/**
 * Every link in the environment that has a port, by alias. A link to a service that exposes none sets
 * only <ALIAS>_NAME (and its env): nothing to connect to, so it is left out here, where asking for it by
 * its alias says why.
 */
export function links(env: Env = process.env): Link[] {
  return aliasesIn(env)
    .filter((alias) => env[`${envAlias(alias)}_PORT`] !== undefined)
    .map((alias) => requireLink(alias, env));
}
