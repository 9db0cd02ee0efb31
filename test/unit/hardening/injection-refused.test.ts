// issue #7.2: hostile names, aliases, ports and env keys are refused by the manifest stage, each at its own line:col.
import { describe, expect, test } from 'vitest';
import { problems } from '../manifest/helpers.js';
import { NAME_RULE, NUL } from './messages.js';

const q = JSON.stringify;
const EXPOSE_FORM = 'use 5432, "5432/tcp", "53/udp" or "6379-6381"';
const PORTS_FORM = 'use "80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80", "5353:53/udp" or "8000-8002:8000-8002"';
const SPACE = 'must not contain whitespace or control characters';

describe('hostile values are refused by the manifest stage, each at its place', () => {
  const name = (v: string) => `services:\n  ${q(v)}:\n    image: x\n`;
  test.each<[string, string[]]>([
    ['web;id', [`2:3: service name "web;id" is not valid; ${NAME_RULE}`]],
    ['a$(id)', [`2:3: service name "a$(id)" is not valid; ${NAME_RULE}`]],
    ['a`id`', [`2:3: service name "a\`id\`" is not valid; ${NAME_RULE}`]],
    ['a\nb', [`2:3: service name "a\\nb" is not valid; ${NAME_RULE}`]],
    ['a b', [`2:3: service name "a b" is not valid; ${NAME_RULE}`]],
    ['--x', [`2:3: service name "--x" is not valid; ${NAME_RULE}`]],
    ['-x', [`2:3: service name "-x" is not valid; ${NAME_RULE}`]],
    ['../x', [`2:3: service name "../x" is not valid; ${NAME_RULE}`]],
    ['a/b', [`2:3: service name "a/b" is not valid; ${NAME_RULE}`]],
    ['a:b', [`2:3: service name "a:b" is not valid; ${NAME_RULE}`]],
    ['wеb', [`2:3: service name "wеb" is not valid; ${NAME_RULE} ("е" is U+0435, not an ASCII character)`]],
    ['', [`2:3: service name "" is not valid; ${NAME_RULE}`]],
    ['web\0', [`2:3: key "web\\u0000" ${NUL}`, `2:3: service name "web\\u0000" is not valid; ${NAME_RULE}`]],
    ['a'.repeat(64), [`2:3: service name "${'a'.repeat(64)}" is not valid; ${NAME_RULE}`]],
  ])('service name %j', (v, want) => {
    expect(problems(name(v))).toEqual(want);
  });

  const alias = (v: string) => `services:\n  db: {image: x}\n  web:\n    image: x\n    link: ${q(v)}\n`;
  test.each<[string, string[]]>([
    ['db:a;b', [`5:11: link alias "a;b" in "db:a;b" is not valid; ${NAME_RULE}`]],
    ['db:$$(id)', [`5:11: link alias "$(id)" in "db:$(id)" is not valid; ${NAME_RULE}`]],
    ['db:`id`', [`5:11: link alias "\`id\`" in "db:\`id\`" is not valid; ${NAME_RULE}`]],
    ['db:a\nb', [`5:11: link alias "a\\nb" in "db:a\\nb" is not valid; ${NAME_RULE}`]],
    ['db:a b', [`5:11: link alias "a b" in "db:a b" is not valid; ${NAME_RULE}`]],
    ['db:--x', [`5:11: link alias "--x" in "db:--x" is not valid; ${NAME_RULE}`]],
    ['db:../x', [`5:11: link alias "../x" in "db:../x" is not valid; ${NAME_RULE}`]],
    ['db:wеb', [`5:11: link alias "wеb" in "db:wеb" is not valid; ${NAME_RULE}`]],
    ['--x:y', ['5:11: service "web" links to "--x", which the manifest does not have; link one of its services (db), or a container hitch does not manage with external_links']],
    ['db;id', [`5:11: link "db;id" is not a valid service name; ${NAME_RULE}`]],
    ['db\n', [`5:11: link "db\\n" is not a valid service name; ${NAME_RULE}`]],
    [' db', [`5:11: link " db" is not a valid service name; ${NAME_RULE}`]],
    ['db:x:y', ['5:11: link "db:x:y" has 2 ":", where one separates the service from its alias; use "service" or "service:alias"']],
    ['db:x y:z', ['5:11: link "db:x y:z" has 2 ":", where one separates the service from its alias; use "service" or "service:alias"']],
  ])('link %j', (v, want) => {
    expect(problems(alias(v))).toEqual(want);
  });

  const expose = (v: string) => `services:\n  web:\n    image: x\n    expose: [${q(v)}]\n`;
  test.each<[string, string[]]>([
    ...['1;rm', '0x50', '1e3', ' 80', '80 ', '80/tcp;id', '80\n81', '-80', '+80', '٨٠', '80/TCP'].map((v): [string, string[]] => [v, [`4:14: expose entry ${q(v)} is not a port; ${EXPOSE_FORM}`]]),
    ['80/icmp', ['4:14: protocol "icmp" in "80/icmp" is not tcp, udp or sctp']],
    ['1-65536', ['4:14: port 65536 is out of range 1-65535 in "1-65536"']],
    ['0', ['4:14: port 0 is out of range 1-65535 in "0"']],
  ])('expose %j', (v, want) => {
    expect(problems(expose(v))).toEqual(want);
  });

  const ports = (v: string) => `services:\n  web:\n    image: x\n    ports: [${q(v)}]\n`;
  test.each<[string, string[]]>([
    ['1;rm:80', [`4:13: "1;rm" in "1;rm:80" is not a port or range; ${PORTS_FORM}`]],
    ['0x50:80', [`4:13: "0x50" in "0x50:80" is not a port or range; ${PORTS_FORM}`]],
    ['1e3:80', [`4:13: "1e3" in "1e3:80" is not a port or range; ${PORTS_FORM}`]],
    [' 80:80', [`4:13: " 80" in " 80:80" is not a port or range; ${PORTS_FORM}`]],
    ['8080:80;id', [`4:13: ports entry "8080:80;id" is not a port mapping; ${PORTS_FORM}`]],
    ['8080:80\n', [`4:13: ports entry "8080:80\\n" is not a port mapping; ${PORTS_FORM}`]],
    ['127.0.0.1:8080:80/tcp;id', [`4:13: ports entry "127.0.0.1:8080:80/tcp;id" is not a port mapping; ${PORTS_FORM}`]],
    ['1.2.3.4 --x:80:80', [`4:13: host IP "1.2.3.4 --x" in "1.2.3.4 --x:80:80" is not an IPv4 address; ${PORTS_FORM}`]],
    ['[::1;id]:80:80', ['4:13: "[::1;id]:80:80" is not a port mapping; for IPv6 use "[::1]:8080:80"']],
  ])('ports %j', (v, want) => {
    expect(problems(ports(v))).toEqual(want);
  });

  test('a long-form port with a hostile host_ip or published port', () => {
    const yaml = 'services:\n  web:\n    image: x\n    ports:\n      - {target: 80, host_ip: "0.0.0.0\\n--privileged"}\n      - {target: 80, published: "8080;id"}\n';
    expect(problems(yaml)).toEqual([
      `5:31: host_ip "0.0.0.0\\n--privileged" is not an IP address; use one of the host's, like "127.0.0.1" or "::1"`,
      '6:33: published "8080;id" is not a port or range; use 8080 or "8000-8010"',
    ]);
  });

  const envMap = (v: string) => `services:\n  web:\n    image: x\n    environment:\n      ${q(v)}: x\n`;
  test.each<[string, string[]]>([
    ['A=B', ['5:7: environment key "A=B" must not contain "="; use KEY=VALUE']],
    ['A\nB', [`5:7: environment key "A\\nB" ${SPACE}`]],
    ['A\0B', [`5:7: key "A\\u0000B" ${NUL}`]],
    ['A B', [`5:7: environment key "A B" ${SPACE}`]],
    ['\tA', [`5:7: environment key "\\tA" ${SPACE}`]],
    ['', ['5:7: environment has an empty key; use KEY=VALUE']],
  ])('environment key %j', (v, want) => {
    expect(problems(envMap(v))).toEqual(want);
  });

  const envList = (v: string) => `services:\n  web:\n    image: x\n    environment: [${q(v)}]\n`;
  test.each<[string, string[]]>([
    ['=x', ['4:19: environment has an empty key; use KEY=VALUE']],
    ['A\nB=x', [`4:19: environment key "A\\nB" ${SPACE}`]],
    ['A\0=x', [`4:19: value "A\\u0000=x" ${NUL}`]],
    ['A B=x', [`4:19: environment key "A B" ${SPACE}`]],
  ])('environment entry %j', (v, want) => {
    expect(problems(envList(v))).toEqual(want);
  });

  test('the same values from variables are refused the same way', () => {
    const yaml = 'services:\n  web:\n    image: x\n    expose: ["${P}"]\n    link: "${L}"\n    hostname: "${H}"\n  db: {image: x}\n';
    expect(problems(yaml, { env: { P: '80;id', L: 'db:--x', H: 'h 1.2.3.4' } })).toEqual([
      `4:14: expose entry "80;id" is not a port; ${EXPOSE_FORM}`,
      `5:11: link alias "--x" in "db:--x" is not valid; ${NAME_RULE}`,
      "6:15: hostname \"h 1.2.3.4\" is not valid; use letters, digits, '-' or '_' in parts separated by '.', at most 63 characters",
    ]);
  });
});
