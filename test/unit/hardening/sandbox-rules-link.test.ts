// `hitch-sandbox apply` records its rules twice: the file `run` re-applies, and a symlink whose target
// holds the same tokens, which hitch reads from a stat of the path (sandbox-rules.ts) instead of a
// tar of the file. hitch records them the same way in a stopped sandbox, through the engine's archive
// endpoint. Under dash and busybox sh, with fake iptables tools.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { rulesArchive, rulesFromLinkTarget } from '../../../src/engine/sandbox-rules.js';
import { fakeTools, scratch, SCRIPT, SHELLS } from './sandbox-host.js';

const { dir, LOG } = scratch();
const RULES = join(dir, 'rules');
const LINK = `${RULES}.link`;
const working = join(dir, 'bin');
const failing = join(dir, 'bin-failing');
fakeTools(working, ['iptables', 'iptables-restore'], () => '#!/bin/sh\nexit 0\n');
fakeTools(failing, ['iptables', 'iptables-restore'], (tool) => `#!/bin/sh\nexit ${tool === 'iptables-restore' ? 1 : 0}\n`);

function apply(shell: string[], args: string[], bin = working): number | null {
  return spawnSync(shell[0]!, [...shell.slice(1), SCRIPT, 'apply', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 10_000,
    env: { PATH: `${bin}:/usr/bin:/bin`, HITCH_TEST_LOG: LOG, HITCH_RULES_FILE: RULES },
  }).status;
}

const fileTokens = () => readFileSync(RULES, 'utf8').split('\n').filter(Boolean);
const ALLOWS_TOO_MANY = Array.from({ length: 200 }, (_, i) => ['--allow', `tcp:10.213.${Math.floor(i / 250)}.${(i % 250) + 1}:6379`]).flat();

/** The rules file and link as hitch's archive leaves them in a fresh folder (the engine extracts it the same way). */
async function recorded(args: string[]): Promise<{ file: string; target: string }> {
  const into = join(dir, `recorded-${Math.random().toString(36).slice(2)}`);
  mkdirSync(into);
  const tar = spawnSync('tar', ['-x', '-C', into], { input: await rulesArchive(args) });
  if (tar.status !== 0) throw new Error(`tar: ${tar.stderr}`);
  return { file: readFileSync(join(into, 'rules'), 'utf8'), target: readlinkSync(join(into, 'rules.link')) };
}

describe.each(SHELLS)('under %s', (_, shell) => {
  beforeEach(() => {
    rmSync(RULES, { force: true });
    rmSync(LINK, { force: true });
  });

  test('the link holds the file tokens joined by "/", a subnet\'s "/" as "%"; hitch reads back the same', () => {
    const code = apply(shell, ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:5432', '--allow=udp:10.213.0.4:53-54']);
    const target = readlinkSync(LINK);
    expect([code, target]).toEqual([0, '--subnet/10.213.0.0%24/--allow/tcp:10.213.0.3:5432/--allow/udp:10.213.0.4:53-54']);
    expect(rulesFromLinkTarget(target)).toEqual(fileTokens());
  });

  test('rules too long for a link target: the file only, no link', () => {
    expect([apply(shell, ['--subnet', '10.213.0.0/16', ...ALLOWS_TOO_MANY]), fileTokens().length, existsSync(LINK)]).toEqual([0, 402, false]);
  });

  test('an apply that fails leaves no link claiming the rules it was replacing', () => {
    symlinkSync('--subnet/10.213.0.0%24', LINK);
    expect([apply(shell, ['--subnet', '10.213.0.0/24'], failing), lstatSync(LINK, { throwIfNoEntry: false })]).toEqual([1, undefined]);
  });

  test.each([
    ['subnet and rules', ['--subnet', '10.213.0.0/24', '--allow', 'tcp:10.213.0.3:5432', '--allow', 'udp:10.213.0.4:53-54']],
    ['no rules', ['--subnet', '172.30.0.0/16']],
  ])('hitch records %s as apply does: the same file, the same link target', async (_, args) => {
    expect(apply(shell, args)).toBe(0);
    expect(await recorded(args)).toEqual({ file: readFileSync(RULES, 'utf8'), target: readlinkSync(LINK) });
  });
});

describe('rulesArchive', () => {
  test('rules too long for a link: the file has them, and the link sends readers to it', async () => {
    const args = ['--subnet', '10.213.0.0/16', ...ALLOWS_TOO_MANY];
    const { file, target } = await recorded(args);
    expect([file.split('\n').filter(Boolean), rulesFromLinkTarget(target)]).toEqual([args, undefined]);
  });
});

describe('rulesFromLinkTarget', () => {
  test.each<[string, string, string[] | undefined]>([
    ['as Docker 20.10 reports it: resolved in the link\'s folder', '/var/lib/hitch/--subnet/10.1.0.0%24/--allow/tcp:10.1.0.2:80', ['--subnet', '10.1.0.0/24', '--allow', 'tcp:10.1.0.2:80']],
    ['as written', '--allow/sctp:10.1.0.2:1-9', ['--allow', 'sctp:10.1.0.2:1-9']],
    ['not what apply writes', '/etc/passwd', undefined],
    ['an empty token', '--subnet//--allow', undefined],
  ])('%s', (_, target, rules) => {
    expect(rulesFromLinkTarget(target)).toEqual(rules);
  });
});
