// A link removed: the former parent comes back without it only once the child's rules no longer accept
// it, whether the child's rules are updated in place or come with a new sandbox of its own.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/manifest/model.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { link, withService } from './fixtures.js';
import { stack, upOnce } from './stack.js';

/** What each of these actions waits for, in the plan `up` makes for `m` on the stack as the first up left it. */
function waits(m: Manifest, ids: string[]): Record<string, string[] | undefined> {
  const plan = reconcile(m, upOnce());
  return Object.fromEntries(ids.map((id) => [id, plan.actions.find((a) => a.id === id)?.waitsFor]));
}

describe('reconcile: a removed link', () => {
  it("the child's rules updated in place: the parent's new sandbox waits for that update", () => {
    const m = withService(stack(), 'web', { links: [link('db')] });
    expect(waits(m, ['sandbox:web', 'firewall:cache'])).toEqual({ 'sandbox:web': ['firewall:cache'], 'firewall:cache': [] });
  });

  it("the child's sandbox recreated meanwhile (its ports changed): the parent's new sandbox waits for the child's", () => {
    const m = withService(withService(stack(), 'web', { links: [link('db')] }), 'cache', { expose: [{ port: 6380, proto: 'tcp' }] });
    expect(waits(m, ['sandbox:web', 'sandbox:cache', 'firewall:cache'])).toEqual({ 'sandbox:web': ['sandbox:cache'], 'sandbox:cache': [], 'firewall:cache': undefined });
  });

  it('a link kept: no such wait', () => {
    const m = withService(stack(), 'web', { links: [link('cache'), link('db', 'database')] });
    expect(waits(m, ['sandbox:web'])).toEqual({ 'sandbox:web': [] });
  });
});
