// compose's long form of a `ports:` entry, `{target, published, host_ip, protocol}`, with docker's rules
// (ports.ts). Each problem is said of the field that has it, to be reported at that field's value
// rather than at the entry, which the short form's messages quote whole.
import { isIPv4, isIPv6 } from 'node:net';
import type { Protocol, PublishedPort } from './model.js';
import { rangeText, readRange, type RangeProblem } from './ports.js';

/** The long form; its numbers may come as the text they were written as. */
export interface LongPort {
  target: number | string;
  published?: string | number;
  host_ip?: string;
  protocol?: Protocol;
}

export type LongPortField = 'target' | 'published' | 'host_ip';

export function parseLongPort(p: LongPort): PublishedPort[] | { error: string; field: LongPortField } {
  const hostIp = p.host_ip ?? '';
  if (hostIp !== '' && !isIPv4(hostIp) && !isIPv6(hostIp)) return { field: 'host_ip', error: `host_ip ${JSON.stringify(hostIp)} is not an IP address; use one of the host's, like "127.0.0.1" or "::1"` };
  const target = readRange(String(p.target));
  // an integer (the schema's rule), so only its range can be wrong
  if ('kind' in target) return { field: 'target', error: `target ${String(p.target)} is out of range 1-65535; use the container's port, like 80` };
  // "" (an unset `${PORT}`) leaves the host port to the engine, as no `published` does
  const published = p.published === undefined || p.published === '' ? undefined : readRange(String(p.published));
  if (published && 'kind' in published) return { field: 'published', error: publishedProblem(p.published!, published) };
  return [{ hostIp, hostPort: published ? rangeText(published) : '', containerPort: target.start, proto: p.protocol ?? 'tcp' }];
}

const PUBLISHED_FORM = 'use 8080 or "8000-8010"';

function publishedProblem(written: string | number, problem: RangeProblem): string {
  // a number as written (a string holds one too large to be exact: service.ts), anything else quoted
  const shown = /^[0-9]+$/.test(String(written)) ? String(written) : JSON.stringify(written);
  if (problem.kind === 'form') return `published ${shown} is not a port or range; ${PUBLISHED_FORM}`;
  if (problem.kind === 'reversed') return `published ${shown} ends before it starts; write the lower port first`;
  const which = problem.port === String(written) ? '' : `: port ${problem.port}`;
  return `published ${shown}${which} is out of range 1-65535; ${PUBLISHED_FORM}`;
}
