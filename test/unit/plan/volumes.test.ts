// Named volumes: created once with the project's labels; never someone else's volume of the same name.
import { describe, expect, it } from 'vitest';
import { planText } from '../../../src/plan/plan-text.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { UserError } from '../../../src/user-error.js';
import { emptyEngine, manifest, service } from './fixtures.js';

const m = manifest([service('db', { volumes: [{ type: 'volume', source: 'dbdata', target: '/data', readOnly: false }] })]);
const planned = (observed: Parameters<typeof reconcile>[1]) => reconcile(m, observed).actions.filter((a) => a.kind === 'create-volume');

describe('named volumes', () => {
  it('are created with the project and volume labels when missing', () => {
    expect(planned(emptyEngine())).toEqual([
      { id: 'volume:dbdata', kind: 'create-volume', cause: 'not found', waitsFor: [], volume: { name: 'shop_dbdata', labels: { 'io.hitch.project': 'shop', 'io.hitch.volume': 'dbdata' } } },
    ]);
  });

  it("are left alone when the project's own exists", () => {
    expect(planned(emptyEngine({ volumes: ['shop_dbdata'] }))).toEqual([]);
  });

  it('refuse a same-named volume hitch did not make, before anything is planned', () => {
    const err = (() => {
      try {
        return planText(reconcile(m, emptyEngine({ foreignVolumes: ['other', 'shop_dbdata'] })));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect([(err as UserError).message, (err as UserError).remedy]).toEqual([
      'volume shop_dbdata already exists and was not made by hitch for project shop',
      'remove or rename it (`docker volume rm NAME`), or copy its data into a new volume and name that one in the manifest',
    ]);
  });
});
