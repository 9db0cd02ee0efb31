// compose-go merges an extended service's `ports` with the extending one's one published port at a
// time (override/uncity.go's portIndexer); convert writes what is left of a range a later port replaced.
import { describe, expect, it } from 'vitest';
import { converted, REACH } from './helpers.js';

describe('ports merged through extends: one per published port, as compose-go keys them', () => {
  it('an IPv6 host address in the short and the long form, and a range a later port replaces a part of', () => {
    const root = '  root: {image: x, ports: ["[::1]:8080:80", "8000-8002:8000-8002", "9000:90"]}\n';
    const compose = `services:\n${root}  base: {extends: root, ports: [{host_ip: "::1", published: 8080, target: 80}]}\n  web: {extends: base, ports: ["8001:8001"]}\n`;
    expect(converted(compose)).toEqual({
      yaml: [
        'services:',
        '  root:',
        '    image: x',
        '    ports: ["[::1]:8080:80", "8000-8002:8000-8002", "9000:90"]',
        '  base:',
        '    image: x',
        '    ports:',
        '      - host_ip: ::1',
        '        published: 8080',
        '        target: 80',
        '      - 8000-8002:8000-8002',
        '      - 9000:90',
        '  web:',
        '    image: x',
        '    ports:',
        '      - host_ip: ::1',
        '        published: 8080',
        '        target: 80',
        '      - 8000:8000/tcp',
        '      - 8001:8001',
        '      - 8002:8002/tcp',
        '      - 9000:90',
        '',
      ].join('\n'),
      warnings: [REACH],
    });
  });
  it('a range ending the list, a later port replacing its middle: the ports left of it are written one by one', () => {
    const compose = 'services:\n  base: {image: x, ports: ["8000-8002:8000-8002"]}\n  web: {extends: base, ports: ["8001:8001"]}\n';
    expect(converted(compose)).toEqual({
      yaml: [
        'services:',
        '  base:',
        '    image: x',
        '    ports: ["8000-8002:8000-8002"]',
        '  web:',
        '    image: x',
        '    ports: ["8000:8000/tcp", "8001:8001", "8002:8002/tcp"]',
        '',
      ].join('\n'),
      warnings: [REACH],
    });
  });
});
