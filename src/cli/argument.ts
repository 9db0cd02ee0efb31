// Values parsed by the same code the API checks them with: its UserError for a malformed one becomes
// commander's usage error (exit 2), reported before anything is loaded or touched.
import { InvalidArgumentError } from 'commander';
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
