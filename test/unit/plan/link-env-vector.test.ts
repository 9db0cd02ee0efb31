// linkEnv against moby's own test vector (daemon/links/links_test.go), in both dialects.
import { describe, expect, it } from 'vitest';
import { linkEnv } from '../../../src/plan/link-env.js';
import { input, ports, sorted } from './link-env-helpers.js';

describe('linkEnv: the spec test vector (moby daemon/links/links_test.go)', () => {
  const vector = input({
    alias: 'docker',
    parentName: 'db',
    ip: '172.0.17.2',
    ports: ports('6300/udp', '6379/tcp', '6380/tcp', '6381/tcp', '6382/udp'),
    env: ['PASSWORD=gordon'],
  });

  it('modern: tcp first, the tcp run 6379-6381 is a range', () => {
    expect(sorted(linkEnv(vector))).toEqual([
      'DOCKER_ENV_PASSWORD=gordon',
      'DOCKER_NAME=/db/docker',
      'DOCKER_PORT=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6300_UDP=udp://172.0.17.2:6300',
      'DOCKER_PORT_6300_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6300_UDP_PORT=6300',
      'DOCKER_PORT_6300_UDP_PROTO=udp',
      'DOCKER_PORT_6379_TCP=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6379_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6379_TCP_END=tcp://172.0.17.2:6381',
      'DOCKER_PORT_6379_TCP_PORT=6379',
      'DOCKER_PORT_6379_TCP_PORT_END=6381',
      'DOCKER_PORT_6379_TCP_PORT_START=6379',
      'DOCKER_PORT_6379_TCP_PROTO=tcp',
      'DOCKER_PORT_6379_TCP_START=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6380_TCP=tcp://172.0.17.2:6380',
      'DOCKER_PORT_6380_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6380_TCP_PORT=6380',
      'DOCKER_PORT_6380_TCP_PROTO=tcp',
      'DOCKER_PORT_6381_TCP=tcp://172.0.17.2:6381',
      'DOCKER_PORT_6381_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6381_TCP_PORT=6381',
      'DOCKER_PORT_6381_TCP_PROTO=tcp',
      'DOCKER_PORT_6382_UDP=udp://172.0.17.2:6382',
      'DOCKER_PORT_6382_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6382_UDP_PORT=6382',
      'DOCKER_PORT_6382_UDP_PROTO=udp',
    ]);
  });

  it('classic: lowest number first (udp 6300), 6379-6382 is one range ending in udp, ADDR/PROTO twice', () => {
    expect(sorted(linkEnv({ ...vector, dialect: 'classic' }))).toEqual([
      'DOCKER_ENV_PASSWORD=gordon',
      'DOCKER_NAME=/db/docker',
      'DOCKER_PORT=udp://172.0.17.2:6300',
      'DOCKER_PORT_6300_UDP=udp://172.0.17.2:6300',
      'DOCKER_PORT_6300_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6300_UDP_PORT=6300',
      'DOCKER_PORT_6300_UDP_PROTO=udp',
      'DOCKER_PORT_6379_TCP=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6379_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6379_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6379_TCP_PORT=6379',
      'DOCKER_PORT_6379_TCP_PORT_START=6379',
      'DOCKER_PORT_6379_TCP_PROTO=tcp',
      'DOCKER_PORT_6379_TCP_PROTO=tcp',
      'DOCKER_PORT_6379_TCP_START=tcp://172.0.17.2:6379',
      'DOCKER_PORT_6379_UDP_END=udp://172.0.17.2:6382',
      'DOCKER_PORT_6379_UDP_PORT_END=6382',
      'DOCKER_PORT_6380_TCP=tcp://172.0.17.2:6380',
      'DOCKER_PORT_6380_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6380_TCP_PORT=6380',
      'DOCKER_PORT_6380_TCP_PROTO=tcp',
      'DOCKER_PORT_6381_TCP=tcp://172.0.17.2:6381',
      'DOCKER_PORT_6381_TCP_ADDR=172.0.17.2',
      'DOCKER_PORT_6381_TCP_PORT=6381',
      'DOCKER_PORT_6381_TCP_PROTO=tcp',
      'DOCKER_PORT_6382_UDP=udp://172.0.17.2:6382',
      'DOCKER_PORT_6382_UDP_ADDR=172.0.17.2',
      'DOCKER_PORT_6382_UDP_PORT=6382',
      'DOCKER_PORT_6382_UDP_PROTO=udp',
    ]);
  });
});
