// `check` refuses before any probe when probes cannot run (a paused sandbox, or one its restart policy
// keeps restarting) or would prove nothing: a
// service whose sandbox restarted under it has no network, and its parents' probes, refused by the empty
// namespace, would count as let in. The fake engine only observes: a probe would reach its `exec`.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { check, refusedCheck } from '../../../src/api/check.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ObservedContainer, ObservedState } from '../../../src/plan/observed.js';
import { UserError } from '../../../src/user-error.js';
import { withContainers } from '../plan/fixtures.js';
import { stack, upOnce } from '../plan/stack.js';

const LATER = '2026-11-23T12:00:00Z'; // after every start of upOnce()

function engineWith(observed: ObservedState): Engine {
  return {
    observe: async () => observed,
    exec: async () => {
      throw new Error('probing');
    },
  } as unknown as Engine;
}

async function refusal(changes: Record<string, Partial<ObservedContainer>>) {
  const observed = withContainers(upOnce(), (cs) => cs.map((c) => ({ ...c, ...changes[c.name] })));
  return check(engineWith(observed), stack()).then(
    () => undefined,
    (err: Error) => (err instanceof UserError ? { message: err.message, remedy: err.remedy } : err.message),
  );
}

describe('check: refused up front', () => {
  it.each<[string, Record<string, Partial<ObservedContainer>>, unknown]>([
    ["one service's sandbox restarted under it: named, with both ways to restart it", { 'shop-db-sandbox': { startedAt: LATER } }, {
      message: 'cannot check project shop: db has no network: its sandbox restarted under its running container, which kept the old, empty namespace',
      remedy: 'restart it to rejoin its sandbox (`hitch up`, or `hitch restart db`), then run `hitch check` again',
    }],
    ['two: both named, in the manifest\'s order', { 'shop-web-sandbox': { startedAt: LATER }, 'shop-db-sandbox': { startedAt: LATER } }, {
      message: 'cannot check project shop: db, web have no network: their sandboxes restarted under their running containers, which kept the old, empty namespaces',
      remedy: 'restart them to rejoin their sandboxes (`hitch up`, or `hitch restart db web`), then run `hitch check` again',
    }],
    ['a paused sandbox as well: no probe can run at all, which is said first', { 'shop-db-sandbox': { startedAt: LATER }, 'shop-cache-sandbox': { paused: true } }, {
      message: 'cannot check project shop: probes run in every sandbox, and nothing runs in a paused one: shop-cache-sandbox',
      remedy: 'unpause it (`docker unpause shop-cache-sandbox`), then run `hitch check` again',
    }],
    ['a sandbox its restart policy keeps restarting: named, with its last exit code and the way out', { 'shop-web-sandbox': { restarting: true, exitCode: 1 } }, {
      message: 'cannot check project shop: probes run in every sandbox, and the sandbox of web keeps restarting: shop-web-sandbox (its last run exited with code 1)',
      remedy: 'see why in `docker logs shop-web-sandbox`, then make it anew with `hitch up --force-recreate --no-deps web`, then run `hitch check` again',
    }],
    ['two, one of them without an observed exit code', { 'shop-web-sandbox': { restarting: true, exitCode: 1 }, 'shop-cache-sandbox': { restarting: true } }, {
      message: 'cannot check project shop: probes run in every sandbox, and the sandboxes of cache, web keep restarting: shop-cache-sandbox; shop-web-sandbox (its last run exited with code 1)',
      remedy: 'see why in `docker logs shop-cache-sandbox`, `docker logs shop-web-sandbox`, then make them anew with `hitch up --force-recreate --no-deps cache web`, then run `hitch check` again',
    }],
    ['a stopped sandbox', { 'shop-db-sandbox': { running: false } }, { message: 'service "db" has no running sandbox', remedy: 'run `hitch up` first' }],
  ])('%s', async (_, changes, expected) => {
    expect(await refusal(changes)).toEqual(expected);
  });

  it.each<[string, Record<string, Partial<ObservedContainer>>]>([
    ['every service started after its sandbox', {}],
    ['a service container stopped after its sandbox restarted: its probes say so (refused, its container is stopped)', { 'shop-db-sandbox': { startedAt: LATER }, 'shop-db': { running: false } }],
    ['start times not observed', { 'shop-db-sandbox': { startedAt: undefined }, 'shop-db': { startedAt: undefined } }],
  ])('not refused, it probes: %s', async (_, changes) => {
    expect(await refusal(changes)).toBe('probing');
  });
});

describe('check --json when check refuses', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../schemas/check.schema.json', import.meta.url), 'utf8'));
  const validate = new Ajv2020({ allErrors: true }).compile(schema);

  it('is a document of the same schema: ok false, no probes, the error and its remedy', async () => {
    const observed = withContainers(upOnce(), (cs) => cs.map((c) => (c.name === 'shop-cache-sandbox' ? { ...c, paused: true } : c)));
    const err = await check(engineWith(observed), stack()).then(() => undefined, (e: UserError) => e);
    const doc = refusedCheck('shop', err!);
    validate(doc);
    expect({ doc, errors: validate.errors ?? [] }).toEqual({
      doc: {
        project: 'shop',
        ok: false,
        error: 'cannot check project shop: probes run in every sandbox, and nothing runs in a paused one: shop-cache-sandbox',
        remedy: 'unpause it (`docker unpause shop-cache-sandbox`), then run `hitch check` again',
        probes: [],
      },
      errors: [],
    });
  });
});
