// linkEnv's _ENV_ copies of the child env, and envAlias, which turns the alias into the variables' prefix.
import { describe, expect, it } from 'vitest';
import { envAlias, linkEnv } from '../../../src/plan/link-env.js';
import { input, sorted } from './link-env-helpers.js';

interface EnvCase {
  name: string;
  env: string[];
  shareEnv?: string[];
  expected: string[];
}

// spec/links.md §2, `_ENV_`
const envCases: EnvCase[] = [
  { name: 'one variable', env: ['PASSWORD=gordon'], expected: ['DB_ENV_PASSWORD=gordon'] },
  { name: 'HOME and PATH are skipped (set by builds)', env: ['HOME=/root', 'PATH=/bin', 'USER=redis'], expected: ['DB_ENV_USER=redis'] },
  { name: 'entries without = are skipped', env: ['NOVALUE', 'A=1'], expected: ['DB_ENV_A=1'] },
  { name: 'split on the first =: values keep theirs', env: ['URL=a=b=c', 'Q==x'], expected: ['DB_ENV_URL=a=b=c', 'DB_ENV_Q==x'] },
  { name: 'empty values are kept', env: ['EMPTY='], expected: ['DB_ENV_EMPTY='] },
  { name: 'key case is kept; only the alias is upper-cased', env: ['lower_key=v', 'Mixed-Key=w'], expected: ['DB_ENV_lower_key=v', 'DB_ENV_Mixed-Key=w'] },
  { name: 'home and path in lower case are ordinary keys', env: ['home=h', 'Path=p'], expected: ['DB_ENV_home=h', 'DB_ENV_Path=p'] },
  { name: 'a key given twice: the later (own env over image ENV) wins', env: ['VERSION=1', 'OTHER=o', 'VERSION=2'], expected: ['DB_ENV_VERSION=2', 'DB_ENV_OTHER=o'] },
  { name: 'shareEnv keeps only the listed keys', env: ['USER=u', 'PASSWORD=p', 'DB=d'], shareEnv: ['USER', 'DB'], expected: ['DB_ENV_USER=u', 'DB_ENV_DB=d'] },
  { name: 'shareEnv matches keys exactly (case-sensitive)', env: ['user=u', 'USER=U'], shareEnv: ['USER'], expected: ['DB_ENV_USER=U'] },
  { name: 'an empty shareEnv shares nothing', env: ['USER=u'], shareEnv: [], expected: [] },
  { name: 'shareEnv cannot bring back HOME', env: ['HOME=/root'], shareEnv: ['HOME'], expected: [] },
];

describe('linkEnv: the child env, both dialects', () => {
  it.each(envCases)('$name', ({ env, shareEnv, expected }) => {
    for (const dialect of ['modern', 'classic'] as const) {
      expect(sorted(linkEnv(input({ env, shareEnv, dialect })))).toEqual(sorted(['DB_NAME=/web/db', ...expected]));
    }
  });

  it('env comes after the name, in the order given', () => {
    expect(linkEnv(input({ env: ['B=2', 'A=1'] }))).toEqual(['DB_NAME=/web/db', 'DB_ENV_B=2', 'DB_ENV_A=1']);
  });
});

describe('envAlias', () => {
  it.each([
    ['db', 'DB'],
    ['my-db', 'MY_DB'],
    ['a-b_c', 'A_B_C'],
    ['db.main', 'DB.MAIN'], // docker replaces nothing but '-'
    ['Redis2', 'REDIS2'],
  ])('%s → %s', (alias, expected) => {
    expect(envAlias(alias)).toBe(expected);
  });

  it('NAME keeps the alias as written', () => {
    expect(linkEnv(input({ alias: 'my-db', parentName: 'shop-web' }))).toEqual(['MY_DB_NAME=/shop-web/my-db']);
  });
});
