// Services the manifest declares that have no container on the engine: in a project with nothing up, and
// one added to the manifest of a running stack. They are names the commands know (a misspelt one is
// guessed among them), and each command does what compose v2 does for a service without containers:
// ps lists it as missing, logs and restart have nothing to do (and say so, also of a project with no
// container at all), port and exec refuse with the `up` that makes it, named with the -f or -p the
// command was given, so that it works when pasted. Under -p no manifest is read, and the engine's
// services are all that is known.
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startedAt, writeManifest, type ServiceYaml } from './convergence-helpers.js';
import { docker, hitch, hitchOk, requireEngine } from './helpers.js';
import { documentOf } from './json-schemas.js';

const NONE = 'it-notcreated-none'; // db and web declared, nothing ever up
const ADDED = 'it-notcreated-added'; // db and web up, extra added to the manifest since
const box = (line: string): ServiceYaml => ({ image: 'hitch-test/busybox:1', command: ['sh', '-c', `echo ${line}; exec sleep 100000`], stop_signal: 'SIGKILL' });
const STACK = { db: box('db up'), web: box('web up') };
let none: string; // the manifests' files
let added: string;

const idOf = async (container: string) => (await docker.getContainer(container).inspect()).Id;
// `hitch`: as the command named the project, for the up to paste
const warning = (project: string, service: string, consequence: string, hitch = 'hitch') =>
  `warning: service "${service}" of project ${project} has no container, so ${consequence}; run \`${hitch} up ${service}\` to create it\n`;
const refusal = (project: string, service: string, consequence = '', hitch = 'hitch') => ({
  code: 1,
  stdout: '',
  stderr: `hitch: service "${service}" of project ${project} has no container${consequence}\n  to fix: create it with \`${hitch} up ${service}\`\n`,
});

beforeAll(async () => {
  await requireEngine();
  await Promise.all([hitch(['-p', NONE, 'down']), hitch(['-p', ADDED, 'down'])]);
  none = await writeManifest(NONE, STACK);
  await hitchOk(['-f', await writeManifest(ADDED, STACK), 'up']);
  added = await writeManifest(ADDED, { ...STACK, extra: box('extra up') });
});

afterAll(async () => {
  await hitchOk(['-p', ADDED, 'down']);
  await hitchOk(['-p', NONE, 'down']);
});

