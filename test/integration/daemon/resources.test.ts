// Issue 7, resources: 20 cycles of up and down on a 30-service stack leave nothing behind on the engine,
// and hitch's own memory stays flat. The cycles run in a process of their own (cycles.mjs), through the
// programmatic API with a forced GC, so the figures are hitch's alone. In the "daemon" project, with the
// engine to itself: under the load of the other tests, dockerd 20.10 was once seen to keep a stale
// endpoint count on a network with no container left (moby/moby#42119), which only a restart clears.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, FIXTURES, hitch, hitchOk, labelled, requireEngine } from '../helpers.js';

const DIR = `${FIXTURES}/reliability-resources`;
const P = 'it-rel-cycles';
const CYCLES = 20;
const SETTLED_AFTER = 5; // the first cycles load code and warm caches: growth is measured from here

interface Figures {
  services: number;
  cycles: number;
  heapMB: number[];
  rssMB: number[];
}

beforeAll(async () => {
  await requireEngine();
  await hitch(['-f', `${DIR}/hitch.yaml`, 'down']);
});

afterAll(async () => {
  await hitchOk(['-f', `${DIR}/hitch.yaml`, 'down']);
});

describe(`${CYCLES} cycles of up and down on 30 services`, () => {
  it('leave no container, network, volume or lock, and a flat heap', { timeout: 900_000 }, async () => {
    const { stdout } = await promisify(execFile)('node', ['--expose-gc', `${DIR}/cycles.mjs`, `${DIR}/hitch.yaml`, String(CYCLES)]);
    const figures = JSON.parse(stdout) as Figures;
    console.log(`hitch memory over ${CYCLES} cycles of up+down (30 services): heap MB ${figures.heapMB.join(' ')}; rss MB ${figures.rssMB.join(' ')}`);

    expect(await labelled(P)).toEqual({ containers: [], networks: [], volumes: [] });
    expect(await docker.listContainers({ all: true, filters: { name: [`hitch-lock-${P}`] } })).toEqual([]);
    const settled = figures.heapMB[SETTLED_AFTER - 1]!;
    const last = figures.heapMB[CYCLES - 1]!;
    // flat: within 20% of the settled heap (a leak of a stack's worth per cycle would double it)
    expect({ services: figures.services, cycles: figures.heapMB.length, flat: last <= settled * 1.2 }).toEqual({
      services: 30,
      cycles: CYCLES,
      flat: true,
    });
  });
});
