// Issues: inputs convert turned into a broken manifest or somebody else's message. env_file [null, {}]
// gave `[, ]`; `web: 3` gave `web: {}`; a second document gave yaml's advice to call its API; !!binary
// became {type: Buffer}; a Latin-1 or UTF-16 file was read with U+FFFD in it, or as "no services".
import { describe, expect, it } from 'vitest';
import { convertComposeFile } from '../../../src/convert/file.js';
import { bytesFolder } from '../hardening/bytes-folder.js';
import { converted, refused } from './helpers.js';

describe('env_file entries that name no file are dropped, each with a warning', () => {
  it.each<[string, string, string | undefined, string[]]>([
    ['null and an empty mapping in a list', '[null, {}, a.env]', '["a.env"]', ['4:16: service "web": env_file entry null is dropped: it names no file; give a path, or { path: … }', '4:22: service "web": env_file entry {} is dropped: it names no file; give a path, or { path: … }']],
    ['a list of nothing but those', '[null, {required: true}]', undefined, ['4:16: service "web": env_file entry null is dropped: it names no file; give a path, or { path: … }', '4:22: service "web": env_file entry {"required":true} is dropped: it names no file; give a path, or { path: … }']],
    ['a number', '3', undefined, ['4:5: service "web": env_file entry 3 is dropped: it names no file; give a path, or { path: … }']],
    ['a path that is not a string', '[{path: [a.env]}]', undefined, ['4:16: service "web": env_file entry {"path":["a.env"]} is dropped: it names no file; give a path, or { path: … }']],
  ])('%s', (_name, envFile, kept, warnings) => {
    const yaml = `services:\n  web:\n    image: x\n${kept === undefined ? '' : `    env_file: ${kept}\n`}`;
    expect(converted(`services:\n  web:\n    image: x\n    env_file: ${envFile}\n`)).toEqual({ yaml, warnings });
  });
});

// Issue: an optional env_file that is not there failed convert ("cannot be read", exit 2); compose skips it.
describe('an env_file with required: false', () => {
  const compose = 'services:\n  web:\n    image: x\n    env_file:\n      - a.env\n      - path: ${DIR:-.}/optional.env\n        required: false\n';
  const disk = (present: string[]) => ({ readFile: (p: string) => (present.some((f) => p === `${process.cwd()}/${f}`) ? '' : undefined) });

  it('is left out when it is not there, as compose skips it, with a warning', () => {
    expect(converted(compose, disk(['a.env']))).toEqual({
      yaml: 'services:\n  web:\n    image: x\n    env_file: ["a.env"]\n',
      warnings: [
        `6:9: service "web": env_file \${DIR:-.}/optional.env is dropped: it is not there (looked for ${process.cwd()}/optional.env), and compose skips a missing env_file with required: false; hitch reads every env_file it names: add it back once the file exists`,
      ],
    });
  });

  it('is kept when it is there, which hitch then needs', () => {
    expect(converted(compose, disk(['a.env', 'optional.env']))).toEqual({
      yaml: 'services:\n  web:\n    image: x\n    env_file: ["a.env", "${DIR:-.}/optional.env"]\n',
      warnings: ['7:9: service "web": env_file.required is dropped: hitch needs ${DIR:-.}/optional.env to exist'],
    });
  });

  it('the only one, left out: env_file goes', () => {
    expect(converted('services:\n  web:\n    image: x\n    env_file: [{path: o.env, required: false}]\n', disk([])).yaml).toEqual('services:\n  web:\n    image: x\n');
  });
});

describe('refused, with the place and what to do', () => {
  it.each<[string, string, string[]]>([
    ['services that are not a mapping', 'version: "3"\nservices: [web]\n', ['docker-compose.yml:2:11: services is a list, not a mapping of services by name, e.g. "services: {web: {image: nginx}}"']],
    ['a service that is a number', 'services:\n  db: {image: x}\n  web: 3\n', ['docker-compose.yml:3:8: service "web" is 3, not a mapping of its settings; give it at least an image or a build, e.g. "image: nginx"']],
    ['a service that is empty', 'services:\n  web:\n', ['docker-compose.yml:2:3: service "web" is empty, not a mapping of its settings; give it at least an image or a build, e.g. "image: nginx"']],
    ['a service that is a list', 'services:\n  web: [image: x]\n', ['docker-compose.yml:2:8: service "web" is a list, not a mapping of its settings; give it at least an image or a build, e.g. "image: nginx"']],
    [
      'a second document',
      'services:\n  web: {image: x}\n---\nservices:\n  db: {image: y}\n',
      ['docker-compose.yml:3:1: YAML: hitch convert reads one document, but a second one starts here; compose merges the documents of a file as it merges files given with -f: merge them into one, then convert'],
    ],
    ['a !!binary value', 'services:\n  web: {image: !!binary aGVsbG8=}\n', ['docker-compose.yml:2:25: YAML: a !!binary value is not supported here; quote it to make it a string']],
    ['two keys of one name', 'services:\n  web: {image: x}\n  web: {image: y}\n', ['docker-compose.yml:3:3: key "web" appears twice in this mapping, first at 2:3; keep one']],
  ])('%s', (_name, text, problems) => {
    expect(refused(text).problems).toEqual(problems);
  });
});

describe('a compose file is read as UTF-8, or refused as `hitch validate` refuses a manifest', () => {
  const inFolder = bytesFolder('hitch-convert-utf8-');
  /** The output without its header, or the problems. */
  const convertBytes = (bytes: Buffer, dotenv?: Buffer) =>
    inFolder('docker-compose.yml', bytes, dotenv, async (file) => (await convertComposeFile({ file, schemaRef: 's.json', env: {} })).yaml.split('\n').slice(3).join('\n'));

  it.each<[string, Buffer, string]>([
    ['a Latin-1 é', Buffer.concat([Buffer.from('services:\n  web: {image: caf'), Buffer.from([0xe9]), Buffer.from('}\n')]), 'docker-compose.yml:2:19: docker-compose.yml is not UTF-8 text (byte 0xe9 at offset 28); save it as UTF-8'],
    ['UTF-16 with a BOM', Buffer.from('\ufeffservices:\n  web: {image: x}\n', 'utf16le'), 'docker-compose.yml:1:1: docker-compose.yml is UTF-16 text; save it as UTF-8'],
    ['a .env beside it that is not UTF-8', Buffer.from('services:\n  web: {image: x}\n'), '.env:1:3: .env is not UTF-8 text (byte 0xff at offset 2); save it as UTF-8'],
  ])('%s', async (name, bytes, want) => {
    expect(await convertBytes(bytes, name.includes('.env') ? Buffer.from([0x41, 0x3d, 0xff, 0x0a]) : undefined)).toEqual(want);
  });

  it('UTF-8 text, a BOM and the variables of the .env beside it', async () => {
    const got = await convertBytes(Buffer.from('\ufeffservices:\n  web: {image: x, labels: {text: "café-${TAG}"}}\n'), Buffer.from('TAG=€\n'));
    expect(got).toEqual('services:\n  web:\n    image: x\n    labels:\n      text: café-${TAG}\n');
  });
});
