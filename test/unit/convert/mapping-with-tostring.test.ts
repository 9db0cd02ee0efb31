// A YAML mapping may have a key named `toString`: String() on it throws (its `toString` is no function),
// where convert must end in a manifest or in problems, as it does for any other mapping in the wrong place.
import { describe, expect, it } from 'vitest';
import { ConvertError } from '../../../src/convert/index.js';
import { convert } from './helpers.js';

const HOSTILE = '{toString: ""}';

function outcome(text: string): string {
  try {
    convert(text);
    return 'converted';
  } catch (e) {
    if (e instanceof ConvertError) return 'refused';
    throw e;
  }
}

describe('a mapping with a toString key where compose wants a scalar', () => {
  it.each<[string, string, string]>([
    ['a mount type', `services:\n  web:\n    image: x\n    volumes:\n      - type: ${HOSTILE}\n        target: /x\n`, 'converted'], // the mount dropped, with a warning
    ['a long port merged through extends', `services:\n  base:\n    image: x\n    ports:\n      - target: 80\n        host_ip: ${HOSTILE}\n  web:\n    extends: base\n    ports: ["80:80"]\n`, 'refused'],
    ['an environment value merged through extends', `services:\n  base:\n    image: x\n    environment:\n      A: ${HOSTILE}\n  web:\n    extends: base\n    environment: [B=1]\n`, 'refused'],
    ['links', `services:\n  web:\n    image: x\n    links: ${HOSTILE}\n`, 'refused'],
  ])('%s', (_, text, expected) => {
    expect(outcome(text)).toBe(expected);
  });
});
