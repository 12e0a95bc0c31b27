import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializers } from '../app.ts';
import { loggableError } from '../lib/log-safe.ts';
import { createTestContext, TAG, type TestContext } from './build-test-app.ts';

/** Personal data never goes into technical logs, even at the most verbose level. */
describe(`technical logs ${TAG}`, () => {
  let ctx: TestContext;
  let log = '';
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        log += chunk.toString();
        cb();
      },
    });
    ctx = await createTestContext({ logger: { level: 'trace', stream, serializers } });
  });
  afterAll(async () => ctx?.close());

  it('logs requests without bodies or query strings: contact data stays out', async () => {
    const officer = await ctx.as('oreOfficer');
    const ore = (await officer.get('/api/v1/offices?q=RU-ORE')).body.items[0].id;
    const pd = {
      surname: 'Логовский',
      firstName: 'Лев',
      patronymic: 'Львович',
      position: 'прокурор',
      phone: '+7 3532 98-76-54',
      email: 'logovsky@orenprok.ru',
    };
    expect((await officer.post(`/api/v1/offices/${ore}/contacts`, pd)).status).toBe(201);
    expect((await officer.post(`/api/v1/offices/${ore}/contacts`, { ...pd, phone: '+7 3532 98-76-5', email: 'logovsky-bad' })).status).toBe(400);
    expect((await officer.get(`/api/v1/offices/${ore}/contacts?on=2026-03-01`)).status).toBe(200);
    await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'oreOfficer', password: 'Логовский-пароль' } });
    expect(log).toContain('incoming request'); // the log is really being written
    expect(log).not.toMatch(/Логовский|Лев|logovsky|98-76|987 654|98 76 54|Логовский-пароль|on=2026/);
  });

  const entries = () =>
    log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg?: string; err?: Record<string, unknown>; req?: { url?: string } });

  it('security: the README promise — no request body, query string or uploaded file name in the log, whatever the route and the answer', async () => {
    const officer = await ctx.as('oreOfficer');
    const marker = 'Приметова';
    const q = encodeURIComponent(`${marker} секрет`);
    for (const url of [
      `/api/v1/items?box=all&q=${q}`,
      `/api/v1/offices?q=${q}`,
      `/api/v1/events?q=${q}`,
      `/api/v1/items?box=all&q=${q}&pageSize=1`,
      `/api/v1/items?from=${marker}`,
    ])
      await officer.get(url);
    const item = await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', subject: `${marker} тема`, essence: `${marker} суть` });
    expect(item.status).toBe(201);
    await officer.patch(`/api/v1/items/${item.body.id}`, { essence: `${marker} суть 2`, version: 999 });
    await officer.post('/api/v1/events', { title: `${marker}\u0000` });
    const b = 'logbnd';
    await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/items/${item.body.id}/attachments?role=content&version=${item.body.version}`,
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': `multipart/form-data; boundary=${b}` },
      payload: `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${marker}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--${b}--\r\n`,
    });
    await ctx.app.inject({ method: 'POST', url: `/api/v1/auth/login?next=${marker}`, payload: { login: marker, password: `${marker}-пароль` } });
    expect(entries().filter((e) => e.msg === 'incoming request').length).toBeGreaterThan(8);
    expect(log).not.toMatch(new RegExp(`${marker}|${encodeURIComponent(marker)}`));
    expect(entries().filter((e) => e.req?.url?.includes('?'))).toEqual([]);
  });

  it('security: a write the database refuses answers 4xx and is logged as SQLSTATE, constraint and table only — never the values written', async () => {
    // Rules the application does not know, so the database itself refuses what the API lets through
    // (DDL is the schema owner's: on PostgreSQL the application runs as a role that may not alter tables).
    const owner = ctx.database.owner.db;
    await owner.execute(sql.raw(`alter table contacts add constraint bc_test_refuse check (surname <> 'Отказова')`));
    await owner.execute(sql.raw(`create unique index bc_test_unique_name on users (full_name)`));
    await owner.execute(
      sql.raw(
        `create function bc_test_raise() returns trigger language plpgsql as $$ begin if new.title = 'Сбойное' then raise exception 'refused %', new.title; end if; return new; end $$`,
      ),
    );
    await owner.execute(sql.raw(`create trigger bc_test_raise before insert on events for each row execute function bc_test_raise()`));
    const officer = await ctx.as('oreOfficer');
    const admin = await ctx.as('admin');
    const ore = (await officer.get('/api/v1/offices?q=RU-ORE')).body.items[0].id;
    log = '';

    const contact = await officer.post(`/api/v1/offices/${ore}/contacts`, {
      surname: 'Отказова',
      firstName: 'Ольга',
      position: 'следователь',
      phone: '+7 3532 55-44-33',
      email: 'otkazova@orenprok.ru',
    });
    expect([contact.status, contact.body.code]).toEqual([409, 'CONFLICT']);
    const user = await admin.post('/api/v1/users', {
      login: 'dvoinik',
      password: 'Kennwort-Sicher-2026',
      fullName: 'Исполнителева Анна Сергеевна',
      officeCode: 'RU-ORE',
      roles: ['officer'],
    });
    expect([user.status, user.body.code]).toEqual([409, 'DUPLICATE']);
    // A refusal the mapping does not know stays a 500, and is logged the same way.
    const event = await officer.post('/api/v1/events', { title: 'Сбойное' });
    expect([event.status, event.body.code]).toEqual([500, 'INTERNAL']);

    const refusals = entries()
      .filter((e) => e.err?.kind === 'database')
      .map(({ err }) => Object.fromEntries(Object.entries(err!).filter(([k]) => k !== 'stack')));
    expect(refusals).toEqual([
      { kind: 'database', sqlstate: '23514', constraint: 'bc_test_refuse', table: 'contacts' },
      { kind: 'database', sqlstate: '23505', constraint: 'bc_test_unique_name', table: 'users' },
      { kind: 'database', sqlstate: 'P0001' },
    ]);
    expect(log).not.toMatch(/Отказова|Ольга|55-44-33|otkazova|dvoinik|Kennwort|Исполнителева|Сбойное|Failed query|params:|insert into/i);
    // Nor does the client read the database's words.
    expect(JSON.stringify([contact.body, user.body, event.body])).not.toMatch(/bc_test|constraint|insert|Failed query|Отказова/i);
  });

  it("security: an error that is not the database's is logged as its type, a message without quoted values, and its frames", () => {
    let parseError: unknown;
    try {
      JSON.parse('{"surname":"Цитатова"');
    } catch (e) {
      parseError = e;
    }
    const drizzle = Object.assign(new Error('Failed query: insert into contacts values ($1)\nparams: Цитатова'), {
      query: 'insert …',
      params: ['Цитатова'],
      cause: new TypeError('x'),
    });
    const out = JSON.stringify([loggableError(parseError), loggableError(drizzle), loggableError(new Error(`unknown login "tsitatova" for 1234567`))]);
    expect(out).not.toMatch(/Цитатова|tsitatova|1234567|params/);
    expect(out).toContain('SyntaxError');
    expect(out).toContain('Failed query (parameters not logged)');
    expect(out).toMatch(/logging\.test\.ts:\d+/);
  });
});
