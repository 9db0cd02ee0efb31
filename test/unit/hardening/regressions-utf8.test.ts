// Regressions from the hostile-input work: manifest and .env bytes that are not UTF-8 (were read as U+FFFD and accepted).
import { describe, expect, test } from 'vitest';
import { loadManifest } from '../../../src/manifest/index.js';
import { bytesFolder } from './bytes-folder.js';

describe('bytes that are not UTF-8 (were read as U+FFFD and accepted)', () => {
  const inFolder = bytesFolder('hitch-utf8-');
  const loadBytes = (name: string, bytes: Buffer, dotenv?: Buffer) =>
    inFolder(name, bytes, dotenv, async (file) => {
      await loadManifest({ file, env: {} });
      return 'valid';
    });

  test.each<[string, Buffer, string]>([
    ['a Latin-1 é in a value', Buffer.concat([Buffer.from('services:\n  web:\n    image: caf'), Buffer.from([0xe9]), Buffer.from('\n')]), 'hitch.yaml:3:15: hitch.yaml is not UTF-8 text (byte 0xe9 at offset 31); save it as UTF-8'],
    ['UTF-16 with a BOM', Buffer.from('\ufeffservices: {}\n', 'utf16le'), 'hitch.yaml:1:1: hitch.yaml is UTF-16 text; save it as UTF-8'],
    ['an overlong "/" (0xc0 0xaf)', Buffer.from([0x61, 0x3a, 0x20, 0xc0, 0xaf]), 'hitch.yaml:1:4: hitch.yaml is not UTF-8 text (byte 0xc0 at offset 3); save it as UTF-8'],
    ['a surrogate encoded in UTF-8', Buffer.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80]), 'hitch.yaml:1:4: hitch.yaml is not UTF-8 text (byte 0xed at offset 3); save it as UTF-8'],
    ['a sequence cut short at the end', Buffer.from([0x61, 0x3a, 0x20, 0xe2, 0x82]), 'hitch.yaml:1:4: hitch.yaml is not UTF-8 text (byte 0xe2 at offset 3); save it as UTF-8'],
  ])('%s', async (_, bytes, want) => {
    expect(await loadBytes('hitch.yaml', bytes)).toEqual(want);
  });

  test('valid multi-byte text and a UTF-8 BOM still load', async () => {
    expect(await loadBytes('hitch.yaml', Buffer.from('\ufeffservices:\n  web: {image: x, labels: {text: "café-€-😀"}}\n'))).toEqual('valid');
  });

  test('a .env file that is not UTF-8', async () => {
    const got = await loadBytes('hitch.yaml', Buffer.from('services: {web: {image: x}}\n'), Buffer.from([0x41, 0x3d, 0xff, 0x0a]));
    expect(got).toEqual('.env:1:3: .env is not UTF-8 text (byte 0xff at offset 2); save it as UTF-8');
  });
});
