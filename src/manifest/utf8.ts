// Manifest, .env and env_file bytes → text. Strict: a Latin-1 or UTF-16 file must fail with a position,
// not turn into U+FFFD characters that later phases report as something else (or accept).
import { basename } from 'node:path';
import { ManifestError, type Problem } from './problems.js';

/** The text, or a ManifestError at the first byte that is not UTF-8. */
export function utf8(file: string, bytes: Uint8Array): string {
  const decoded = decodeUtf8(file, bytes);
  if (typeof decoded !== 'string') throw new ManifestError([decoded]);
  return decoded;
}

/** The text, or the problem at the first byte that is not UTF-8 (for callers that go on collecting problems). */
export function decodeUtf8(file: string, bytes: Uint8Array): string | Problem {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = invalidUtf8At(bytes);
    const before = new TextDecoder().decode(bytes.subarray(0, bad)).split('\n');
    const hex = (bytes[bad] ?? 0).toString(16).padStart(2, '0');
    const utf16 = bad === 0 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)); // a UTF-16 BOM
    const what = utf16 ? 'is UTF-16 text' : `is not UTF-8 text (byte 0x${hex} at offset ${bad})`;
    const message = `${basename(file)} ${what}; save it as UTF-8`;
    return { file, line: before.length, col: before[before.length - 1]!.length + 1, message };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    // the second byte's range excludes overlong forms, surrogates and code points above U+10FFFF
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}
