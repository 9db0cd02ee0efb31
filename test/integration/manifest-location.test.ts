// Where the built CLI finds its manifest, as compose finds its file: without -f, the nearest hitch.yaml
// from the current folder up, whose folder is then the project's exactly as if -f had named it; with
// `-f -`, stdin, in the current folder. Needs no engine.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { hitch } from './helpers.js';

const ELSEWHERE = '(down, ps, logs, exec, port, restart and stop also take -p NAME instead)';

describe('the manifest hitch finds (the built CLI)', { timeout: 30_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'hdot-location-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const shop = join(root, 'shop');
  const deeper = join(shop, 'sub', 'deeper');
  const nested = join(shop, 'nested');
  mkdirSync(deeper, { recursive: true });
  mkdirSync(join(nested, 'deep'), { recursive: true });
  const manifest = 'services:\n  web:\n    image: "${IMAGE}"\n    env_file: app.env\n    volumes: ["./data:/data"]\n';
  writeFileSync(join(shop, 'hitch.yaml'), manifest);
  writeFileSync(join(shop, '.env'), 'IMAGE=from-project-env\n');
  writeFileSync(join(shop, 'app.env'), 'GREETING="multi\nline"\n');
  writeFileSync(join(deeper, '.env'), 'IMAGE=from-subfolder-env\n'); // read only when the subfolder is the project's
  writeFileSync(join(nested, 'hitch.yaml'), 'name: nested\nservices:\n  db: {image: busybox}\n');

  describe('without -f: the nearest hitch.yaml up from the current folder', () => {
    test('validate from a subfolder names the manifest above and its folder\'s project', async () => {
      expect(await hitch(['validate'], {}, { cwd: deeper })).toEqual({ code: 0, stdout: `${join(shop, 'hitch.yaml')}: valid (project shop, 1 service)\n`, stderr: '' });
    });

    test('config from a subfolder is config with -f naming that manifest: its .env, env_file and paths', async () => {
      const fromBelow = await hitch(['config'], {}, { cwd: deeper });
      const named = await hitch(['-f', join(shop, 'hitch.yaml'), 'config'], {}, { cwd: root });
      expect([fromBelow, fromBelow.stdout.includes('image: from-project-env\n'), fromBelow.stdout.includes('GREETING: |-\n        multi\n        line\n')]).toEqual([
        { code: 0, stdout: named.stdout, stderr: '' },
        true,
        true,
      ]);
    });

    test('the nearest of two wins', async () => {
      expect(await hitch(['validate'], {}, { cwd: join(nested, 'deep') })).toEqual({ code: 0, stdout: `${join(nested, 'hitch.yaml')}: valid (project nested, 1 service)\n`, stderr: '' });
    });

    test('none here or above: says so, and how to point hitch elsewhere, exit 2', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'hdot-nothing-'));
      const res = await hitch(['ps'], {}, { cwd: empty });
      rmSync(empty, { recursive: true });
      expect(res).toEqual({
        code: 2,
        stdout: '',
        stderr: `hitch: no hitch.yaml in ${empty} or a folder above\n  to fix: run hitch in the folder of your hitch.yaml or below it, or name it with -f FILE ${ELSEWHERE}\n`,
      });
    });

    test('-f naming a file that is not there: no search', async () => {
      expect(await hitch(['-f', 'nope.yaml', 'validate'], {}, { cwd: deeper })).toEqual({
        code: 2,
        stdout: '',
        stderr: `hitch: no manifest at ${join(deeper, 'nope.yaml')}\n  to fix: check the path given to -f, or pipe the manifest in with -f - ${ELSEWHERE}\n`,
      });
    });

    test('-f naming a folder: says so, and names the manifest in it', async () => {
      expect(await hitch(['-f', 'sub', 'validate'], {}, { cwd: shop })).toEqual({
        code: 2,
        stdout: '',
        stderr: `hitch: ${join(shop, 'sub')} is a folder, not a manifest\n  to fix: name the manifest in it, like -f sub/hitch.yaml ${ELSEWHERE}\n`,
      });
    });
  });

  describe('-f -: the manifest from stdin, in the current folder', () => {
    test('`cat hitch.yaml | hitch -f - config` in its folder is `hitch config` there', async () => {
      const piped = await hitch(['-f', '-', 'config'], {}, { cwd: shop, input: readFileSync(join(shop, 'hitch.yaml'), 'utf8') });
      const named = await hitch(['config'], {}, { cwd: shop });
      expect(piped).toEqual({ code: 0, stdout: named.stdout, stderr: '' });
    });

    test('elsewhere, the current folder is the project\'s: its .env and its name', async () => {
      const input = 'services:\n  web: {image: "${IMAGE}"}\n';
      const [validate, config] = [await hitch(['-f', '-', 'validate'], {}, { cwd: deeper, input }), await hitch(['-f', '-', 'config'], {}, { cwd: deeper, input })];
      expect([validate, config.code, config.stdout.split('\n').slice(0, 5)]).toEqual([
        { code: 0, stdout: '-: valid (project deeper, 1 service)\n', stderr: '' },
        0,
        ['name: deeper', 'link_env: modern', 'services:', '  web:', '    image: from-subfolder-env'],
      ]);
    });

    test('problems are at -:line:col, a relative path looked for in the current folder, exit 2', async () => {
      expect(await hitch(['-f', '-', 'validate'], {}, { cwd: deeper, input: manifest })).toEqual({
        code: 2,
        stdout: '',
        stderr: `-:4:15: env_file "app.env" does not exist (looked for ${join(deeper, 'app.env')}); create it, or give its path relative to the manifest's folder\n`,
      });
    });

    test('commands that read no manifest leave stdin alone (here it stays open: reading it would hang)', async () => {
      const compose = join(root, 'docker-compose.yml');
      writeFileSync(compose, 'services:\n  web: {image: busybox}\n');
      const piped = [await hitch(['-f', '-', 'schema']), await hitch(['-f', '-', 'convert', compose])];
      const plain = [await hitch(['schema']), await hitch(['convert', compose])];
      expect([piped, plain.map((r) => r.code)]).toEqual([plain, [0, 0]]);
    });
  });

  describe('validate --json', () => {
    test('an invalid manifest: every problem on stdout as JSON, nothing on stderr, exit 2', async () => {
      const bad = join(root, 'bad.yaml');
      writeFileSync(bad, 'services:\n  web: {image: x, stop_signal: NOPE}\n  db: {image: "Bad"}\n');
      const res = await hitch(['--json', '-f', bad, 'validate']);
      expect({ ...res, stdout: JSON.parse(res.stdout) as unknown }).toEqual({
        code: 2,
        stderr: '',
        stdout: {
          valid: false,
          problems: [
            { file: bad, line: 2, col: 32, message: 'stop_signal "NOPE" is not a signal; use a Linux signal\'s name, with or without SIG (like "SIGINT", "TERM" or "SIGRTMIN+3"), or its number, 1-64' },
            { file: bad, line: 3, col: 15, message: expect.stringMatching(/^image "Bad" is not an image reference; /) as unknown },
          ],
        },
      });
    });
  });

  describe('validate --json, with a warning', () => {
    test("the warning on stderr, as for a valid manifest; the problems on stdout", async () => {
      const unset = join(root, 'unset.yaml');
      writeFileSync(unset, 'services:\n  web: {image: "${HITCH_TEST_UNSET_IMAGE}"}\n');
      const res = await hitch(['--json', '-f', unset, 'validate']);
      expect({ ...res, stdout: JSON.parse(res.stdout) as unknown }).toEqual({
        code: 2,
        stderr: `${unset}:2:16: warning: The "HITCH_TEST_UNSET_IMAGE" variable is not set. Defaulting to a blank string.\n`,
        stdout: { valid: false, problems: [{ file: unset, line: 2, col: 16, message: 'image must not be empty' }] },
      });
    });
  });

  describe('-f given twice', () => {
    test('is refused in one line, not dropped: hitch merges no override files', async () => {
      const first = join(shop, 'hitch.yaml');
      const second = join(nested, 'hitch.yaml');
      expect(await hitch(['-f', first, '-f', second, 'validate'], {}, { cwd: root })).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: option '-f, --file <path>' argument '${second}' is invalid. given twice (${JSON.stringify(first)}, then ${JSON.stringify(second)}); hitch reads one manifest and merges no override files: write what the second adds into the first, or run \`hitch -f FILE config\` on each to compare\n(add --help for usage)\n`,
      });
    });
  });
});
