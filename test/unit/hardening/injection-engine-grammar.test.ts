// issue #7.2: for generated valid manifests, firewall args, env entries and hosts entries keep a fixed grammar.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { containers, manifestOf } from './engine-specs.js';

const q = JSON.stringify;

// For every generated valid manifest: firewall args are flags, CIDRs and proto:ip:port only; env keys
// have no '=', space or control character; hosts entries are names and one address.
describe('generated manifests: what reaches the engine has a fixed grammar', { timeout: 20_000 }, () => {
  const FIREWALL_ARG = /^(--subnet|--allow|\d+\.\d+\.\d+\.\d+\/\d+|(tcp|udp|sctp):\d+\.\d+\.\d+\.\d+:\d+(-\d+)?)$/;
  const HOSTS_ENTRY = /^[a-zA-Z0-9_.-]+( [a-zA-Z0-9_.-]+)*:\d+\.\d+\.\d+\.\d+$/;
  const ENV_ENTRY = /^[^=\s\0]+=/;
  const freeText = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('$(id)', '`id`', 'a\nb', '--x', "'; rm -rf /", '"'));
  const port = fc.oneof(fc.integer({ min: 1, max: 65535 }).map(String), fc.tuple(fc.integer({ min: 1, max: 65000 }), fc.nat(3)).map(([p, n]) => `${p}-${p + n}`));
  const proto = fc.constantFrom('', '/tcp', '/udp', '/sctp');
  const service = fc.record({
    expose: fc.array(fc.tuple(port, proto).map(([p, x]) => p + x), { maxLength: 3 }),
    ports: fc.array(fc.tuple(fc.constantFrom('', '127.0.0.1:8001:', '127.0.0.1::', '8000:'), fc.integer({ min: 1, max: 65535 }), proto).map(([h, p, x]) => h + p + x), { maxLength: 2 }),
    publishAll: fc.boolean(),
    env: fc.dictionary(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,5}$/), freeText, { maxKeys: 3 }),
    command: fc.array(freeText, { maxLength: 3 }),
    links: fc.array(fc.nat(), { maxLength: 3 }),
    alias: fc.boolean(),
  });
  const stack = fc.array(service, { minLength: 1, maxLength: 5 }).map((services) =>
    [
      'services:',
      ...services.flatMap((s, i) => {
        // links only to earlier services: no cycles; duplicates of a target are dropped
        const targets = i === 0 ? [] : [...new Set(s.links.map((n) => n % i))];
        const env = Object.entries(s.env).map(([k, v]) => `      ${k}: ${q(v.replaceAll('$', () => '$$'))}`);
        return [
          `  s${i}:`,
          '    image: img',
          `    expose: ${q(s.expose)}`,
          `    ports: ${q(s.ports)}`,
          `    publish_all: ${s.publishAll}`,
          `    command: ${q(s.command.map((c) => c.replaceAll('$', () => '$$')))}`,
          `    links: ${q(targets.map((t) => (s.alias ? `s${t}:a${t}` : `s${t}`)))}`,
          ...(env.length > 0 ? ['    environment:', ...env] : []),
        ];
      }),
    ].join('\n'),
  );

  test('firewall args, env entries and hosts entries', () => {
    fc.assert(
      fc.property(stack, (yaml) => {
        const specs = Object.values(containers(manifestOf(yaml)));
        const sandboxes = specs.filter((s) => s.role === 'sandbox');
        const firewall = sandboxes.flatMap((s) => s.cmd!.slice(2));
        const bad = [
          ...sandboxes.filter((s) => s.cmd![0] !== 'hitch-sandbox' || s.cmd![1] !== 'run').map((s) => s.cmd!.join(' ')),
          ...firewall.filter((a) => !FIREWALL_ARG.test(a)),
          ...specs.flatMap((s) => s.env).filter((e) => !ENV_ENTRY.test(e)),
          ...specs.flatMap((s) => s.extraHosts).filter((h) => !HOSTS_ENTRY.test(h)),
        ];
        expect([sandboxes.length > 0, bad]).toEqual([true, []]);
      }),
      { numRuns: 300 },
    );
  });
});
