// A mistake the user can fix (a missing image, an unreachable engine, a taken port), as opposed to a bug.
// The CLI prints `message` and `remedy` and never a stack trace for these.
export class UserError extends Error {
  constructor(
    message: string,
    readonly remedy?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * A mistake in the command line found once it was parsed (a service the manifest or project does not
 * have, options that do not go together): exit 2, as for usage.
 */
export class UsageError extends UserError {
  override name = 'UsageError';
}
