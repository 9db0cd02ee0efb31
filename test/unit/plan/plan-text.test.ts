import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ContainerSpec, Plan } from '../../../src/plan/model.js';
import { planJson, planText } from '../../../src/plan/plan-text.js';
import { planDown, reconcile } from '../../../src/plan/reconcile.js';
import type { ObservedState } from '../../../src/plan/observed.js';
import { afterPlan, withContainers, withService } from './fixtures.js';
import { freshEngine, stack } from './stack.js';

const container = (over: Partial<ContainerSpec>): ContainerSpec => ({
  name: 'shop-db', image: 'redis:7', role: 'service', service: 'db', labels: {}, env: [], tty: false,
  extraHosts: [], exposedPorts: [], portBindings: [], publishAll: false, capAdd: [], mounts: [], ...over,
});

const plan: Plan = {
  project: 'shop',
  actions: [
    { id: 'volume:data', kind: 'create-volume', cause: 'not found', waitsFor: [], volume: { name: 'shop_data', labels: { 'io.hitch.project': 'shop' } } },
    {
      id: 'sandbox:web', kind: 'create-container', cause: 'not found', waitsFor: [],
      container: container({ name: 'shop-web-sandbox', role: 'sandbox', service: 'web', network: { name: 'shop-hitch', ip: '10.213.0.3' }, extraHosts: ['db shop-db:10.213.0.2'] }),
      firewall: { subnet: '10.213.0.0/24', allow: [{ from: '10.213.0.1', proto: 'tcp', port: 80 }] },
    },
    {
      id: 'service:db',
      kind: 'recreate-container',
      cause: 'config changed: image',
      waitsFor: ['volume:data'],
      replaces: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      container: container({ sandbox: 'shop-db-sandbox', cmd: undefined, env: ['API_KEY=k', 'MODE=fast', 'REDIS_PASSWORD=p=q', 'my_token=t'] }),
    },
    {
      id: 'ready:db@web', kind: 'await-ready', cause: 'web starts', waitsFor: ['service:db'], service: 'db', container: 'shop-db',
      from: 'shop-web-sandbox', target: { ip: '10.213.0.2', tcpPorts: [] }, healthcheck: false, timeoutMs: 1500,
    },
    {
      id: 'firewall:db', kind: 'update-firewall', cause: 'rules changed', waitsFor: [], service: 'db', sandbox: 'shop-db-sandbox',
      firewall: { subnet: '10.213.0.0/24', allow: [{ from: '10.213.0.3', proto: 'udp', port: 53 }, { from: '10.213.0.3', proto: 'tcp', port: 6379 }] },
    },
  ],
  unchanged: ['cache', 'web'],
  orphans: ['old'],
};

const TEXT = (secrets: [string, string, string]) => `plan for shop: 5 actions
volume:data  create-volume shop_data  cause: not found
sandbox:web  create-container shop-web-sandbox ip=10.213.0.3 image=redis:7  cause: not found
    hosts  10.213.0.2 db shop-db
    rule   accept established, loopback
    rule   accept tcp from 10.213.0.1 to port 80
    rule   drop from 10.213.0.0/24
service:db  recreate-container shop-db image=redis:7 replaces=0123456789ab  cause: config changed: image  after: volume:data
    env    API_KEY=${secrets[0]}
    env    MODE=fast
    env    REDIS_PASSWORD=${secrets[1]}
    env    my_token=${secrets[2]}
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.2 timeout=1.5s  cause: web starts  after: service:db
firewall:db  update-firewall shop-db-sandbox  cause: rules changed
    rule   accept established, loopback
    rule   accept udp from 10.213.0.3 to port 53
    rule   accept tcp from 10.213.0.3 to port 6379
    rule   drop from 10.213.0.0/24
unchanged: cache, web
orphans: old`;

describe('planText', () => {
  it('one line per action, then env, hosts lines and rules under what it creates; secrets masked', () => {
    expect(planText(plan)).toBe(TEXT(['***', '***', '***']));
  });

  it('secrets shown when asked', () => {
    expect(planText(plan, { showSecrets: true })).toBe(TEXT(['k', 'p=q', 't']));
  });
});

