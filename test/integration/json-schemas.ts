// The --json documents of the commands that have a schema (schemas/), read from the real outputs the
// tests look at: a document its schema rejects fails the test that read it, with ajv's words.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT } from './helpers.js';

const SCHEMAS = readdirSync(`${ROOT}/schemas`).map((file) => JSON.parse(readFileSync(`${ROOT}/schemas/${file}`, 'utf8')) as object);
// every schema, as a script would load them: up's refers to plan's
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, schemas: SCHEMAS });

/** `stdout` of `hitch --json COMMAND`, parsed (as JSON.parse types it), once it is valid against schemas/COMMAND.schema.json. */
export function documentOf(command: 'up' | 'ps' | 'ls', stdout: string): any {
  const validate = ajv.getSchema(`https://hitch.dev/schemas/${command}.schema.json`)!;
  const document: unknown = JSON.parse(stdout);
  if (!validate(document)) throw new Error(`${command} --json is not valid against its schema: ${ajv.errorsText(validate.errors)}\n${stdout}`);
  return document;
}
