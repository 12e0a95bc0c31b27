import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext, type TestResponse } from './build-test-app.ts';

/**
 * What a client sends is refused with a 4xx naming what is wrong — never a 500 — by one mechanism
 * for every route (server/plugins/input.ts, the multipart reader, the strict querystrings).
 */
const issuesOf = (res: { body: unknown }) =>
  ((res.body as { details?: { issues?: { field: string; rule: string }[] } }).details?.issues ?? []).map((i) => `${i.field} ${i.rule}`);

describe(`client input ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let admin: Client;
  let ore: string;

  const json = (client: Client | null, method: 'POST' | 'PATCH' | 'PUT', url: string, text: string) =>
    ctx.app.inject({
      method,
      url,
      headers: { 'content-type': 'application/json', ...(client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {}) },
      payload: text,
    });
  const asTest = (res: Awaited<ReturnType<TestContext['app']['inject']>>): TestResponse => ({
    status: res.statusCode,
    body: res.json(),
    headers: res.headers as TestResponse['headers'],
    raw: res.rawPayload,
  });

  beforeAll(async () => {
    ctx = await createTestContext();
    officer = await ctx.as('oreOfficer');
    admin = await ctx.as('admin');
    ore = (await officer.get('/api/v1/offices?q=RU-ORE')).body.items[0].id;
  });
  afterAll(async () => ctx?.close());

  const contact = { surname: 'Иванов', firstName: 'Иван', position: 'прокурор', phone: '+7 3532 11-11-11', email: 'ivanov@prok.example' };

  it('security: a NUL anywhere in the input answers 400 naming the field — body, nested body, keys, query, path, and the public login', async () => {
    const login = asTest(await json(null, 'POST', '/api/v1/auth/login', JSON.stringify({ login: 'oreofficer\u0000', password: 'x' })));
    expect(login.status).toBe(400);
    expect(issuesOf(login)).toEqual(['body.login text_characters']);

    const surname = await officer.post(`/api/v1/offices/${ore}/contacts`, { ...contact, surname: 'Ива\u0000нов' });
    expect(surname.status).toBe(400);
    expect(surname.body.code).toBe('VALIDATION_FAILED');
    expect(issuesOf(surname)).toEqual(['body.surname text_characters']);

    const nested = await officer.post('/api/v1/events', {
      title: 'Семинар',
      participants: [{ side: 'own', fullName: 'Участник\u0000', position: 'прокурор' }],
    });
    expect(issuesOf(nested)).toEqual(['body.participants.0.fullName text_characters']);

    const key = asTest(await json(officer, 'POST', '/api/v1/events', '{"title":"Семинар","x\\u0000y":1}'));
    expect(key.status).toBe(400);
    expect(issuesOf(key)).toEqual(['body.x?y text_characters']);

    const q = await officer.get('/api/v1/items?box=all&q=%D0%B0%00%D0%B1');
    expect(q.status).toBe(400);
    expect(issuesOf(q)).toEqual(['querystring.q text_characters']);

    const param = await officer.get('/api/v1/annual-blocks/RU-ORE%00/2026');
    expect(param.status).toBe(400);
    expect(issuesOf(param)).toEqual(['params.officeCode text_characters']);
    // The message names the problem, never the value.
    expect(JSON.stringify(surname.body)).not.toContain('Ива');
  });

  it('security: a lone UTF-16 surrogate answers 400 naming the field (login and a name); a real astral character is stored', async () => {
    const login = asTest(await json(null, 'POST', '/api/v1/auth/login', '{"login":"ore\\ud800officer","password":"x"}'));
    expect(login.status).toBe(400);
    expect(issuesOf(login)).toEqual(['body.login text_characters']);
    const user = (await admin.get('/api/v1/users?q=omsofficer')).body.items[0];
    const name = asTest(
      await json(admin, 'PATCH', `/api/v1/users/${user.id}`, JSON.stringify({ version: user.version }).replace('{', '{"fullName":"Омский\\udc00",')),
    );
    expect(name.status).toBe(400);
    expect(issuesOf(name)).toEqual(['body.fullName text_characters']);
    const emoji = await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', subject: 'Проверка 😀 қазақша' });
    expect(emoji.status).toBe(201);
    expect(emoji.body.content.subject).toBe('Проверка 😀 қазақша');
  });

  it('security: input nested deeper than any body of the API answers 400, not a stack overflow', async () => {
    const deep = asTest(await json(officer, 'POST', '/api/v1/events', `{"title":"Семинар","participants":${'['.repeat(100_000)}${']'.repeat(100_000)}}`));
    expect(deep.status).toBe(400);
    expect(issuesOf(deep)[0]).toMatch(/^body\.participants(\.0)+ nesting_depth$/);
  });

  it('security: malformed multipart bodies answer 400/413 with a stable code, never 500, and attach nothing', async () => {
    const draft = (await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', subject: 'Вложения' })).body;
    expect((await admin.patch('/api/v1/settings', { attachmentMaxMb: 1 })).status).toBe(200);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const b = 'bnd';
    const part = (name: string, file: string | null, data: Buffer = pdf) =>
      Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="${name}"${file === null ? '' : `; filename="${file}"`}\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        data,
        Buffer.from('\r\n'),
      ]);
    const end = Buffer.from(`--${b}--\r\n`);
    const upload = async (
      payload: Buffer | string,
      type = `multipart/form-data; boundary=${b}`,
      url = `/api/v1/items/${draft.id}/attachments?role=content&version=${draft.version}`,
    ) =>
      asTest(
        await ctx.app.inject({ method: 'POST', url, headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrfToken, 'content-type': type }, payload }),
      );
    const cases: [string, Promise<TestResponse>, number, string, string?][] = [
      ['no boundary', upload(Buffer.concat([part('file', 'a.pdf'), end]), 'multipart/form-data'), 400, 'MALFORMED_MULTIPART'],
      ['truncated stream', upload(part('file', 'a.pdf').subarray(0, 70)), 400, 'MALFORMED_MULTIPART'],
      ['broken part header', upload(`--${b}\r\nno header here\r\n\r\nxx`), 400, 'MALFORMED_MULTIPART'],
      ['wrong field name', upload(Buffer.concat([part('document', 'a.pdf'), end])), 400, 'VALIDATION_FAILED', 'body.document unknown_field'],
      [
        'a text field',
        upload(Buffer.concat([part('comment', null, Buffer.from('x')), part('file', 'a.pdf'), end])),
        400,
        'VALIDATION_FAILED',
        'body.comment unknown_field',
      ],
      ['NUL in a file name', upload(Buffer.concat([part('file', 'a\u0000.pdf'), end])), 400, 'VALIDATION_FAILED', 'body.file.filename text_characters'],
      ['too many files', upload(Buffer.concat([...Array.from({ length: 11 }, (_, i) => part('file', `${i}.pdf`)), end])), 413, 'PAYLOAD_TOO_LARGE'],
      [
        'a file over the limit',
        upload(Buffer.concat([part('file', 'big.pdf', Buffer.concat([pdf, Buffer.alloc(1024 * 1024)])), end])),
        413,
        'PAYLOAD_TOO_LARGE',
        'body.file file_too_large',
      ],
      ['no file at all', upload(end), 400, 'VALIDATION_FAILED', 'body.file required'],
    ];
    for (const [what, pending, status, code, issue] of cases) {
      const res = await pending;
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
      if (issue) expect(issuesOf(res)).toContain(issue);
    }
    const event = (await officer.post('/api/v1/events', { title: 'Семинар' })).body;
    const eventUpload = await upload(
      Buffer.concat([part('file', 'a.pdf')]),
      `multipart/form-data; boundary=${b}`,
      `/api/v1/events/${event.id}/attachments?role=proposal`,
    );
    expect([eventUpload.status, eventUpload.body.code]).toEqual([400, 'MALFORMED_MULTIPART']);
    expect((await officer.get(`/api/v1/items/${draft.id}`)).body.attachments).toEqual([]);
    expect((await upload(Buffer.concat([part('file', 'справка.pdf'), end]))).status).toBe(200);
  });

  it('security: an unknown query parameter answers 400 naming it on every GET and DELETE route, declared or not', async () => {
    const paths = (await ctx.anonymous.get('/api/openapi.json')).body.paths as Record<
      string,
      Record<string, { parameters?: { in: string; name: string; schema: { enum?: string[]; type?: string } }[] }>
    >;
    const failures: string[] = [];
    let checked = 0;
    for (const [path, ops] of Object.entries(paths)) {
      for (const method of ['get', 'delete'] as const) {
        const op = ops[method];
        if (!op) continue;
        const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
          const schema = op.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema;
          if (schema?.enum) return schema.enum[0]!;
          if (schema?.type === 'integer') return '2026';
          return name === 'officeCode' ? 'RU-ORE' : '01900000-0000-7000-8000-000000000000';
        });
        const res = await ctx.app.inject({
          method: method.toUpperCase() as 'GET',
          url: `${url}?pageSize=10`,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
        });
        checked++;
        const issues = res.statusCode === 400 ? issuesOf({ body: res.json() }) : [];
        if (!issues.includes('querystring.pageSize unknown_parameter')) failures.push(`${method} ${path} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    // A write with a valid body is refused too, and nothing is created.
    const before = (await officer.get('/api/v1/items?box=outgoing')).body.total;
    const write = await officer.post('/api/v1/items?pageSize=1', { kind: 'request', toOfficeCode: 'KZ-AKT' });
    expect([write.status, ...issuesOf(write)]).toEqual([400, 'querystring.pageSize unknown_parameter']);
    expect((await officer.get('/api/v1/items?box=outgoing')).body.total).toBe(before);
  });

  it('security: a day the calendar does not have, a time that does not exist or a year out of range fails validation with a field issue', async () => {
    const list = await officer.get('/api/v1/items?from=2022-02-30');
    expect([list.status, ...issuesOf(list)]).toEqual([400, 'querystring.from calendar_date']);
    const leap = await officer.post(`/api/v1/offices/${ore}/contacts`, { ...contact, designatedFrom: '2023-02-29' });
    expect([leap.status, ...issuesOf(leap)]).toEqual([400, 'body.designatedFrom calendar_date']);
    const year = await officer.post(`/api/v1/offices/${ore}/contacts`, { ...contact, designatedFrom: '0000-01-01' });
    expect([year.status, ...issuesOf(year)]).toEqual([400, 'body.designatedFrom date_years']);
    const format = await officer.get('/api/v1/events?to=2026-3-1');
    expect([format.status, ...issuesOf(format)]).toEqual([400, 'querystring.to iso_date']);
    const draft = (await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT' })).body;
    const oral = await officer.post(`/api/v1/items/${draft.id}/send-oral`, {
      oralAt: '2022-02-30T10:00:00Z',
      channel: 'phone',
      spokenBy: 'Иванов',
      spokenTo: 'Петров',
      version: draft.version,
    });
    expect([oral.status, ...issuesOf(oral)]).toEqual([400, 'body.oralAt invalid_format']);
    const auditor = await ctx.as('auditor');
    const audit = await auditor.get('/api/v1/audit?from=0000-01-01T00:00:00Z');
    expect([audit.status, ...issuesOf(audit)]).toEqual([400, 'querystring.from date_years']);
    const event = await officer.post('/api/v1/events', { title: 'Семинар', startsLocal: '2022-02-30T10:00' });
    expect([event.status, ...issuesOf(event)]).toEqual([400, 'body.startsLocal local_date_time']);
  });
});
