// links lists every link in an env, process.env by default.
import { describe, expect, it } from 'vitest';
import { link, links, requireLink } from '../../../src/client/index.js';
import { generated, tcp } from './generated-env.js';

describe('links', () => {
  it('lists every link by alias, ignoring look-alike variables', () => {
    const env = {
      ...generated('store', [tcp(6379)], 'modern'),
      ...generated('api', [tcp(8080)], 'classic'),
      APP_NAME: '/not/a-link', // APP is not what the alias "a-link" would be
      SERVICE_NAME: 'web',
    };
    expect(links(env).map((l) => [l.alias, l.url])).toEqual([
      ['api', 'tcp://10.213.0.2:8080'],
      ['store', 'tcp://10.213.0.2:6379'],
    ]);
  });

  it('leaves out a link to a service that exposes no port, which link() names', () => {
    const env = { ...generated('store', [tcp(6379)], 'modern'), ...generated('np', [], 'modern', ['MODE=quiet']) };
    expect(env.NP_NAME).toBe('/web/np');
    expect(links(env).map((l) => l.alias)).toEqual(['store']);
    expect(() => link('np', env)).toThrow(/NP_PORT is not set: np exposes no port/);
  });

  it('still refuses a link whose default port is not a URL', () => {
    const env = { ...generated('store', [tcp(6379)], 'modern'), STORE_PORT: 'nonsense' };
    expect(() => links(env)).toThrow(/STORE_PORT is "nonsense", not a URL/);
  });

  it('reads process.env by default', () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, generated('pg', [tcp(5432)], 'modern'));
      expect(requireLink('pg').url).toBe('tcp://10.213.0.2:5432');
      expect(links().map((l) => l.alias)).toEqual(['pg']);
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    }
  });
});