describe('a project with nothing up, run from its folder', () => {
  const inFolder = (...args: string[]) => hitch(args, {}, { cwd: dirname(none) });

  it('logs SERVICE: nothing to show, exit 0, and a warning saying why', async () => {
    expect(await inFolder('logs', 'web')).toEqual({ code: 0, stdout: '', stderr: warning(NONE, 'web', 'no logs') });
  });

  it('port and exec: a user error, with the up that makes it', async () => {
    expect(await inFolder('port', 'web')).toEqual(refusal(NONE, 'web', ', so no port of it is published'));
    expect(await inFolder('exec', 'web', 'ls')).toEqual(refusal(NONE, 'web'));
  });

  it('restart SERVICE: nothing to do, exit 0, and a warning saying why', async () => {
    expect(await inFolder('restart', 'web')).toEqual({ code: 0, stdout: '', stderr: warning(NONE, 'web', 'nothing to restart') });
  });

  it('ps: every declared service, missing', async () => {
    expect(await inFolder('ps')).toEqual({
      code: 0,
      stdout: ['SERVICE   CONTAINER   STATE     ADDRESS   PORTS   LINKS', 'db        (missing)   missing', 'web       (missing)   missing', ''].join('\n'),
      stderr: '',
    });
    expect(await inFolder('ps', '-q')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a misspelt name is a usage error guessed from the manifest, for every command', async () => {
    const stderr = `hitch: no such service in project ${NONE}: "wbe" (did you mean "web"?)\n  to fix: use one of: db, web\n`;
    for (const args of [['logs', 'wbe'], ['port', 'wbe'], ['exec', 'wbe', 'ls'], ['restart', 'wbe'], ['ps', 'wbe']]) {
      expect({ args, ...(await inFolder(...args)) }).toEqual({ args, code: 2, stdout: '', stderr });
    }
  });

  it('logs, restart and stop without names: nothing to do, exit 0, as compose v2, and a warning that the project has no container', async () => {
    const empty = (consequence: string, hitch = 'hitch') => ({ code: 0, stdout: '', stderr: `warning: project ${NONE} has no containers on this engine, so ${consequence}; run \`${hitch} up\` to start it\n` });
    expect(await inFolder('logs')).toEqual(empty('no logs'));
    expect(await inFolder('logs', '-f')).toEqual(empty('no logs'));
    expect(await inFolder('restart')).toEqual(empty('nothing to restart'));
    expect(await inFolder('--json', 'restart')).toEqual({ ...empty('nothing to restart'), stdout: `${JSON.stringify({ project: NONE, ok: true, restarted: [], failed: [] }, null, 2)}\n` });
    expect(await inFolder('-p', NONE, 'logs')).toEqual(empty('no logs', `hitch -p ${NONE}`));
    expect(await inFolder('stop')).toEqual(empty('nothing to stop'));
    expect(await inFolder('-p', NONE, 'stop')).toEqual(empty('nothing to stop', `hitch -p ${NONE}`));
  });

  it('under -p no manifest is read: nothing is known, and the name is refused as before', async () => {
    expect(await inFolder('-p', NONE, 'logs', 'web')).toEqual({
      code: 2,
      stdout: '',
      stderr: `hitch: no such service in project ${NONE}: "web"\n  to fix: project ${NONE} has no containers on this engine: start it with \`hitch -p ${NONE} up\`\n`,
    });
  });
});

describe('a service added to the manifest of a running stack', () => {
  const H = () => ['-f', added];
  const HITCH = () => `hitch -f ${added}`; // not the manifest hitch finds from here: the remedies name it

  it('ps lists it as missing among the others; ps SERVICE gives its row; -q leaves it out', async () => {
    const rows = documentOf('ps', (await hitchOk([...H(), '--json', 'ps'])).stdout) as Array<{ service: string; state: string }>;
    expect(rows.map((r) => [r.service, r.state])).toEqual([['db', 'running'], ['extra', 'missing'], ['web', 'running']]);
    expect(documentOf('ps', (await hitchOk([...H(), '--json', 'ps', 'extra'])).stdout)).toEqual([
      { service: 'extra', container: null, id: null, state: 'missing', status: null, ip: null, ports: [], links: [] },
    ]);
    expect(await hitch([...H(), 'ps', '-q'])).toEqual({ code: 0, stdout: `${await idOf(`${ADDED}-db`)}\n${await idOf(`${ADDED}-web`)}\n`, stderr: '' });
  });

  it('ls --json lists it as missing, with the same null for the id it has not as ps', async () => {
    const rows = documentOf('ls', (await hitchOk([...H(), '--json', 'ls'])).stdout) as Array<{ name: string }>;
    expect(rows.find((r) => r.name === 'extra')).toEqual({ name: 'extra', service: 'extra', container: `${ADDED}-extra`, id: null, image: 'hitch-test/busybox:1', state: 'missing' });
  });

  it('logs: the lines of those that have a container, and a warning for it', async () => {
    expect(await hitch([...H(), 'logs', 'extra'])).toEqual({ code: 0, stdout: '', stderr: warning(ADDED, 'extra', 'no logs', HITCH()) });
    expect(await hitch([...H(), 'logs', 'web', 'extra'])).toEqual({ code: 0, stdout: 'web | web up\n', stderr: warning(ADDED, 'extra', 'no logs', HITCH()) });
    expect(await hitch([...H(), 'logs'])).toEqual({ code: 0, stdout: 'db  | db up\nweb | web up\n', stderr: '' });
  });

  it('logs -f of it alone: nothing to follow, it ends at once', async () => {
    expect(await hitch([...H(), 'logs', '-f', 'extra'])).toEqual({ code: 0, stdout: '', stderr: warning(ADDED, 'extra', 'no logs', HITCH()) });
  });

  it('restart of it restarts nothing; with another service named, that one only', async () => {
    const before = await Promise.all([startedAt(`${ADDED}-db`), startedAt(`${ADDED}-web`)]);
    expect(await hitch([...H(), '--json', 'restart', 'extra'])).toEqual({
      code: 0,
      stdout: `${JSON.stringify({ project: ADDED, ok: true, restarted: [], failed: [] }, null, 2)}\n`,
      stderr: warning(ADDED, 'extra', 'nothing to restart', HITCH()),
    });
    expect(await Promise.all([startedAt(`${ADDED}-db`), startedAt(`${ADDED}-web`)])).toEqual(before);
    expect(await hitch([...H(), 'restart', 'extra', 'web'])).toEqual({ code: 0, stdout: '', stderr: `${warning(ADDED, 'extra', 'nothing to restart', HITCH())}✔ restarted web\n` });
    expect(await startedAt(`${ADDED}-db`)).toBe(before[0]);
    expect(await startedAt(`${ADDED}-web`) > before[1]!).toBe(true);
  });

  it('port and exec: a user error, with the up that makes it', async () => {
    expect(await hitch([...H(), 'port', 'extra'])).toEqual(refusal(ADDED, 'extra', ', so no port of it is published', HITCH()));
    expect(await hitch([...H(), 'exec', 'extra', 'ls'])).toEqual(refusal(ADDED, 'extra', '', HITCH()));
  });

  it('a misspelt name is guessed among every known one, the new service too', async () => {
    expect(await hitch([...H(), 'logs', 'extr'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `hitch: no such service in project ${ADDED}: "extr" (did you mean "extra"?)\n  to fix: use one of: db, extra, web\n`,
    });
  });

  it('under -p no manifest is read: it is unknown, and the engine’s services are named', async () => {
    expect(await hitch(['-p', ADDED, 'ps', 'extra'])).toEqual({ code: 2, stdout: '', stderr: `hitch: no such service in project ${ADDED}: "extra"\n  to fix: use one of: db, web\n` });
    expect(await hitch(['-p', ADDED, 'exec', 'web', 'echo', 'hi'])).toEqual({ code: 0, stdout: 'hi\n', stderr: '' });
  });

  it('a service dropped from the manifest stays addressable while its containers are on the engine', async () => {
    const withoutDb = await writeManifest(ADDED, { web: STACK.web, extra: box('extra up') });
    expect(await hitch(['-f', withoutDb, 'logs', 'db'])).toEqual({ code: 0, stdout: 'db | db up\n', stderr: '' });
    const rows = documentOf('ps', (await hitchOk(['-f', withoutDb, '--json', 'ps'])).stdout) as Array<{ service: string; state: string }>;
    expect(rows.map((r) => [r.service, r.state])).toEqual([['db', 'running'], ['extra', 'missing'], ['web', 'running']]);
  });
});
