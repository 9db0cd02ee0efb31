import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/plan/model.js';
import { planJson, planText } from '../../../src/plan/plan-text.js';

const plan: Plan = {
  project: 'shop',
  actions: [
    { id: 'volume:data', kind: 'create-volume', cause: 'not found', waitsFor: [], volume: { name: 'shop_data', labels: { 'io.hitch.project': 'shop' } } },
    {
      id: 'service:db',
      kind: 'recreate-container',
      cause: 'config changed',
      waitsFor: ['volume:data'],
      replaces: '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      container: {
        name: 'shop-db', image: 'redis:7', role: 'service', service: 'db', labels: {}, env: [], tty: false, sandbox: 'shop-db-sandbox',
        extraHosts: [], exposedPorts: [], portBindings: [], publishAll: false, capAdd: [], mounts: [], cmd: undefined,
      },
    },
    {
      id: 'ready:db@web', kind: 'await-ready', cause: 'web starts', waitsFor: ['service:db'], service: 'db', container: 'shop-db',
      from: 'shop-web-sandbox', target: { ip: '10.213.0.2', tcpPorts: [] }, healthcheck: false, timeoutMs: 1500,
    },
    { id: 'firewall:web', kind: 'update-firewall', cause: 'rules changed', waitsFor: [], service: 'web', sandbox: 'shop-web-sandbox', firewall: { subnet: '10.213.0.0/24', allow: [] } },
  ],
  unchanged: ['cache', 'web'],
  orphans: ['old'],
};

describe('planText', () => {
  it('header, one line per action, unchanged and orphans', () => {
    expect(planText(plan)).toBe(`plan for shop: 4 actions
volume:data  create-volume shop_data  cause: not found
service:db  recreate-container shop-db image=redis:7 replaces=0123456789ab  cause: config changed  after: volume:data
ready:db@web  await-ready shop-db from=shop-web-sandbox ip=10.213.0.2 timeout=1.5s  cause: web starts  after: service:db
firewall:web  update-firewall shop-web-sandbox allow=none  cause: rules changed
unchanged: cache, web
orphans: old`);
  });
});

describe('planJson', () => {
  it('a plain copy: undefined members dropped, nothing shared with the plan', () => {
    const json = planJson(plan);
    expect(json).toStrictEqual({
      ...plan,
      actions: plan.actions.map((a) => (a.kind === 'recreate-container' ? { ...a, container: (({ cmd: _c, ...rest }) => rest)(a.container) } : a)),
    });
    expect(json.actions[0]).not.toBe(plan.actions[0]);
  });
});
