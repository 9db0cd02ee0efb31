import { describe, expect, it } from 'vitest';
import { hostsEntries, hostsEntry } from '../../../src/plan/hosts.js';

describe('hostsEntry', () => {
  it.each([
    // docker 20.10 here wrote `172.17.0.3\tdd dbhost hitchplan4297d` for --link hitchplan4297d:dd --hostname dbhost
    { alias: 'dd', hostname: 'dbhost', containerName: 'hitchplan4297d', expected: 'dd dbhost hitchplan4297d:10.0.0.3' },
    { alias: 'db', hostname: 'db', containerName: 'shop-db', expected: 'db shop-db:10.0.0.3' },
    { alias: 'database', hostname: 'db', containerName: 'database', expected: 'database db:10.0.0.3' },
    { alias: 'db', hostname: 'db', containerName: 'db', expected: 'db:10.0.0.3' },
    { alias: 'cache', hostname: 'redis', containerName: 'redis', expected: 'cache redis:10.0.0.3' },
  ])('$alias / $hostname / $containerName', ({ alias, hostname, containerName, expected }) => {
    expect(hostsEntry({ alias, hostname, containerName, ip: '10.0.0.3' })).toBe(expected);
  });
});

describe('hostsEntries', () => {
  it('one per link, sorted by alias', () => {
    expect(
      hostsEntries([
        { alias: 'queue', hostname: 'mq', containerName: 'shop-mq', ip: '10.0.0.4' },
        { alias: 'cache', hostname: 'redis', containerName: 'shop-redis', ip: '10.0.0.2' },
        { alias: 'db', hostname: 'db', containerName: 'shop-db', ip: '10.0.0.3' },
      ]),
    ).toEqual(['cache redis shop-redis:10.0.0.2', 'db shop-db:10.0.0.3', 'queue mq shop-mq:10.0.0.4']);
  });

  it('no links, no entries', () => {
    expect(hostsEntries([])).toEqual([]);
  });
});
