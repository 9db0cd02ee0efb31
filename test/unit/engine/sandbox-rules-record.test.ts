// Reading and writing a sandbox's recorded rules through the archive endpoint, against a fake engine:
// what the link says decides what hitch reports as the rules in force.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { addRuntimeDetails } from '../../../src/engine/observe-runtime.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { recordedRules, recordRules, rulesArchive, type RecordedRules } from '../../../src/engine/sandbox-rules.js';

const notFound = Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 });

/** A tar holding one file, as the engine's GET /archive answers. */
async function tarOf(name: string, text: string): Promise<Buffer> {
  const archive = pack();
  archive.entry({ name }, text);
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const c of archive) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A container whose rules link has `target` (undefined: no link) and whose rules file holds `file`. */
function engineWith(target: string | undefined, file: string | undefined, put?: (tar: Buffer) => Promise<void>): Docker {
  const stat = (t: string) => Buffer.from(JSON.stringify({ name: 'rules.link', linkTarget: t })).toString('base64');
  const container = {
    infoArchive: async () => {
      if (target === undefined) throw notFound;
      return Object.assign(Readable.from([]), { headers: { 'x-docker-container-path-stat': stat(target) } });
    },
    getArchive: async () => {
      if (file === undefined) throw notFound;
      return Readable.from([await tarOf('rules', file)]);
    },
    putArchive: async (tar: Buffer) => put?.(tar),
  };
  return { getContainer: () => container } as unknown as Docker;
}

describe('recordedRules', () => {
  it.each<[string, string | undefined, string | undefined, RecordedRules]>([
    ['the link, as 20.10 reports it', '/var/lib/hitch/--subnet/10.1.0.0%24', '--subnet\n10.9.0.0/24\n', ['--subnet', '10.1.0.0/24']],
    ['no link: the file', undefined, '--subnet\n10.9.0.0/24\n', ['--subnet', '10.9.0.0/24']],
    ['a link sending readers to the file', '/var/lib/hitch/see-the-rules-file', '--subnet\n10.9.0.0/24\n', ['--subnet', '10.9.0.0/24']],
    ['neither: never recorded', undefined, undefined, undefined],
    ['a link saying the file is not confirmed in force, though the file has rules', '/var/lib/hitch/not-confirmed-in-force', '--subnet\n10.9.0.0/24\n', 'not confirmed'],
  ])('%s', async (_, target, file, rules) => {
    expect(await recordedRules(engineWith(target, file), 'sb')).toEqual(rules);
  });
});

describe('recordRules', () => {
  it('writes the archive rulesArchive makes; without rules, the link alone, saying not confirmed', async () => {
    const puts: Buffer[] = [];
    const docker = engineWith(undefined, undefined, async (tar) => void puts.push(tar));
    expect([await recordRules(docker, 'sb', ['--subnet', '10.1.0.0/24']), await recordRules(docker, 'sb', undefined)]).toEqual([true, true]);
    expect(puts).toEqual([await rulesArchive(['--subnet', '10.1.0.0/24']), await rulesArchive(undefined)]);
    expect(puts[1]!.includes('not-confirmed-in-force') && !puts[1]!.includes('rules\0')).toBe(true);
  });

  it('a sandbox removed meanwhile: false, nothing to record', async () => {
    expect(await recordRules(engineWith(undefined, undefined, async () => Promise.reject(notFound)), 'sb', ['--subnet', '10.1.0.0/24'])).toBe(false);
  });

  it('any other refusal: the engine\'s words, as a user error', async () => {
    const refused = Object.assign(new Error('(HTTP code 500) server error - mkdir /var/lib/hitch: read-only file system'), { statusCode: 500 });
    const err = await recordRules(engineWith(undefined, undefined, async () => Promise.reject(refused)), 'sb', ['--subnet', '10.1.0.0/24']).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'UserError', message: 'cannot record the firewall rules in sb: mkdir /var/lib/hitch: read-only file system' });
  });
});

describe('addRuntimeDetails: the rules observed of a sandbox', () => {
  /** A sandbox made with `--subnet 10.1.0.0/24` whose rules link has `target` and whose file holds `file`. */
  const observedWith = async (target: string | undefined, file: string | undefined) => {
    const docker = engineWith(target, file);
    const container = docker.getContainer('sb') as unknown as Record<string, unknown>;
    container.inspect = async () => ({ State: { StartedAt: '2026-11-24T10:00:00Z' }, Config: { Cmd: ['hitch-sandbox', 'run', '--subnet', '10.1.0.0/24'] } });
    const sandbox = { id: 'sb', name: 'shop-db-sandbox', service: 'db', role: 'sandbox', running: true } as ObservedContainer;
    await addRuntimeDetails(docker, [sandbox]);
    return sandbox.firewallArgs;
  };

  it.each<[string, string | undefined, string | undefined, string[] | undefined]>([
    ['recorded: those', '/var/lib/hitch/--subnet/10.2.0.0%24', undefined, ['--subnet', '10.2.0.0/24']],
    ['never recorded: its arguments', undefined, undefined, ['--subnet', '10.1.0.0/24']],
    // its arguments may be what the plan wants while it enforces others: unknown, so the next up applies them
    ['recorded but not confirmed in force: unknown, not its arguments', '/var/lib/hitch/not-confirmed-in-force', '--subnet\n10.1.0.0/24\n', undefined],
  ])('%s', async (_, target, file, rules) => {
    expect(await observedWith(target, file)).toEqual(rules);
  });
});
