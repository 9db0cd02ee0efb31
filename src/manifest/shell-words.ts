// compose splits a string `command:`/`entrypoint:` like a POSIX shell would (go-shellwords):
// whitespace separates words, quotes group them, backslash escapes; no expansion happens.

export function splitShellWords(s: string): string[] | { error: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (c === '\\') {
      const next = s[++i];
      if (next === undefined) return { error: `command ${JSON.stringify(s)} ends with a lone backslash` };
      // Inside double quotes a backslash only escapes what the shell would: $ ` " \ and newline.
      if (quote === '"' && !'$`"\\\n'.includes(next)) word += '\\';
      word += next;
      inWord = true;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      [word, inWord] = ['', false];
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { error: `command ${JSON.stringify(s)} has an unterminated ${quote} quote` };
  if (inWord) words.push(word);
  return words;
}
