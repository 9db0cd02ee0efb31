// convert's output passes `hitch validate`, or convert fails: the output is read back and validated
// with the variables and env_files hitch will see, and each problem is told at its place in the compose file.
import { describe, expect, it } from 'vitest';
import { converted, refused } from './helpers.js';

describe('an output hitch would refuse is refused at the compose node it came from', () => {
  it.each<[string, string, string[]]>([
    [
      'a value hitch reads differently from compose, after a dropped entry of its list',
      'services:\n  web:\n    image: x\n    volumes:\n      - /cache\n      - "bad name:/data"\n',
      ['docker-compose.yml:6:9: volume name "bad name" is not valid; use letters, digits, \'_\', \'.\' or \'-\' (or start a host path with ".", "/" or "~")'],
    ],
    [
      'two mounts on one target, after a dropped entry: said at both places in the compose file',
      'services:\n  web:\n    image: x\n    volumes:\n      - /cache\n      - data:/data:ro,z\n      - type: bind\n        source: ./d\n        target: /data/\n',
      ['docker-compose.yml:9:17: volumes target "/data/" and the target "/data" at 6:9 are one path, "/data", once cleaned as the engine compares them (no "//", "." or ".." segment, no trailing "/"), and the engine refuses two mounts at one path ("Duplicate mount point"); mount each target only once per service'],
    ],
    ['a link to a service that is not there', 'services:\n  web: {image: x, links: [dbb]}\n  db: {image: y}\n', ['docker-compose.yml:2:27: service "web" links to "dbb", which the manifest does not have; did you mean "db"?']],
    ['a required variable that is not set', 'services:\n  web:\n    image: "${IMAGE:?set IMAGE}"\n', ['docker-compose.yml:3:12: required variable "IMAGE" is missing a value: set IMAGE']],
    ['an env_file that is not there', 'services:\n  web:\n    image: x\n    env_file: [a.env, missing.env]\n', ['docker-compose.yml:4:23: env_file "missing.env" does not exist (looked for ' + process.cwd() + "/missing.env); create it, or give its path relative to the manifest's folder"]],
    ['a value compose refuses too', 'services:\n  web:\n    image: [x]\n', ['docker-compose.yml:3:12: image must be a string, not a list']],
    ['in format 1, where services are at the top', 'web:\n  image: x\n  links: [db:-x]\ndb: {image: y}\n', ['docker-compose.yml:3:11: link alias "-x" in "db:-x" is not valid; use letters, digits, \'_\', \'.\' or \'-\', starting with a letter or digit, at most 63 characters']],
  ])('%s', (_name, text, problems) => {
    const readFile = (path: string) => (path.endsWith('/a.env') ? '' : undefined);
    const pathKind = (path: string) => (path.endsWith('/a.env') ? 'file' : undefined); // validate asks what a missing env_file is
    expect(refused(text, { readFile, pathKind }).problems).toEqual(problems);
  });

  it('with the warnings of what was dropped, which may be the cause', () => {
    expect(refused('services:\n  web:\n    deploy: { replicas: 2 }\n    privileged: true\n')).toEqual({
      problems: ['docker-compose.yml:3:5: service "web" needs "image" or "build"'],
      warnings: ['3:5: service "web": deploy is dropped: hitch runs one container per service', '4:5: service "web": privileged is dropped: not supported by hitch'],
    });
  });
});

describe('the variables are those hitch will see', () => {
  it('from the environment, then the .env beside the compose file; the output keeps them unexpanded', () => {
    const text = 'services:\n  web:\n    image: "${IMAGE:?set IMAGE}"\n    ports: ["${PORT}:80"]\n';
    expect(converted(text, { env: { PORT: '8080' }, dotenv: { file: '/p/.env', text: 'IMAGE=nginx\nPORT=80\n' } })).toEqual({
      yaml: 'services:\n  web:\n    image: ${IMAGE:?set IMAGE}\n    ports: ["${PORT}:80"]\n',
      warnings: [],
    });
  });

  it('an unset variable is a warning, as in hitch and compose', () => {
    expect(converted('services:\n  web:\n    image: "nginx${TAG}"\n')).toEqual({
      yaml: 'services:\n  web:\n    image: nginx${TAG}\n',
      warnings: ['3:12: The "TAG" variable is not set. Defaulting to a blank string.'],
    });
  });
});

describe("compose's type casts: a string where hitch wants a boolean or an integer", () => {
  const text = 'services:\n  web:\n    image: nginx\n    tty: ${TTY:-true}\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: "${R:-3}"\n    ports:\n      - target: "${T:-80}"\n        published: "${P:-8080}"\n    volumes:\n      - {type: bind, source: ., target: /x, read_only: "yes"}\n';

  it('is converted as compose converts it: the file is accepted, its variables kept', () => {
    expect(converted(text)).toEqual({
      yaml: 'services:\n  web:\n    image: nginx\n    tty: ${TTY:-true}\n    healthcheck:\n      test: ["CMD", "true"]\n      retries: ${R:-3}\n    ports:\n      - target: ${T:-80}\n        published: ${P:-8080}\n    volumes:\n      - type: bind\n        source: .\n        target: /x\n        read_only: "yes"\n',
      warnings: ['12:56: volumes[0].read_only "yes" is read as true, as compose reads it, but YAML 1.2 has no such boolean; write true'],
    });
  });

  it('one that does not convert is refused at its place in the compose file', () => {
    expect(refused(text, { env: { TTY: 'maybe', R: 'three' } }).problems).toEqual([
      'docker-compose.yml:4:10: tty "maybe" is not true or false; use true or false (yes/no, on/off and y/n are read too, as compose reads them)',
      'docker-compose.yml:7:16: healthcheck.retries "three" is not an integer; use a whole number in digits, like 3',
    ]);
  });
});
