// Plain integers compose reads otherwise than hitch. compose's YAML readers, PyYAML (compose 1.x, YAML
// 1.1) and go-yaml v3 (compose v2, resolve.go: it drops every `_`, then strconv.ParseInt with base 0),
// agree that `0644` is octal 420, `1_000` is 1000, `0b11` is 3 and `-0x1F` is -31; hitch reads YAML 1.2,
// where they are 644 and the strings "1_000", "0b11" and "-0x1F". convert writes what compose read, as the
// converted project must run as the compose one did, and says so: quoted, the text would have stayed text.
// (`yes` and `no` are not among them: go-yaml v3 reads them as strings, as hitch does.)
import { printable } from '../manifest/problems.js';
import { pointer, setOwn, type Path, type Tree } from '../manifest/tree.js';
import { YAML11_INTEGERS } from '../manifest/yaml11.js';
import type { SourcePos } from '../manifest/model.js';

const INT64 = 2n ** 63n; // beyond it, go-yaml no longer reads an integer

/** What compose reads the plain scalar `text` as, and why, when it is one of YAML11_INTEGERS; else undefined. */
function composeInteger(text: string): { value: bigint; why: string } | undefined {
  const integer = YAML11_INTEGERS.find(({ form }) => form.test(text));
  if (!integer) return undefined;
  const negative = text.startsWith('-');
  const digits = text.replace(/^[-+]/, '').replace(/_/g, '');
  if (/^0[bx]?$/.test(digits) && digits !== '0') return undefined; // `0b_`: no digits, a string to both
  const magnitude = BigInt(/^0[0-7]/.test(digits) ? `0o${digits.slice(1)}` : digits);
  const value = negative ? -magnitude : magnitude;
  return value >= -INT64 && value < INT64 ? { value, why: integer.why } : undefined;
}

/** What YAML 1.2 reads a plain scalar of one of YAML11_INTEGERS' forms as: a decimal or hexadecimal integer, else the text. */
function yaml12(text: string): unknown {
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  return /^0x[0-9a-fA-F]+$/.test(text) ? Number.parseInt(text.slice(2), 16) : text;
}

// A plain scalar's whole text, from where it starts to a space or a flow indicator: `010.0` is 10 to
// every reader, not the octal `010` with something after it. (A plain scalar may also hold `,` and more
// outside a flow; composeIntegers compares what it reads here with the tree's value, so a shorter read
// changes nothing.)
const PLAIN_TEXT = /[^\s,[\]{}]+/y;

/** The plain scalar `text` holds at each position a tree gives (from its `"` where it is quoted). */
function writtenAt(text: string): (pos: SourcePos) => string | undefined {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return ({ line, col }) => {
    PLAIN_TEXT.lastIndex = lineStarts[line - 1]! + col - 1;
    return PLAIN_TEXT.exec(text)?.[0];
  };
}

/** Calls `each` with every scalar value below `node` (at `path`), and the mapping or list that holds it. */
function eachScalar(node: unknown, path: Path, each: (holder: Record<string, unknown>, key: string, path: Path) => void): void {
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'object' && value !== null) eachScalar(value, [...path, key], each);
    else each(node as Record<string, unknown>, key, [...path, key]);
  }
}

/**
 * Gives `tree` (read from `text`) compose's integers where YAML 1.2 read them otherwise, each with a warning
 * where it is written, once however many places an anchor put it. Each value is found where the tree says
 * it was written, as a plain scalar: a quoted one was text to compose too. With compose's digits as a
 * string: a string holding an integer is what every field takes (environment, command, user, and, cast,
 * retries), where an integer is refused by those that want a string.
 */
export function composeIntegers(text: string, tree: Tree, warn: (pos: SourcePos, message: string) => void): void {
  if (!/0[0-7_bx]|[0-9]_/.test(text) || typeof tree.root !== 'object' || tree.root === null) return; // the usual case: no such form
  const written = writtenAt(text);
  const told = new Set<string>();
  eachScalar(tree.root, [], (holder, key, path) => {
    const value = holder[key];
    const candidate = typeof value === 'number' ? Number.isInteger(value) : typeof value === 'string' && /^[-+]?[0-9]/.test(value);
    const pos = candidate ? tree.values.get(pointer(path)) : undefined;
    const source = pos && written(pos);
    const compose = source === undefined ? undefined : composeInteger(source);
    if (!pos || !compose || value !== yaml12(source!) || value === Number(compose.value)) return;
    setOwn(holder, key, String(compose.value));
    if (told.has(`${pos.line}:${pos.col}`)) return;
    told.add(`${pos.line}:${pos.col}`);
    const yaml12Reading = typeof value === 'number' ? String(value) : `the string ${JSON.stringify(value)}`;
    const shown = printable(source!);
    const message = `${shown} is ${compose.value} to compose (its YAML readers ${compose.why}), and ${yaml12Reading} to hitch, which reads YAML 1.2: written as "${compose.value}", as compose read it; quote it in the compose file ("${shown}") if the text was meant`;
    warn(pos, message);
  });
}