describe('planJson', () => {
  const envOf = (p: Plan) => p.actions.flatMap((a) => (a.kind === 'recreate-container' ? a.container.env : []));

  it('a plain copy with secret values masked: undefined members dropped, nothing shared with the plan', () => {
    const json = planJson(plan);
    expect(envOf(json)).toEqual(['API_KEY=***', 'MODE=fast', 'REDIS_PASSWORD=***', 'my_token=***']);
    expect(envOf(planJson(plan, { showSecrets: true }))).toEqual(['API_KEY=k', 'MODE=fast', 'REDIS_PASSWORD=p=q', 'my_token=t']);
    expect(Object.keys(json.actions[2]!.kind === 'recreate-container' ? json.actions[2].container : {})).not.toContain('cmd');
    expect(json.actions[0]).not.toBe(plan.actions[0]);
  });
});

/** `observed` with the sandboxes of `services` started again after everything else (`docker restart`). */
function sandboxesRestarted(observed: ObservedState, services: string[]): ObservedState {
  const names = new Set(services.map((s) => `shop-${s}-sandbox`));
  return withContainers(observed, (cs) => cs.map((c) => (names.has(c.name) ? { ...c, startedAt: '2026-11-23T12:00:00Z' } : c)));
}

describe('schemas/plan.schema.json', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../schemas/plan.schema.json', import.meta.url), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  const errors = (value: unknown) => (validate(value) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));
  const created = afterPlan(reconcile(stack(), freshEngine()), freshEngine());

  it.each([
    ['a hand-made plan of every action kind up makes', planJson(plan)],
    ['the first up of the stack', planJson(reconcile(stack(), freshEngine()))],
    ['down -v', planJson(planDown('shop', { ...created, volumes: ['shop_dbdata'] }, { volumes: true }))],
    ['up db with a parent left out of date', planJson(reconcile(withService(stack(), 'db', { environment: {} }), created, { selected: ['db'] }))],
    ['up db, its sandbox and its parent web\'s restarted under them: db restarted, web left out though a full up would restart it', planJson(reconcile(stack(), sandboxesRestarted(created, ['db', 'web']), { selected: ['db'] }))],
  ])('accepts %s', (_what, value) => {
    expect(errors(value)).toEqual([]);
  });

  it('the plan of a selection has its services and the parents it leaves out of date', () => {
    const json = planJson(reconcile(withService(stack(), 'db', { environment: {} }), created, { selected: ['db'] }));
    expect({ selected: json.selected, outdated: json.outdated }).toEqual({
      selected: ['db'],
      outdated: [
        { service: 'web', links: ['db'], cause: "child db's shared env changed" },
        { service: 'worker', links: ['db'], cause: "child db's shared env changed" },
      ],
    });
    expect(errors({ ...json, outdated: [{ service: 'web', links: ['db'] }] })).toEqual(["/outdated/0 must have required property 'cause'"]);
  });

  it('a restart is an action of its own kind, and a parent a full up would only restart says so', () => {
    const json = planJson(reconcile(stack(), sandboxesRestarted(created, ['db', 'web']), { selected: ['db'] }));
    expect({ actions: json.actions.map((a) => a.kind), outdated: json.outdated }).toEqual({
      actions: ['restart-container'],
      outdated: [{ service: 'web', links: ['db'], cause: 'sandbox restarted', restart: true }],
    });
    expect(errors({ ...json, outdated: [{ ...json.outdated![0], restart: false }] })).toEqual(['/outdated/0/restart must be equal to constant']);
  });

  it("a port binding's hostPort is the one asked for, in the engine's form: a port, a range it picks from, or \"\" for any", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).addSchema(schema);
    const validateContainer = ajv.getSchema(`${schema.$id}#/$defs/container`)!;
    const errorsWith = (...hostPorts: unknown[]) => {
      const portBindings = hostPorts.map((hostPort, i) => ({ containerPort: 80 + i, proto: 'tcp', hostIp: '', hostPort }));
      return validateContainer(container({ portBindings } as Partial<ContainerSpec>)) ? [] : validateContainer.errors!.map((e) => `${e.instancePath} ${e.message}`);
    };
    expect(errorsWith('8080', '8000-8010', '')).toEqual([]);
    // `ps --json` and `port --json` give the port the engine picked, a number (ps.schema.json): a plan has none picked yet
    expect(errorsWith(8080, 'any')).toEqual(['/portBindings/0/hostPort must be string', '/portBindings/1/hostPort must match pattern "^([0-9]+(-[0-9]+)?)?$"']);
  });

  it('rejects an unknown kind and a member no action has', () => {
    const bad = { ...planJson(plan), actions: [{ id: 'x', kind: 'explode', cause: 'c', waitsFor: [] }, { ...plan.actions[0], extra: 1 }] };
    expect(validate(bad)).toBe(false);
  });
});
