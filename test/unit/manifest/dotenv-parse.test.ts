// The `.env` and env_file syntax, rule by rule, as compose v2 reads it (compose-go's dotenv parser and
// docs.docker.com's "Syntax for environment files"): every case asserts whole results.
import { describe, expect, test } from 'vitest';
import { parseEnvFile } from '../../../src/manifest/dotenv.js';

/** Each key's value (null for a bare KEY), or every problem as "line:col: message". */
function read(text: string): Record<string, string | null> | string[] {
  const { entries, errors } = parseEnvFile(text);
  if (errors.length > 0) return errors.map((e) => `${e.line}:${e.col}: ${e.message}`);
  return Object.fromEntries(entries.map((e) => [e.key, e.value ?? null]));
}

type Case = [string, string, Record<string, string | null> | string[]];

/** One rule of the syntax: each case's text read to its whole result. */
function rule(title: string, cases: Case[]): void {
  describe(title, () => {
    test.each(cases)('%s', (_, text, want) => {
      expect(read(text)).toEqual(want);
    });
  });
}

rule('comments', [
  ['a line starting with #', '# A=1\nB=2\n', { B: '2' }],
  ['an indented comment line, blank lines', '\n  \t# A=1\n\n\nB=2', { B: '2' }],
  ['after an unquoted value, preceded by a space', 'A=1 # one', { A: '1' }],
  ['several spaces before it', 'A=a b   # c', { A: 'a b' }],
  ['a # without a space before it is the value\'s', 'A=1# not a comment', { A: '1# not a comment' }],
  ['a tab before # is not enough (compose cuts at " #")', 'A=1\t# c', { A: '1\t# c' }],
  ['a value that starts with #', 'A=#1', { A: '#1' }],
  ['spaces then # right after "=": the value is "# …"', 'A= # c', { A: '# c' }],
  ['after a double-quoted value', 'A="1" # one\nB=2', { A: '1', B: '2' }],
  ['right after the closing quote', 'A="1"# one', { A: '1' }],
  ['after a single-quoted value', "A='1' # one", { A: '1' }],
  ['inside double quotes, # is the value\'s', 'A="a # b"', { A: 'a # b' }],
  ['inside single quotes too', "A='a#b' # c", { A: 'a#b' }],
]);

rule('export', [
  ['export KEY=', 'export A=1', { A: '1' }],
  ['after a tab', 'export\tA=1', { A: '1' }],
  ['indented', '  export A=1', { A: '1' }],
  ['with a quoted value', "export A='x y'", { A: 'x y' }],
  ['with an empty value', 'export A=', { A: '' }],
  ['bare: the key comes from the environment', 'export A', { A: null }],
  ['a key starting with "export" is a key', 'exportA=1\nexport_B=2\nexport.C=3', { exportA: '1', export_B: '2', 'export.C': '3' }],
  ['"export" alone is a bare key', 'export', { export: null }],
]);

rule('empty values and bare keys', [
  ['KEY=', 'A=', { A: '' }],
  ['KEY= and spaces', 'A=   ', { A: '' }],
  ['empty double quotes', 'A=""', { A: '' }],
  ['empty single quotes', "A=''", { A: '' }],
  ['empty quotes and a comment', 'A="" # none', { A: '' }],
  ['a bare KEY', 'A\nB =\n', { A: null, B: '' }],
  ['a bare KEY with spaces around it', '  A  \n', { A: null }],
]);

rule('unquoted values', [
  ['spaces around "=" and at the ends', ' A = a b  ', { A: 'a b' }],
  ['more "=" in the value', 'A=postgres://h/db?ssl=off', { A: 'postgres://h/db?ssl=off' }],
  ['quotes inside are the value\'s', `A=a"b'c'`, { A: `a"b'c'` }],
  ['no escapes', 'A=a\\nb\\"', { A: 'a\\nb\\"' }],
  ['CRLF line ends', 'A=1\r\nB="2"\r\nC\r\n', { A: '1', B: '2', C: null }],
  ['"A=1 B=2" is one value', 'A=1 B=2', { A: '1 B=2' }],
]);

rule('double-quoted values', [
  ['\\n \\r \\t', 'A="1\\n2\\r3\\t4"', { A: '1\n2\r3\t4' }],
  ['\\a \\b \\f \\v', 'A="\\a\\b\\f\\v"', { A: '\x07\b\f\v' }],
  ['an escaped quote', 'A="{\\"k\\": 1}"', { A: '{"k": 1}' }],
  ['an escaped backslash', 'A="a\\\\b"', { A: 'a\\b' }],
  ['an escaped backslash before the closing quote', 'A="a\\\\"\nB=1', { A: 'a\\', B: '1' }],
  ['\\$ is a $', 'A="\\$HOME"', { A: '$HOME' }],
  ['other backslashes are kept', 'A="C:\\dir\\x \\\' \\c"', { A: "C:\\dir\\x \\' \\c" }],
  ['\\0 and three octal digits', 'A="\\0101\\0060"', { A: 'A0' }],
  ['\\0 otherwise: compose keeps its rewrite to \\', 'A="\\0|\\012|\\0400|\\0089"', { A: '\\|\\12|\\400|\\089' }],
  ['a single quote inside', `A="it's"`, { A: "it's" }],
  ['spanning lines', 'A="one\ntwo\n  three"\nB=2', { A: 'one\ntwo\n  three', B: '2' }],
  ['spanning lines with CRLF: the CR is kept, as in compose', 'A="one\r\ntwo"', { A: 'one\r\ntwo' }],
  ['a KEY=VALUE line inside is the value\'s', 'A="x\nB=2\n"', { A: 'x\nB=2\n' }],
]);

