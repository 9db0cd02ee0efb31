// Values parsed by the same code the API checks them with: its UserError for a malformed one becomes
// commander's usage error (exit 2), reported before anything is loaded or touched; -p by the same rule.
import { InvalidArgumentError } from 'commander';
import { PROJECT_NAME, PROJECT_NAME_RULE } from '../manifest/project-name.js';
import { UserError } from '../user-error.js';

export function argumentParser<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (err) {
      if (err instanceof UserError) throw new InvalidArgumentError(`${err.message}; ${err.remedy}`);
      throw err;
    }
  };
}

/**
 * A bad -p is a usage error for every command, also those that read no manifest (down, ps, logs…).
 * commander says "argument 'Bad Name' is invalid." before the message: the rule is all it lacks.
 */
export function projectNameArgument(value: string): string {
  if (!PROJECT_NAME.test(value)) throw new InvalidArgumentError(PROJECT_NAME_RULE);
  return value;
}
