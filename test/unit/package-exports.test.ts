// What a script can import from the installed package by name, as the README names it: the manifest's
// schema and the schemas of the --json outputs of `plan`, `check`, `up`, `ps` and `ls` (package.json "exports").
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';

const require = createRequire(import.meta.url);

it('every schema the package ships resolves by the package name, to the file in the package', () => {
  const shipped = ['links.schema.json', ...readdirSync(new URL('../../schemas', import.meta.url)).map((f) => `schemas/${f}`)];
  const resolved = shipped.map((path) => require.resolve(`hitch/${path}`).endsWith(`/${path}`));
  expect({ shipped, resolved }).toEqual({ shipped, resolved: shipped.map(() => true) });
  const titles = ['plan', 'check', 'up', 'ps', 'ls'].map((command) => (require(`hitch/schemas/${command}.schema.json`) as { title: string }).title);
  expect(titles).toEqual(['hitch plan', 'hitch check', 'hitch up', 'hitch ps', 'hitch ls']);
});
