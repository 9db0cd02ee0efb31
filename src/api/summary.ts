// What `up` and `down` report at the end: which services were created, recreated, left alone, removed.
import type { ExecResult } from '../engine/executor.js';
import type { Action, Plan } from '../plan/model.js';

export interface Summary {
  created: string[];
  recreated: string[];
  started: string[];
  unchanged: string[];
  removed: string[];
  failed: Array<{ service: string; action: string; error: string }>;
  orphans: string[];
  elapsedMs: number;
}

function serviceOf(a: Action): string | undefined {
  switch (a.kind) {
    case 'create-container':
    case 'recreate-container':
      return a.container.service;
    case 'start-container':
    case 'remove-container':
    case 'update-firewall':
    case 'await-ready':
      return a.service;
    default:
      return undefined;
  }
}

const BUCKET: Partial<Record<Action['kind'], keyof Pick<Summary, 'created' | 'recreated' | 'started' | 'removed'>>> = {
  'create-container': 'created',
  'recreate-container': 'recreated',
  'start-container': 'started',
  'remove-container': 'removed',
};

export function summarize(plan: Plan, exec: ExecResult | undefined, startedAt: number): Summary {
  const s: Summary = { created: [], recreated: [], started: [], unchanged: [...plan.unchanged], removed: [], failed: [], orphans: [...plan.orphans], elapsedMs: 0 };
  for (const a of plan.actions) {
    const service = serviceOf(a);
    const bucket = BUCKET[a.kind];
    if (exec?.errors[a.id]) s.failed.push({ service: service ?? a.id, action: a.id, error: exec.errors[a.id].message });
    if (!service || !bucket || (exec && exec.outcomes[a.id] !== 'done')) continue;
    if (!s[bucket].includes(service)) s[bucket].push(service);
  }
  for (const key of ['created', 'recreated', 'started', 'removed'] as const) s[key].sort();
  s.elapsedMs = Date.now() - startedAt;
  return s;
}
