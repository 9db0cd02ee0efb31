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

/** A command line naming what the manifest does not have (`hitch up wbe`): exit 2, as for a bad option. */
export class UsageError extends UserError {
  override name = 'UsageError';
}
