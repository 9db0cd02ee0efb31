// `hitch convert` and `hitch schema` as a user runs them: the converted compose files pass `hitch validate`.
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertCompose } from '../../src/convert/index.js';
import { hitch, ROOT } from './helpers.js';

const COMPOSE = `${ROOT}/test/fixtures/compose`;

describe('convert', () => {
  it.each([
    ['wordpress', 2],
    ['django', 4],
    ['redis-webapp', 3],
  ])('%s: prints the manifest and the warnings, and the manifest passes hitch validate', async (name, services) => {
    const dir = join(await mkdtemp(join(tmpdir(), 'hitch-convert-')), name); // the folder names the project
    await cp(`${COMPOSE}/${name}`, dir, { recursive: true });
    const file = `${dir}/docker-compose.yml`;
    const want = convertCompose(await readFile(file, 'utf8'), { file, schemaRef: relative(dir, `${ROOT}/links.schema.json`) });
    expect(await hitch(['convert', file])).toEqual({
      code: 0,
      stdout: want.yaml,
      stderr: want.warnings.map((w) => `${file}:${w.line}:${w.col}: warning: ${w.message}\n`).join(''),
    });
    await writeFile(`${dir}/hitch.yaml`, want.yaml);
    expect(await hitch(['-f', `${dir}/hitch.yaml`, 'validate'])).toEqual({
      code: 0,
      stdout: `${dir}/hitch.yaml: valid (project ${name}, ${services} service${services === 1 ? '' : 's'})\n`,
      stderr: '',
    });
  });

  /** A compose file of `text` (or bytes) in a fresh folder, and its path. */
  async function composeFile(text: string | Buffer): Promise<string> {
    const dir = join(await mkdtemp(join(tmpdir(), 'hitch-convert-')), 'shop');
    await mkdir(dir);
    await writeFile(`${dir}/docker-compose.yml`, text);
    return `${dir}/docker-compose.yml`;
  }

  it('format 1 and variables: the output passes hitch validate with the same variables', async () => {
    const file = await composeFile('db:\n  image: postgres\n  volumes: ["${DATA:-./data}:/var/lib/postgresql/data:ro"]\nweb:\n  image: "${WEB_IMAGE:?set WEB_IMAGE}"\n  links: ["${DB:-db}:database"]\n');
    const converted = await hitch(['convert', file], { WEB_IMAGE: 'nginx' });
    expect(converted).toEqual({
      code: 0,
      stdout: `# yaml-language-server: $schema=${relative(dirname(file), `${ROOT}/links.schema.json`)}\n# Converted from docker-compose.yml by \`hitch convert\`.\n\nservices:\n  db:\n    image: postgres\n    volumes: ["\${DATA:-./data}:/var/lib/postgresql/data:ro"]\n  web:\n    image: \${WEB_IMAGE:?set WEB_IMAGE}\n    links: ["\${DB:-db}:database"]\n`,
      stderr: '',
    });
    await writeFile(join(dirname(file), 'hitch.yaml'), converted.stdout);
    expect(await hitch(['-f', join(dirname(file), 'hitch.yaml'), 'validate'], { WEB_IMAGE: 'nginx' })).toMatchObject({ code: 0, stderr: '' });
  });

  it('an output hitch would refuse: exit 2, what was dropped, then what is wrong, in the compose file', async () => {
    const file = await composeFile('services:\n  web:\n    extends: { service: base }\n');
    expect(await hitch(['convert', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${file}:3:5: warning: service "web": extends is dropped: a hitch service is read from its own fields only; copy the fields of the extended service into this one\n${file}:3:5: service "web" needs "image" or "build"\n`,
    });
  });

  it('a file that is not UTF-8: refused as hitch validate refuses one', async () => {
    const file = await composeFile(Buffer.concat([Buffer.from('services:\n  web: {image: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]));
    expect(await hitch(['convert', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `${file}:2:19: docker-compose.yml is not UTF-8 text (byte 0xe9 at offset 28); save it as UTF-8\n`,
    });
  });

  it('a file that is not there: exit 2, as -f naming a manifest that is not there', async () => {
    expect(await hitch(['convert', '/nonexistent/docker-compose.yml'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hitch: cannot read /nonexistent/docker-compose.yml: ENOENT\n  to fix: give the path of a docker-compose.yml\n',
    });
  });
});

describe('schema', () => {
  it('prints links.schema.json as it is', async () => {
    expect(await hitch(['schema'])).toEqual({ code: 0, stdout: await readFile(`${ROOT}/links.schema.json`, 'utf8'), stderr: '' });
  });
});
