// Part of `npm run build`: compiles links.schema.json once into dist/manifest/schema-validator.cjs, so
// hitch does not compile it on every command (src/manifest/schema.ts loads it when present).
import { writeFileSync } from 'node:fs';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { PRECOMPILED, schema, schemaAjv } from '../dist/manifest/schema.js';

const ajv = schemaAjv({ source: true });
const validate = ajv.compile(schema());
writeFileSync(new URL(`../dist/manifest/${PRECOMPILED}`, import.meta.url), standaloneCode.default(ajv, validate));