rule('single-quoted values', [
  ['taken as written', "A='$HOME ${X} \\n \\t'", { A: '$HOME ${X} \\n \\t' }],
  ['an escaped single quote', "A='Let\\'s go'", { A: "Let's go" }],
  ['other backslashes are kept', `A='a\\"b \\\\'`, { A: 'a\\"b \\\\' }],
  ['double quotes inside', `A='say "hi"'`, { A: 'say "hi"' }],
  ['spanning lines', "A='-----BEGIN-----\nMIIB\n-----END-----'\nB=2", { A: '-----BEGIN-----\nMIIB\n-----END-----', B: '2' }],
]);

rule('what follows a closing quote on its line is the next statement, as in compose', [
  ['another KEY=VALUE', 'A="1" B=\'2\' C=3', { A: '1', B: '2', C: '3' }],
  ['a bare key', 'A="1"B', { A: '1', B: null }],
  ['text that is no key: the message says where the value closed', "A='it's'\nB=2", [
    `1:7: "s'" is not a variable name; it follows the single quote (') that closes the value of A: to put a ' inside the value, write \\'`,
  ]],
  ['the same for double quotes', 'A="say "hi""', [
    '1:9: "hi\\"\\"" is not a variable name; it follows the double quote (") that closes the value of A: to put a " inside the value, write \\"',
  ]],
]);

// the message of an unclosed quote
const double = (key: string) => `the value of ${key} opens a double quote (") here and the file ends before it closes; end the value with ", writing \\" for a " inside it`;
const single = (key: string) => `the value of ${key} opens a single quote (') here and the file ends before it closes; end the value with ', writing \\' for a ' inside it`;
rule('an unclosed quote is an error where it opens (compose refuses the file too)', [
  ['a double quote', 'A="abc', [`1:3: ${double('A')}`]],
  ['a single quote', "A='abc", [`1:3: ${single('A')}`]],
  ['on a later line, after spaces and export', 'OK=1\n  export TOKEN = "abc\nB=2\n', [`2:18: ${double('TOKEN')}`]],
  ['the closing quote escaped', 'A="abc\\"', [`1:3: ${double('A')}`]],
  ['a lone quote', 'A="', [`1:3: ${double('A')}`]],
  ['a quote opened after a closed value', "A='x' B='y", [`1:9: ${single('B')}`]],
  ['with a bad key too', '1A="x', ['1:1: "1A" is not a variable name; use KEY=VALUE lines', `1:4: ${double('1A')}`]],
]);

rule('keys', [
  ['letters, digits, _ . -', 'a.b-c_D9=1', { 'a.b-c_D9': '1' }],
  ['a line that is no KEY=VALUE', 'A=1\nbad line\n', ['2:1: "bad line" is not a variable name; use KEY=VALUE lines']],
  ['a key starting with a digit', '  1X=y', ['1:3: "1X" is not a variable name; use KEY=VALUE lines']],
  ['a space inside', 'A B=1', ['1:1: "A B" is not a variable name; use KEY=VALUE lines']],
  ['no key', '=1', ['1:1: "" is not a variable name; use KEY=VALUE lines']],
  ['after export', 'export 1X=1', ['1:8: "1X" is not a variable name; use KEY=VALUE lines']],
  ['a bad key\'s quoted value is still read to its end', '1X="a\nB=b"\nC=c', ['1:1: "1X" is not a variable name; use KEY=VALUE lines']],
]);

describe('whole results', () => {
  test('every bad line is reported, and the good ones are read', () => {
    expect(parseEnvFile('A=1\nbad line\nB=2\n2C=3\n')).toEqual({
      entries: [
        { line: 1, col: 3, key: 'A', value: '1', template: '1' },
        { line: 3, col: 3, key: 'B', value: '2', template: '2' },
      ],
      errors: [
        { line: 2, col: 1, message: '"bad line" is not a variable name; use KEY=VALUE lines' },
        { line: 4, col: 1, message: '"2C" is not a variable name; use KEY=VALUE lines' },
      ],
    });
  });

  test('each value at its line and column (its opening quote); a template unless single-quoted', () => {
    expect(parseEnvFile('A="x\ny"\n  B = \'$b\'\nexport C=$c\nD="\\$d ${e}" E\n').entries).toEqual([
      { line: 1, col: 3, key: 'A', value: 'x\ny', template: 'x\ny' },
      { line: 3, col: 7, key: 'B', value: '$b' },
      { line: 4, col: 10, key: 'C', value: '$c', template: '$c' },
      { line: 5, col: 3, key: 'D', value: '$d ${e}', template: '$$d ${e}' },
      { line: 5, col: 14, key: 'E' },
    ]);
  });
});
