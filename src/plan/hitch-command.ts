// The hitch commands remedies give, written as the user named the project (`hitch -f dev.yaml up web`),
// so that they work when pasted. Only the CLI knows how it was named (ProjectScope.invocation); the plan,
// the engine and the api pass it on in their options as an opaque prefix. The library's default: `hitch`.

export interface Invocation {
  /** hitch with the options that named the project, as typed (`hitch -f dev.yaml`, `hitch -p shop`); default `hitch`. */
  invocation?: string;
}

/** `hitch -f dev.yaml up web` for `up web`: a command for a remedy. */
export function hitchCommand(o: Invocation, args: string): string {
  return `${o.invocation ?? 'hitch'} ${args}`;
}
