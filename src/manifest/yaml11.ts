// Plain scalars a YAML 1.1 reader takes otherwise than YAML 1.2, which hitch reads: one list for the
// YAML hitch writes (normalized.ts quotes such strings, so every reader reads them as strings) and for
// `hitch convert` (convert/yaml11-numbers.ts writes the integers compose read).

/**
 * PyYAML's int forms (resolver.py, compose 1.x) that go-yaml v3 (compose v2, resolve.go: it drops every
 * `_`, then strconv.ParseInt with base 0) reads the same, with why YAML 1.2 differs. Sexagesimal `1:20`
 * is left out: go-yaml reads it as a string, as hitch does.
 */
export const YAML11_INTEGERS: ReadonlyArray<{ form: RegExp; why: string }> = [
  { form: /^[-+]?0b[01_]+$/, why: 'read 0b as binary' },
  { form: /^[-+]?0x[0-9a-fA-F_]+$/, why: 'read 0x as hexadecimal, signed or with _ too' },
  { form: /^[-+]?0[0-7_]+$/, why: 'take a leading 0 for octal' },
  { form: /^[-+]?[1-9][0-9_]*$/, why: 'ignore _ between digits' },
];

/**
 * Plain words a YAML 1.1 reader (PyYAML, compose 1.29's) takes for something else than a string: its
 * booleans (`y` and `n` too, for some), numbers (the integers above, any case, and digits with `_`,
 * sexagesimal `1:20`, `.5`, `.inf`), dates, null, and the merge key. A little wider than the readers in
 * places (`yEs`, `0B1`), never on an ordinary word or path.
 */
export const YAML11_RETYPED: readonly RegExp[] = [
  /^(?:y|n|yes|no|true|false|on|off|null|~|<<)$/i,
  ...YAML11_INTEGERS.map(({ form }) => new RegExp(form.source, 'i')),
  /^[-+]?(?:\d[\d_]*(?::[0-5]?\d)*(?:\.[\d_]*)?(?:e[-+]?\d+)?|\.\d[\d_]*(?:e[-+]?\d+)?|\.inf|\.nan)$/i,
  /^\d{4}-\d\d?-\d\d?(?:$|[Tt\s])/,
];

/** Whether a YAML 1.1 reader takes the plain scalar `text` for something else than a string. */
export function retypedByYaml11(text: string): boolean {
  return YAML11_RETYPED.some((type) => type.test(text));
}
