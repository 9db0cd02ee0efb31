// The schemas of `up --json`, `ps --json` and `ls --json` (schemas/), loaded as a script would load them
// (up's refers to plan's): what they take and the old forms they refuse. The integration tests check
// the real outputs against them (test/integration/json-schemas.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const DIR = new URL('../../../schemas/', import.meta.url);
const schemas = readdirSync(DIR).map((file) => JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as object);
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, schemas });

function errors(command: string, document: unknown): string[] {
  const validate = ajv.getSchema(`https://hitch.dev/schemas/${command}.schema.json`)!;
  return validate(document) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
}

const ID = 'c0ffee'.padEnd(64, '0');
const PORT = { containerPort: 8000, proto: 'tcp', hostIp: '127.0.0.1', hostPort: 49153, address: '127.0.0.1:49153' };
const RUNNING = { service: 'web', container: 'shop-web', id: ID, state: 'running', status: 'Up 2 minutes', ip: '10.213.0.3', ports: [PORT], links: ['db'] };
const MISSING = { service: 'extra', container: null, id: null, state: 'missing', status: null, ip: null, ports: [], links: [] };

describe('ps.schema.json', () => {
  it('takes rows, a missing service with null where there is none, and the ids of ps -q', () => {
    expect([errors('ps', [RUNNING, MISSING]), errors('ps', [ID]), errors('ps', [])]).toEqual([[], [], []]);
  });

  it('refuses "" for an address there is none of, and a host port as a string', () => {
    // each fails both forms: rows, and the ids of ps -q
    const notIds = ['/0 must be string', ' must match a schema in anyOf'];
    expect(errors('ps', [{ ...MISSING, ip: '' }])).toEqual(['/0/ip must NOT have fewer than 1 characters', ...notIds]);
    expect(errors('ps', [{ ...RUNNING, ports: [{ ...PORT, hostPort: '49153' }] }])).toEqual(['/0/ports/0/hostPort must be integer', ...notIds]);
  });
});

describe('ls.schema.json', () => {
  const SERVICE = { name: 'web/db', service: 'db', container: 'shop-db', id: ID.slice(0, 12), image: 'redis:7', state: 'running' };
  const EXTERNAL = { name: 'web/legacy', external: true, container: 'legacy-db', id: null, image: null, state: 'missing' };

  it('takes a service row and a missing external with null id and image', () => {
    expect(errors('ls', [SERVICE, EXTERNAL])).toEqual([]);
  });

  it('refuses "" for an id there is none of, and a row that is both a service and external', () => {
    expect(errors('ls', [{ ...EXTERNAL, id: '' }])).toEqual(['/0/id must match pattern "^[0-9a-f]{12}$"']);
    expect(errors('ls', [{ ...SERVICE, external: true }])).toEqual(['/0 must match exactly one schema in oneOf', '/0 must NOT have unevaluated properties']);
  });
});

describe('up.schema.json', () => {
  const summary = {
    created: ['web'], recreated: [], restarted: [], started: [], rulesUpdated: [], unchanged: [], removed: [], networksRemoved: [], volumesRemoved: [],
    failed: [{ service: 'db', action: 'service:db', error: 'cannot start shop-db: exec: "nope": executable file not found in $PATH', remedy: 'correct command:', logs: [] }],
    notStarted: [{ service: 'api', waitsFor: 'db' }], orphans: [], elapsedMs: 812,
  };
  const link = { parent: 'web', child: 'db', aliases: ['db'], ports: [{ port: 6379, proto: 'tcp' }], missing: [], drops: true };
  const plan = { project: 'shop', actions: [], unchanged: ['db', 'web'], orphans: [] };

  it('takes a failed run, and a dry run with its plan', () => {
    expect(errors('up', { project: 'shop', ok: false, dryRun: false, summary, links: [link] })).toEqual([]);
    expect(errors('up', { project: 'shop', ok: true, dryRun: true, summary: { ...summary, failed: [], notStarted: [] }, links: [], plan })).toEqual([]);
  });

  it("checks the plan against plan.schema.json, and refuses what the summary does not have", () => {
    expect(errors('up', { project: 'shop', ok: true, dryRun: true, summary: { ...summary, skipped: [] }, links: [], plan: { ...plan, unchanged: undefined } })).toEqual([
      "/summary must NOT have additional properties",
      "/plan must have required property 'unchanged'",
    ]);
  });
});
