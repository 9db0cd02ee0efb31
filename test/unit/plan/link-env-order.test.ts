// linkEnv's emission order, unsorted, as Docker 20.10 (classic) and docker 28 (modern) emit it.
import { describe, expect, it } from 'vitest';
import { linkEnv } from '../../../src/plan/link-env.js';
import { four, input, ports } from './link-env-helpers.js';

describe('linkEnv: emission order', () => {
  const io = input({ alias: 'my-db', parentName: 'p', ip: '172.17.0.2', ports: ports('6300/udp', '6379', '6380', '6381', '6382/udp') });

  // Docker 20.10 here, `docker run --link c:my-db busybox env` (its process env keeps one of each duplicate)
  it('classic: default port, then ranges, then every port, then name', () => {
    expect(linkEnv({ ...io, dialect: 'classic' })).toEqual([
      'MY_DB_PORT=udp://172.17.0.2:6300',
      'MY_DB_PORT_6379_TCP_START=tcp://172.17.0.2:6379',
      'MY_DB_PORT_6379_TCP_ADDR=172.17.0.2',
      'MY_DB_PORT_6379_TCP_PROTO=tcp',
      'MY_DB_PORT_6379_TCP_PORT_START=6379',
      'MY_DB_PORT_6379_UDP_END=udp://172.17.0.2:6382',
      'MY_DB_PORT_6379_UDP_PORT_END=6382',
      ...four('MY_DB', '172.17.0.2', 6300, 'udp'),
      ...four('MY_DB', '172.17.0.2', 6379, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6380, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6381, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6382, 'udp'),
      'MY_DB_NAME=/p/my-db',
    ]);
  });

  // docker 28: a range's variables follow the four of the first port that breaks it
  it('modern: default port, every port with its range after the run ends, then name', () => {
    expect(linkEnv({ ...io, dialect: 'modern' })).toEqual([
      'MY_DB_PORT=tcp://172.17.0.2:6379',
      ...four('MY_DB', '172.17.0.2', 6379, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6380, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6381, 'tcp'),
      ...four('MY_DB', '172.17.0.2', 6300, 'udp'),
      'MY_DB_PORT_6379_TCP_START=tcp://172.17.0.2:6379',
      'MY_DB_PORT_6379_TCP_PORT_START=6379',
      'MY_DB_PORT_6379_TCP_END=tcp://172.17.0.2:6381',
      'MY_DB_PORT_6379_TCP_PORT_END=6381',
      ...four('MY_DB', '172.17.0.2', 6382, 'udp'),
      'MY_DB_NAME=/p/my-db',
    ]);
  });
});
