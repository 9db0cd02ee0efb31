// The command line the user ran, written back as a shell reads it: for a remedy that says to run it again.

/** One argument as a POSIX shell reads it: bare when the shell would change none of it, else in single quotes. */
export function shellWord(arg: string): string {
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `hitch` and the arguments given to it (process.argv after node and the script), each quoted as needed. */
export function commandLine(args: readonly string[]): string {
  return ['hitch', ...args.map(shellWord)].join(' ');
}
