// `up SERVICE…`: which services a name selects (itself and, transitively, what it links), and names the
// manifest does not have.
import { describe, expect, it } from 'vitest';
import { reliedOn, selectServices } from '../../../src/plan/selection.js';
import { UsageError } from '../../../src/user-error.js';
import { link, manifest, refusal, service } from './fixtures.js';
import { stack } from './stack.js';

// a chain front -> api -> db, api also -> cache; lone stands apart; ops links api as `backend`
const chain = manifest([
  service('db'),
  service('cache'),
  service('api', { links: [link('db'), link('cache')] }),
  service('front', { links: [link('api')] }),
  service('ops', { links: [link('api', 'backend')] }),
  service('lone'),
]);

describe('selectServices', () => {
  it.each([
    { names: ['db'], noDeps: false, selected: ['db'] },
    { names: ['api'], noDeps: false, selected: ['api', 'cache', 'db'] },
    { names: ['front'], noDeps: false, selected: ['api', 'cache', 'db', 'front'] }, // transitively
    { names: ['front', 'ops'], noDeps: false, selected: ['api', 'cache', 'db', 'front', 'ops'] },
    { names: ['ops', 'lone'], noDeps: false, selected: ['api', 'cache', 'db', 'lone', 'ops'] },
    { names: ['front', 'front', 'api'], noDeps: false, selected: ['api', 'cache', 'db', 'front'] },
    { names: ['front'], noDeps: true, selected: ['front'] },
    { names: ['front', 'db'], noDeps: true, selected: ['db', 'front'] },
    { names: ['lone', 'api', 'lone'], noDeps: true, selected: ['api', 'lone'] },
  ])('$names (noDeps: $noDeps) selects $selected', ({ names, noDeps, selected }) => {
    expect(selectServices(chain, names, { noDeps })).toEqual(selected);
  });

  it('no names: undefined, the whole manifest (with or without noDeps)', () => {
    expect(selectServices(chain, [])).toBeUndefined();
    expect(selectServices(chain, [], { noDeps: true })).toBeUndefined();
  });

  it('a link by alias selects its target', () => {
    expect(selectServices(stack(), ['worker'])).toEqual(['db', 'worker']);
  });

  it('a name the manifest does not have is a usage error with a did-you-mean and every service', () => {
    expect(refusal(() => selectServices(chain, ['frnot']))).toEqual({
      message: 'no such service in the manifest: "frnot" (did you mean "front"?)',
      remedy: 'name services the manifest has: api, cache, db, front, lone, ops',
    });
  });

  it('every unknown name at once, in the order given, once each; the known ones are not named', () => {
    expect(refusal(() => selectServices(chain, ['zzz', 'db', 'cahce', 'zzz'], { noDeps: true }))).toEqual({
      message: 'no such services in the manifest: "zzz", "cahce" (did you mean "cache"?)',
      remedy: 'name services the manifest has: api, cache, db, front, lone, ops',
    });
  });

  it('names that only an object would have are not services, and odd names are quoted as JSON', () => {
    expect(refusal(() => selectServices(chain, ['constructor', '__proto__', 'a\nb'])).message).toBe(
      'no such services in the manifest: "constructor", "__proto__", "a\\nb"',
    );
  });

  it('is an error the CLI reports as usage (a UserError, so API callers catch it as one)', () => {
    expect(() => selectServices(chain, ['nope'])).toThrow(UsageError);
  });
});

describe('reliedOn', () => {
  it('the selection and the children its services link, which --no-deps leaves out', () => {
    expect([...reliedOn(chain, new Set(['front', 'lone']))].sort()).toEqual(['api', 'front', 'lone']);
    expect([...reliedOn(chain, new Set(['api']))].sort()).toEqual(['api', 'cache', 'db']);
  });
});
