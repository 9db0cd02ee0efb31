// `up` plans before it takes the project's lock; under the lock it keeps that plan only when the engine's
// events show nothing the observation read changed meanwhile (src/engine/changes.ts). Both ways on the
// real engine: kept, the project is observed once (and the rules' report needs no second reading of every
// sandbox); changed behind its back between the observation and the lock, it observes again and converges
// from what is really there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, up } from 'hitch';
import { DockerEngine } from '../../src/engine/docker-engine.js';
import type { Engine, ObserveOptions } from '../../src/engine/engine.js';
import { docker, hitch, hitchOk, requireEngine } from './helpers.js';
import { containerIds, writeManifest, type ServiceYaml } from './convergence-helpers.js';

const P = 'it-plan-reuse';
const stack = (greeting: string): Record<string, ServiceYaml> => ({
  db: { image: 'hitch-test/busybox:1', command: ['httpd', '-f', '-p', '80'], expose: ['80'], stop_signal: 'SIGKILL' },
  web: { image: 'hitch-test/busybox:1', command: ['sleep', '100000'], environment: { GREETING: greeting }, link: 'db', stop_signal: 'SIGKILL' },
});

/** The real engine, counting full observations; `afterFirst` runs once the first one is made. */
function countingEngine(afterFirst?: () => Promise<void>): { engine: Engine; observations: () => number } {
  const real = new DockerEngine();
  let full = 0;
  const engine = new Proxy(real, {
    get(target, key, receiver) {
      if (key !== 'observe') return Reflect.get(target, key, receiver);
      return async (project: string, refs: string[], opts?: ObserveOptions) => {
        const observed = await target.observe(project, refs, opts);
        if (opts?.runtime && ++full === 1) await afterFirst?.();
        return observed;
      };
    },
  });
  return { engine, observations: () => full };
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-p', P, 'down']);
  await hitchOk(['-f', await writeManifest(P, stack('hello')), 'up']);
});

afterAll(async () => {
  await hitchOk(['-p', P, 'down']);
});

describe('the plan made before the lock', () => {
  it('stands when nothing changed meanwhile: one observation, and the change made', async () => {
    const manifest = await load(await writeManifest(P, stack('bonjour')));
    const before = await containerIds(P);
    const { engine, observations } = countingEngine();
    const result = await up(manifest, { engine });

    expect({ ok: result.ok, recreated: result.summary.recreated, unchanged: result.summary.unchanged }).toEqual({ ok: true, recreated: ['web'], unchanged: ['db'] });
    expect(observations()).toBe(1);
    expect(result.links.map((l) => ({ parent: l.parent, child: l.child, missing: l.missing, drops: l.drops }))).toEqual([{ parent: 'web', child: 'db', missing: [], drops: true }]);
    const after = await containerIds(P);
    expect(after[`${P}-db`]).toBe(before[`${P}-db`]);
    expect(after[`${P}-web`]).not.toBe(before[`${P}-web`]);
  });

  it('is made again when the project changed between the observation and the lock', async () => {
    const manifest = await load(await writeManifest(P, stack('hallo')));
    const db = `${P}-db`;
    // the child stopped behind hitch's back, after it looked: the first plan would leave it stopped
    const { engine, observations } = countingEngine(() => docker.getContainer(db).stop({ t: 0 }));
    const result = await up(manifest, { engine });

    expect({ ok: result.ok, recreated: result.summary.recreated, started: result.summary.started }).toEqual({ ok: true, recreated: ['web'], started: ['db'] });
    expect(observations()).toBe(2);
    expect((await docker.getContainer(db).inspect()).State.Running).toBe(true);
  });
});
