// Who reaches whom. From compose file format 2 on, compose puts every service on the project's default
// network, where each reaches every other by its name; in hitch a service reaches only the services it
// links to (format 1's files relied on links already). A converted file of a later format is told so,
// once, with the services that most likely connect to one they do not link to: those whose environment,
// command or entrypoint name it as a host. Only forms that name a host count, so a word that happens to
// be a service's name does not: a URL's host (`postgres://u@db/app`), `host:port` (`redis:6379`), and a
// bare name in a variable whose name says it holds one (`DB_HOST: db`); an option's value (`--db=db:5432`) too.
import { keyValue } from '../manifest/environment.js';
import { linkTargets } from '../manifest/links.js';
import { printable } from '../manifest/problems.js';
import type { Lookup } from '../manifest/template.js';
import { isObj, type Obj, type Value } from './fields.js';
import { expanded } from './variables.js';

const URL_HOST = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^:/?#[\]]+)/i;
const HOST_PORT = /^([^:/@=]+):[0-9]+$/;
const HOST_VARIABLE = /HOST|ADDR|SERVER|BROKER|ENDPOINT/i;

/** The hosts `text` names; `variable`: the environment variable it is the value of. */
function hostsIn(text: string, variable?: string): string[] {
  return text.split(/[\s,;]+/).flatMap((written) => {
    const word = written.startsWith('-') ? written.slice(written.indexOf('=') + 1) : written; // --broker=amqp://queue
    const host = URL_HOST.exec(word)?.[1] ?? HOST_PORT.exec(word)?.[1];
    if (host !== undefined) return [host];
    return variable !== undefined && HOST_VARIABLE.test(variable) && word !== '' ? [word] : [];
  });
}

/** [variable, value] of an environment, from its mapping or its KEY=VALUE list; a value that is not a string (or none) names no host. */
function environment(value: Value): Array<[string, string]> {
  const pairs = Array.isArray(value) ? value.flatMap((e) => (typeof e === 'string' ? [keyValue(e)] : [])) : isObj(value) ? Object.entries(value) : [];
  return pairs.filter((pair): pair is [string, string] => typeof pair[1] === 'string');
}

/** Every host a service's settings name, with its variables expanded as hitch will expand them. */
function namedHosts(svc: Obj, lookup: Lookup): string[] {
  const text = (s: string) => expanded(s, lookup) ?? s;
  const words = [svc.command, svc.entrypoint].flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((w) => typeof w === 'string') : []));
  return [...environment(svc.environment).flatMap(([k, v]) => hostsIn(text(v), k)), ...words.flatMap((w) => hostsIn(text(w)))];
}

const REACH_RULE = "in hitch a service reaches only the services it links to, where compose's default network let every service reach every other by name";

/**
 * The warning for a file of `services` (those that are mappings) of format 2 on, or undefined when it
 * has one service only: nothing to reach.
 */
export function reachWarning(services: Record<string, Obj>, lookup: Lookup): string | undefined {
  const names = Object.keys(services);
  if (names.length < 2) return undefined;
  const unlinked = names.flatMap((name) => {
    const linked = linkTargets(services[name]!.links, (link) => expanded(link, lookup));
    const named = [...new Set(namedHosts(services[name]!, lookup))].filter((h) => h !== name && names.includes(h) && !linked.includes(h));
    return named.length > 0 ? [`${printable(name)} (${named.map(printable).join(', ')})`] : [];
  });
  const rule = `${REACH_RULE}: each service's links must name every service it connects to`;
  return unlinked.length === 0 ? rule : `${rule}, and these name one they do not link to: ${unlinked.join(', ')}`;
}
