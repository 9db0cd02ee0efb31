// `up` ends by reading each link's rules from the live stack. A sandbox its restart policy keeps
// restarting is left to that policy, but its service has no network meanwhile: the report says so, with
// the sandbox, how its last run ended and the way out (not "run `hitch up` first", which `up` just did).
import { describe, expect, it } from 'vitest';
import { linkEnforcement } from '../../../src/api/link-enforcement.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ObservedContainer } from '../../../src/plan/observed.js';
import { UserError } from '../../../src/user-error.js';
import { withContainers } from '../plan/fixtures.js';
import { stack, upOnce } from '../plan/stack.js';

async function report(changes: Record<string, Partial<ObservedContainer>>, parents?: string[]) {
  const observed = withContainers(upOnce(), (cs) => cs.map((c) => ({ ...c, ...changes[c.name] })));
  return linkEnforcement({} as Engine, stack(), { observed, parents }).then(
    (links) => links.map((l) => `${l.parent} -> ${l.child}`),
    (err: Error) => (err instanceof UserError ? { message: err.message, remedy: err.remedy } : err.message),
  );
}

describe("up's link report with a sandbox that keeps restarting", () => {
  it('says which, how its last run ended, and the way out', async () => {
    expect(await report({ 'shop-db-sandbox': { restarting: true, exitCode: 1 } })).toEqual({
      message: 'the sandbox of db keeps restarting, and db has no network until a run of it lasts: shop-db-sandbox (its last run exited with code 1)',
      remedy: 'see why in `docker logs shop-db-sandbox`, then make it anew with `hitch up --force-recreate --no-deps db`',
    });
  });

  it('outside the links `up SERVICE…` reports, it is not named', async () => {
    expect(await report({ 'shop-worker-sandbox': { restarting: true, exitCode: 1 } }, ['web'])).toEqual(['web -> cache', 'web -> db']);
  });
});
