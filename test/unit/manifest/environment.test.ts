import { describe, expect, test } from 'vitest';
import { DIR, load, problems, svc } from './helpers.js';

const env = (body: string, opts: Parameters<typeof load>[1] = {}) => load(svc(body), opts).manifest.services.web!.environment;

describe('environment', () => {
  test.each<[string, Record<string, string>]>([
    ['environment: {A: "1", B: x}', { A: '1', B: 'x' }],
    ['environment: {PORT: 5432, DEBUG: true, RATIO: 1.5, OFF: false}', { PORT: '5432', DEBUG: 'true', RATIO: '1.5', OFF: 'false' }],
    ['environment: [A=1, "B=x=y", C=]', { A: '1', B: 'x=y', C: '' }],
    ['environment: [FROM_ENV, UNSET_ONE]', { FROM_ENV: 'e' }],
    ['environment: {FROM_ENV: null, FROM_DOTENV: , UNSET_ONE: }', { FROM_ENV: 'e', FROM_DOTENV: 'd' }],
    ['environment: []', {}],
    ['environment: {}', {}],
  ])('%s', (body, want) => {
    expect(env(body, { env: { FROM_ENV: 'e' }, dotenv: { file: `${DIR}/.env`, text: 'FROM_DOTENV=d\n' } })).toEqual(want);
  });

  test.each<[string, string[]]>([
    ['environment: ["=x"]', ['4:19: environment has an empty key; use KEY=VALUE']],
    ['environment: {"A=B": x}', ['4:19: environment key "A=B" must not contain "="; use KEY=VALUE']],
    ['environment: {A: [1]}', ['4:22: environment.A must be a string, a number, true or false or empty, not a list']],
    ['environment: [1]', ['4:19: environment entry must be a string, not an integer']],
    ['environment: x', ['4:18: environment must be a mapping or a list, not a string; like {POSTGRES_PASSWORD: secret} or [DEBUG=1, HOME_URL]']],
  ])('%s fails', (body, want) => {
    expect(problems(svc(body))).toEqual(want);
  });
});

describe('labels', () => {
  test.each<[string, Record<string, string>]>([
    ['labels: {com.example.team: pay, n: 1}', { 'com.example.team': 'pay', n: '1' }],
    ['labels: ["a=1", b]', { a: '1', b: '' }],
  ])('%s', (body, want) => {
    expect(load(svc(body)).manifest.services.web!.labels).toEqual(want);
  });

  test.each<[string, string[]]>([
    ['labels: {io.hitch.project: x}', ['4:14: label "io.hitch.project" is reserved: keys starting with "io.hitch." are hitch\'s own; choose another prefix']],
    ['labels: [ok=1, "io.hitch.role=x"]', ['4:20: label "io.hitch.role" is reserved: keys starting with "io.hitch." are hitch\'s own; choose another prefix']],
  ])('%s fails', (body, want) => {
    expect(problems(svc(body))).toEqual(want);
  });
});

describe('share_env', () => {
  test('kept as given; absent means share all', () => {
    const m = load('services:\n  a:\n    image: x\n    share_env: [USER, DB]\n  b:\n    image: x\n').manifest;
    expect([m.services.a!.shareEnv, 'shareEnv' in m.services.b!]).toEqual([['USER', 'DB'], false]);
  });

  test('keys have no "="', () => {
    expect(problems(svc('share_env: ["A=B", ""]'))).toEqual([
      '4:17: share_env entry "A=B" is not an env key; a key is non-empty and has no \'=\'',
      '4:24: share_env entry "" is not an env key; a key is non-empty and has no \'=\'',
    ]);
  });
});
