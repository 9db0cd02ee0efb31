// How code that loads a manifest tells a user's mistake from a bug: ManifestError is a UserError (and a
// UsageError, exit 2), with every problem and warning, as the programmatic API promises.
import { expect, it } from 'vitest';
import { load } from '../../../src/index.js';
import { ManifestError } from '../../../src/manifest/index.js';
import { UsageError, UserError } from '../../../src/user-error.js';

it('an invalid manifest throws a ManifestError that is a UsageError and a UserError, with its problems', async () => {
  const err = await load('/nonexistent/hitch.yaml').then(() => undefined, (e: unknown) => e);
  expect([err instanceof ManifestError, err instanceof UsageError, err instanceof UserError, (err as ManifestError).name]).toEqual([true, true, true, 'ManifestError']);
  expect((err as ManifestError).problems.map((p) => p.message)).toEqual(['cannot read /nonexistent/hitch.yaml: ENOENT']);
});
