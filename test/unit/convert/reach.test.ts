// Issue: a format 2/3 file's services reached each other by name on compose's default network; hitch
// reaches only links. `environment: {DB_HOST: db}` without a link converted silently, and web could no
// longer reach db. Each such file is told so once, with the services that name a host they do not link to.
import { describe, expect, it } from 'vitest';
import { converted, REACH } from './helpers.js';

const named = (who: string) => `${REACH}, and these name one they do not link to: ${who}`;

describe('one warning per file of format 2 on with more than one service', () => {
  it.each<[string, string, string[]]>([
    [
      'a host in a variable named for one, a URL, host:port, in environment, command and entrypoint',
      [
        '  web:',
        '    image: app',
        '    environment: {DB_HOST: db, CACHE_URL: "memcache://cache:11211", QUEUE: "queue:5672", SELF: "http://web:80"}',
        '    command: wait-for search:9200 -- run',
        '  worker:',
        '    image: app',
        '    environment: ["DATABASE_URL=postgres://u:pw@${DB:-db}/app"]',
        '    entrypoint: [run, "--broker=amqp://queue"]',
      ].join('\n'),
      [named('web (db, cache, queue, search), worker (db, queue)')],
    ],
    [
      'names that are not hosts: a word, a variable not named for a host, a module',
      ['  web:', '    image: app', '    environment: {ROLE: worker, DB_USER: db, PORT: 80}', '    command: celery -A worker worker', '  worker: {image: app}'].join('\n'),
      [REACH],
    ],
    ['a linked service is reached', ['  web:', '    image: app', '    links: ["${DB:-db}:database"]', '    environment: {DB_HOST: db}', '  worker: {image: app}'].join('\n'), [REACH]],
  ])('%s', (_name, services, warnings) => {
    const compose = `services:\n${services}\n  db: {image: pg}\n  cache: {image: c}\n  queue: {image: q}\n  search: {image: s}\n`;
    expect(converted(compose).warnings).toEqual(warnings);
  });

  it('none for one service, or for format 1, whose services reached each other by links only', () => {
    expect(converted('services:\n  web: {image: app, environment: {DB_HOST: db}}\n').warnings).toEqual([]);
    expect(converted('web: {image: app, environment: {DB_HOST: db}}\ndb: {image: pg}\n').warnings).toEqual([]);
  });
});
