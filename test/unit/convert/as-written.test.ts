// What convert writes back as the compose file wrote it, and where it says a warning is: an integer too
// large for a JavaScript number, a key spelled `<<` and words YAML 1.1 retypes, a warning from the .env beside the file, and a
// service-level `dockerfile` that only format 1 had.
import { describe, expect, it } from 'vitest';
import { convert, converted, REACH } from './helpers.js';

describe('convert keeps what compose keeps', () => {
  it('an integer too large for a JavaScript number keeps its digits, as the loader keeps them', () => {
    expect(converted('services:\n  web:\n    image: x\n    environment: {BIG: 12345678901234567890, SMALL: 42}\n').yaml).toBe(
      'services:\n  web:\n    image: x\n    environment:\n      BIG: "12345678901234567890"\n      SMALL: 42\n',
    );
  });

  it('a label or env key spelled "<<" stays a key, quoted, not a merge', () => {
    expect(converted('services:\n  web:\n    image: x\n    labels: {"<<": a}\n').yaml).toBe('services:\n  web:\n    image: x\n    labels:\n      "<<": a\n');
  });

  it('a string compose 1.29 would read as another type (a boolean, 80, a date) stays quoted', () => {
    expect(converted('services:\n  web:\n    image: x\n    environment: {DEBUG: "no", "on": "1:20", DAY: "2024-01-02"}\n').yaml).toBe(
      'services:\n  web:\n    image: x\n    environment:\n      DEBUG: "no"\n      "on": "1:20"\n      DAY: "2024-01-02"\n',
    );
  });
});

describe('where a warning is', () => {
  // Issue: every warning below a field was told at the field's key (`build:`, `volumes:`…), and a
  // long-form mount's dropped key did not say which mount it was.
  it("a nested entry's or key's warning is at that entry or key, and names its mount or port", () => {
    const compose = [
      'services:',
      '  db: {image: pg}',
      '  web:',
      '    build:',
      '      context: .',
      '      target: dev',
      '      cache_from: [x]',
      '    volumes:',
      '      - /cache',
      '      - data:/data:z',
      '      - type: volume',
      '        source: v',
      '        target: /v',
      '        volume: {nocopy: true}',
      '    depends_on:',
      '      - db',
      '    ports:',
      '      - target: 80',
      '        mode: host',
      '        name: http',
      '',
    ].join('\n');
    expect(converted(compose).warnings).toEqual([
      REACH,
      '6:7: service "web": build.target is dropped: hitch builds with context, dockerfile and args only',
      '7:7: service "web": build.cache_from is dropped: hitch builds with context, dockerfile and args only',
      '9:9: service "web": volumes: /cache is dropped: hitch has no anonymous volumes; name it, like "cache:/cache", to keep its data',
      '10:9: service "web": mount option z of data:/data:z is dropped: hitch knows ro and rw',
      '14:9: service "web": volumes.volume of the mount at /v is dropped: hitch mounts with type, source, target and read_only only',
      '16:9: service "web": depends_on: db is dropped: hitch starts a service after the services it links to, and only a link lets it reach them: add "db" to links if web connects to it',
      '19:9: service "web": ports.mode of port 80 is dropped: swarm and naming options have no meaning for hitch',
      '20:9: service "web": ports.name of port 80 is dropped: swarm and naming options have no meaning for hitch',
    ]);
  });

  it("a warning from the .env beside the compose file names the .env's line, not the compose file's", () => {
    const { warnings } = convert('services:\n  web:\n    image: "${IMAGE}"\n', { dotenv: { file: '/p/.env', text: 'IMAGE=nginx\nA=${UNSET}\n' } });
    expect(warnings).toEqual([{ file: '/p/.env', line: 2, col: 3, message: 'The "UNSET" variable is not set. Defaulting to a blank string.' }]);
  });
});

describe("a service-level dockerfile outside format 1", () => {
  it('is dropped with a warning, not merged into build as format 1 would', () => {
    expect(converted('services:\n  web:\n    build: .\n    dockerfile: Other\n')).toEqual({
      yaml: 'services:\n  web:\n    build: .\n',
      warnings: ['4:5: service "web": dockerfile is dropped: not supported by hitch'],
    });
  });
});
