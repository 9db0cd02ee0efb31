// Values the schema's forms allow but dockerd refuses (or takes, to the host's harm): said on load, at
// the value, before anything is created.
import { describe, expect, test } from 'vitest';
import { imageNameTooLong, normalizedImageName } from '../../../src/manifest/image-names.js';
import { load, problems } from './helpers.js';

describe('image names as Docker counts them (255 characters at most)', () => {
  test.each<[string, string]>([
    ['web', 'docker.io/library/web'],
    ['web:1', 'docker.io/library/web'],
    [`web@sha256:${'0a'.repeat(32)}`, 'docker.io/library/web'],
    ['team/web:1', 'docker.io/team/web'],
    ['docker.io/web', 'docker.io/library/web'],
    ['index.docker.io/team/web', 'docker.io/team/web'],
    ['localhost/web', 'localhost/web'],
    ['localhost:5000/web:1', 'localhost:5000/web'],
    ['registry.example.com/team/web:1.2', 'registry.example.com/team/web'],
    ['Registry/web', 'Registry/web'],
    ['[::1]:5000/web', '[::1]:5000/web'],
  ])('%s is counted as %s', (ref, name) => {
    expect(normalizedImageName(ref)).toBe(name);
  });

  // checked on dockerd 20.10: `docker tag` took 237 and 245 characters and refused 238 and 246
  test.each<[string, boolean]>([
    ['a'.repeat(237), false],
    ['a'.repeat(238), true],
    [`x/${'a'.repeat(243)}`, false],
    [`x/${'a'.repeat(244)}`, true],
    [`reg.io/${'a'.repeat(248)}:${'t'.repeat(128)}`, false],
    [`reg.io/${'a'.repeat(249)}`, true],
  ])('a name of %#: too long %s', (ref, tooLong) => {
    expect(imageNameTooLong(ref) !== undefined).toBe(tooLong);
  });

  test('an image: too long is said at the value, with the count', () => {
    const image = 'a'.repeat(238);
    expect(problems(`services:\n  web:\n    image: ${image}\n`)).toEqual([
      `3:12: image "${image}": its name is 256 characters as Docker counts it ("docker.io/library/aaaaaaaaaa…"), over the 255 Docker allows; use a shorter name`,
    ]);
  });

  test('a registry name is counted as written', () => {
    const image = `reg.io/${'a'.repeat(249)}:1`;
    expect(problems(`services:\n  web:\n    image: ${image}\n`)).toEqual([
      `3:12: image "${image}": its name is 256 characters, over the 255 Docker allows; use a shorter name`,
    ]);
  });

  test('a project name that makes every default tag too long: said once, at the project name', () => {
    const project = 'p'.repeat(236);
    expect(problems(`name: ${project}\nservices:\n  web: {build: .}\n  api: {build: .}\n  db: {image: redis}\n`)).toEqual([
      `1:7: project name "${project}" (from name:) makes image tags too long for the services that build without image: ("api", "web"): "${project}-<service>" is over the 255 characters Docker allows in an image name; use a shorter project name, or give each of them an image:`,
    ]);
  });

  test('a default tag too long for one service: said at that service', () => {
    const project = 'p'.repeat(230);
    const long = 'w'.repeat(8); // 18 + 230 + 1 + 8 = 257
    expect(problems(`name: ${project}\nservices:\n  ${long}: {build: .}\n  web: {build: .}\n`)).toEqual([
      `3:3: service "${long}" builds without image:, and its default tag "${project}-${long}" (<project>-<service>, in lower case) is too long: its name is 257 characters as Docker counts it ("docker.io/library/pppppppppp…"), over the 255 Docker allows; give it an image: to tag the build with, or a shorter name`,
    ]);
  });

  test('a long project name whose builds are tagged loads', () => {
    expect(Object.keys(load(`name: ${'p'.repeat(240)}\nservices:\n  web: {build: ., image: web}\n`).manifest.services)).toEqual(['web']);
  });
});

describe("the lock's name is not a container's", () => {
  test.each<[string, string, string]>([
    ['a container_name', 'name: shop\nservices:\n  web: {image: x, container_name: hitch-lock-shop}\n', '3:35: container name "hitch-lock-shop"'],
    ['another project\'s lock', 'name: shop\nservices:\n  web: {image: x, container_name: hitch-lock-other}\n', '3:35: container name "hitch-lock-other"'],
    ['a default name', 'name: hitch\nservices:\n  lock-shop: {image: x}\n', '3:3: container name "hitch-lock-shop"'],
  ])('%s', (_, yaml, start) => {
    expect(problems(yaml)).toEqual([
      `${start} starts with "hitch-lock-", which hitch keeps for the lock of a project's \`up\`, \`down\`, \`restart\`, \`stop\` and \`start\`; set a different container_name`,
    ]);
  });

  test('a name that only holds the words loads', () => {
    expect(Object.keys(load('name: shop\nservices:\n  web: {image: x, container_name: my-hitch-lock}\n').manifest.services)).toEqual(['web']);
  });
});

