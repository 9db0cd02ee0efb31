// One parser for every option that takes seconds: a bad value is a usage error (exit 2), reported by
// commander before anything is loaded or touched.
import { InvalidArgumentError } from 'commander';

export interface SecondsRule {
  whole?: boolean;
  min?: number;
  max?: number;
}

export function secondsParser(rule: SecondsRule = {}): (value: string) => number {
  const min = rule.min ?? 0;
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  const form = rule.whole ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const range = rule.max === undefined ? '' : ` from ${min} to ${max}`;
  return (value) => {
    const n = Number(value);
    if (!form.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`expected ${rule.whole ? 'a whole number' : 'a number'} of seconds${range}, e.g. ${Math.max(min, 1) * 10 <= max ? Math.max(min, 1) * 10 : max}`);
    }
    return n;
  };
}