describe('stop_signal: a signal dockerd and the kernel know', () => {
  test.each(['SIGINT', 'sigterm', 'TERM', 'kill', 'SIGUSR1', 'SIGRTMIN', 'SIGRTMIN+15', 'RTMAX-14', 'SIGRTMAX', '1', '9', '64', 'SIGWINCH'])('%s loads, as written', (signal) => {
    expect(load(`services:\n  web: {image: x, stop_signal: "${signal}"}\n`).manifest.services.web!.stopSignal).toBe(signal);
  });

  test.each(['NOPE', '0', '65', '-1', '09', 'SIG', 'SIGSIGTERM', 'RTMIN+16', 'RTMAX-15', 'RTMIN-1', ' TERM', 'TERM9'])('%j is refused', (signal) => {
    expect(problems(`services:\n  web: {image: x, stop_signal: "${signal}"}\n`)).toEqual([
      `2:32: stop_signal ${JSON.stringify(signal)} is not a signal; use a Linux signal's name, with or without SIG (like "SIGINT", "TERM" or "SIGRTMIN+3"), or its number, 1-64`,
    ]);
  });
});

describe('working_dir: an absolute path', () => {
  test.each(['relative/path', './app', '~/app', 'app'])('%s is refused', (dir) => {
    expect(problems(`services:\n  web: {image: x, working_dir: "${dir}"}\n`)).toEqual([
      `2:32: working_dir ${JSON.stringify(dir)} is not an absolute path; the engine needs the folder named from the container's root, like "/app"`,
    ]);
  });

  test('/app loads', () => {
    expect(load('services:\n  web: {image: x, working_dir: /app}\n').manifest.services.web!.workingDir).toBe('/app');
  });
});

describe('subnet: a private block with room for the project', () => {
  const PRIVATE = 'use a block within 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10, like "10.213.5.0/24"';
  const three = 'services:\n  a: {image: x}\n  b: {image: x}\n  c: {image: x, external_links: [legacy]}\n';

  test.each<[string, string]>([
    ['127.0.0.0/24', 'overlaps 127.0.0.0/8, the loopback block'],
    ['127.1.2.0/28', 'overlaps 127.0.0.0/8, the loopback block'],
    ['0.0.0.0/0', 'overlaps 0.0.0.0/8, the "this network" block'],
    ['0.1.0.0/16', 'overlaps 0.0.0.0/8, the "this network" block'],
    ['169.254.9.0/24', 'overlaps 169.254.0.0/16, the link-local block'],
    ['224.0.0.0/24', 'overlaps 224.0.0.0/4, the multicast block'],
    ['239.255.0.0/16', 'overlaps 224.0.0.0/4, the multicast block'],
    ['240.0.0.0/24', 'overlaps 240.0.0.0/4, the reserved block'],
    ['96.0.0.0/3', 'overlaps 127.0.0.0/8, the loopback block'],
  ])('%s is refused', (subnet, why) => {
    expect(problems(`subnet: ${subnet}\n${three}`)).toEqual([
      `1:9: subnet "${subnet}" ${why}, which no container network may use; ${PRIVATE}`,
    ]);
  });

  test.each<[string, string, number]>([
    ['10.9.0.0/31', '0 containers', 29],
    ['10.9.0.0/30', '1 container', 29],
    ['10.9.0.4/30', '1 container', 29],
  ])('%s is too small for three services and one external container', (subnet, room, bits) => {
    expect(problems(`subnet: ${subnet}\n${three}`)).toEqual([
      `1:9: subnet "${subnet}" has room for ${room} (its network address, gateway and broadcast take 3), and the project needs 4 (one per service and per container linked with external_links); use a /${bits} or a larger block`,
    ]);
  });

  // RFC 1918's blocks and RFC 6598's shared space: no internet host has an address there
  test.each(['10.9.0.0/29', '10.0.0.0/8', '192.168.0.0/16', '172.18.0.0/16', '172.31.255.0/24', '100.64.0.0/10', '100.127.0.0/16'])('%s loads', (subnet) => {
    expect(load(`subnet: ${subnet}\n${three}`).manifest.subnet).toBe(subnet);
  });

  // the host and every container would route these addresses to the bridge, not the internet
  test.each(['8.8.8.0/24', '1.2.3.0/24', '172.32.0.0/16', '172.15.0.0/16', '192.169.0.0/16', '100.128.0.0/16', '11.0.0.0/8', '10.0.0.0/7', '198.18.0.0/15'])('%s, not a private block, is refused', (subnet) => {
    expect(problems(`subnet: ${subnet}\n${three}`)).toEqual([
      `1:9: subnet "${subnet}" is not a private block: the host and its containers would reach the project's network at those addresses, not the internet's hosts; ${PRIVATE}`,
    ]);
  });

  // dockerd 20.10 keeps "10.9.0.5/24" as written where hitch's plan uses 10.9.0.0/24; Engine 25 refuses it (moby#45759)
  test.each<[string, string]>([
    ['10.9.0.5/24', '10.9.0.0/24'],
    ['192.168.77.9/24', '192.168.77.0/24'],
    ['10.9.0.1/30', '10.9.0.0/30'],
    ['172.16.5.0/12', '172.16.0.0/12'],
    ['10.255.255.255/8', '10.0.0.0/8'],
  ])('%s, with host bits set, is refused with its network address', (subnet, network) => {
    expect(problems(`subnet: ${subnet}\n${three}`)).toEqual([
      `1:9: subnet "${subnet}" has host bits set: the block is ${network}; write "${network}" (Docker 25 and later refuse the other form)`,
    ]);
  });

  test('a /30 holds one service', () => {
    expect(load('subnet: 10.9.0.0/30\nservices:\n  a: {image: x}\n').manifest.subnet).toBe('10.9.0.0/30');
  });
});
