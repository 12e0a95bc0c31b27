import { sql } from 'drizzle-orm';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, replaySubject, storedSubject, verifySubject } from '../../kernel/index.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { seminar } from '../../test/event-fixtures.ts';

/**
 * Issue 10, part 3: events with counterparts off the system. On a Russian node (NODE_PARTY=RU) the
 * Kazakh offices are off the system; the Orenburg office records Aktobe's letters about its
 * seminar — the participants they name and Aktobe's own statement of the outcomes — each as one
 * action of Aktobe, on its behalf and by the letter's channel, with the scan.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

type Part = { name: string; value: string } | { name: string; fileName: string; data: Buffer };

/** A multipart request: the letter's JSON in "data" (unless left out) and the scans in "file". */
function send(
  ctx: TestContext,
  c: Client,
  eventId: string,
  data: unknown,
  files: { fileName: string; data: Buffer }[] = [{ fileName: 'письмо.pdf', data: PDF }],
  extra: Part[] = [],
) {
  const boundary = 'letterboundary';
  const parts: Part[] = [
    ...(data === undefined ? [] : [{ name: 'data', value: typeof data === 'string' ? data : JSON.stringify(data) }]),
    ...files.map((f) => ({ name: 'file', ...f })),
    ...extra,
  ];
  const payload = Buffer.concat([
    ...parts.map((p) =>
      'value' in p
        ? Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`)
        : Buffer.concat([
            Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
            p.data,
            Buffer.from('\r\n'),
          ]),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return ctx.app
    .inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/counterpart-letters`,
      headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    })
    .then((r) => ({ status: r.statusCode, body: r.json() }));
}

const delegation = {
  officeCode: 'KZ-AKT',
  letter: { channel: 'email', number: '2-15/118', date: '2026-03-05', signerName: null, signerPosition: null },
  participants: [
    { fullName: 'Жумабеков Ерлан Маратович', position: 'прокурор Актюбинской области' },
    { fullName: 'Серикбаев Нурлан Ерланович', position: 'прокурор отдела' },
  ],
};

const account = {
  officeCode: 'KZ-AKT',
  letter: { channel: 'letter', number: '2-15/170', date: '2026-04-17', signerName: 'Е. М. Жумабеков', signerPosition: 'Прокурор Актюбинской области' },
  statement: {
    outcomes: 'Актюбинская сторона: выявлены два канала поставки; согласован порядок обмена сведениями.',
    agreements: 'Ежеквартальный обмен сведениями',
  },
};

describe(`events: letters of counterparts off the system on a Russian node ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let deputy: Client;
  let head: Client;
  let gumps: Client;
  let oms: Client;
  let admin: Client;
  let id: string;
  async function login() {
    [officer, deputy, head, gumps, oms, admin] = (await Promise.all(
      (['oreOfficer', 'oreDeputy', 'oreHead', 'gumps', 'omsOfficer', 'admin'] as const).map((u) => ctx.as(u)),
    )) as [Client, Client, Client, Client, Client, Client];
  }
  const actionKinds = async () => (await actionsOf(ctx.database.db, id)).map((a) => a.kind);
  const letterFiles = async () =>
    rowsOf<{ n: number }>(await ctx.database.db.execute(sql`select count(*)::int as n from event_attachments where event_id = ${id} and role = 'letter'`))[0]!
      .n;

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-06T05:00:00Z', env: { NODE_PARTY: 'RU' } });
    await login();
    const draft = await officer.post('/api/v1/events', seminar);
    id = draft.body.id;
    expect(draft.body.counterparts).toMatchObject([{ code: 'KZ-AKT', hosting: 'off_system' }]);
    // Before the coordinator approves the event, its counterpart's letters are not recorded (nor offered).
    expect(draft.body.letterOfficeCodes).toEqual([]);
    const early = await send(ctx, officer, id, delegation);
    expect(early).toMatchObject({ status: 409, body: { code: 'EVENT_ACTION_NOT_ALLOWED' } });
    const submitted = await deputy.post(`/api/v1/events/${id}/submit`, { version: draft.body.version });
    const approved = await gumps.post(`/api/v1/events/${id}/approve`, { version: submitted.body.version });
    expect(approved.body.status).toBe('approved');
  });
  afterAll(async () => ctx?.close());

  it('O-3.5 issue 10: an officer records Aktobe’s e-mail naming its delegation: one action of Aktobe by e-mail, its participants attributed to it, the scan kept as its letter', async () => {
    const before = (await officer.get(`/api/v1/events/${id}`)).body;
    expect(before.letterOfficeCodes).toEqual(['KZ-AKT']);
    const res = await send(ctx, officer, id, delegation);
    expect(res.status).toBe(201);
    const e = res.body;
    // Recorded beside the workflow: the version the office writes its report against stays.
    expect(e.version).toBe(before.version);
    const theirs = e.participants.filter((p: { fromLetter: boolean }) => p.fromLetter);
    expect(theirs).toEqual(
      delegation.participants.map((p) => ({ side: 'counterpart', ...p, office: expect.objectContaining({ code: 'KZ-AKT' }), fromLetter: true })),
    );
    // Those of the proposal stay, with their offices.
    expect(e.participants.filter((p: { fromLetter: boolean }) => !p.fromLetter).map((p: { office: { code: string } }) => p.office.code)).toEqual([
      'RU-ORE',
      'KZ-AKT',
    ]);
    expect(e.attachments).toMatchObject([{ role: 'letter', fileName: 'письмо.pdf', officeCode: 'RU-ORE', provider: { code: 'KZ-AKT' } }]);
    expect(e.counterpartLetters).toEqual([
      {
        id: expect.any(String),
        office: expect.objectContaining({ code: 'KZ-AKT' }),
        letter: delegation.letter,
        recordedAt: '2026-03-06T05:00:00.000Z',
        recordedBy: { id: expect.any(String), fullName: 'Исполнителева Анна Сергеевна' },
        participants: 2,
        statement: false,
        attachmentIds: [e.attachments[0].id],
      },
    ]);

    const [action] = (await actionsOf(ctx.database.db, id)).filter((a) => a.kind === 'counterpart_letter');
    const akt = rowsOf<{ id: string }>(await ctx.database.db.execute(sql`select id from offices where code = 'KZ-AKT'`))[0]!.id;
    expect(action).toMatchObject({ channel: 'email', onBehalfOfOfficeId: akt, actorRoles: ['officer'], fromStatus: 'approved', toStatus: 'approved' });
    expect(action!.input).toMatchObject({
      officeCode: 'KZ-AKT',
      letter: delegation.letter,
      participants: delegation.participants,
      files: [{ fileName: 'письмо.pdf', size: PDF.length }],
    });
    expect(Object.keys(action!.changes)).toEqual(['participants']);

    const timeline = (await officer.get(`/api/v1/events/${id}/timeline`)).body.items;
    expect(timeline.at(-1)).toMatchObject({
      action: 'counterpart_letter',
      channel: 'email',
      onBehalfOf: { code: 'KZ-AKT' },
      actor: { fullName: 'Исполнителева Анна Сергеевна' },
      officeCode: 'RU-ORE',
      details: { officeCode: 'KZ-AKT', letter: delegation.letter },
    });
    expect(timeline.slice(0, -1).every((x: { channel: string; onBehalfOf: unknown }) => x.channel === 'system' && x.onBehalfOf === null)).toBe(true);
    // The audit row names the letter, not the people.
    const audit = rowsOf<{ after: Record<string, unknown> }>(
      await ctx.database.db.execute(sql`select after from audit_log where action = 'event.counterpart_letter' and object_id = ${id}`),
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('Жумабеков');

    // A later letter naming the delegation again replaces what the earlier one named.
    const again = await send(ctx, officer, id, {
      ...delegation,
      letter: { ...delegation.letter, number: '2-15/121' },
      participants: [delegation.participants[0]],
    });
    expect(again.body.participants.filter((p: { fromLetter: boolean }) => p.fromLetter).map((p: { fullName: string }) => p.fullName)).toEqual([
      'Жумабеков Ерлан Маратович',
    ]);
    expect(again.body.counterpartLetters).toHaveLength(2);
  });

  it('O-3.5 issue 10: a letter is refused with field issues: its number (except a call), its date not after today in Orenburg, its scan, something said, a statement in writing; nothing is half-recorded', async () => {
    const kinds = await actionKinds();
    const files = await letterFiles();
    const issues = async (data: unknown, scans?: { fileName: string; data: Buffer }[]) => {
      const r = await send(ctx, officer, id, data, scans);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return r.body.details.issues.map((i: { field: string; rule: string }) => `${i.field} ${i.rule}`);
    };
    expect(await issues({ ...delegation, letter: { ...delegation.letter, number: ' ' } })).toEqual(['body.letter.number required']);
    // 06.03 10:00 in Orenburg: the 7th has not come there yet.
    expect(await issues({ ...delegation, letter: { ...delegation.letter, date: '2026-03-07' } })).toEqual(['body.letter.date date_in_future']);
    expect(await issues(delegation, [])).toEqual(['body.file scan_required']);
    expect(await issues({ ...delegation, participants: [] })).toEqual(['body.participants letter_content']);
    expect(await issues({ ...delegation, letter: { ...delegation.letter, channel: 'pigeon' } })).toEqual(['body.letter.channel invalid_value']);
    expect(await issues({ ...delegation, officeCode: 'KZ-VOS' })).toEqual(['body.officeCode event_counterpart']);
    expect(await issues({ ...delegation, officeCode: 'KZ-NOPE' })).toEqual(['body.officeCode event_counterpart']);
    expect(await issues(undefined)).toEqual(['body.data required']);
    expect((await send(ctx, officer, id, '{"officeCode":')).body.code).toBe('INVALID_JSON');
    const unknown = await send(ctx, officer, id, delegation, undefined, [{ name: 'note', value: 'x' }]);
    expect(unknown.body.details.issues).toMatchObject([{ field: 'body.note', rule: 'unknown_field' }]);
    // A telephone call needs neither number nor scan, but states no outcomes.
    const call = { ...account, letter: { ...account.letter, channel: 'phone', number: null, date: '2026-03-06' } };
    ctx.clock.set('2026-04-20T05:00:00Z');
    await login();
    expect(await issues(call, [])).toEqual(['body.letter.channel letter_in_writing']);
    expect(await issues({ ...account, letter: { ...account.letter, signerName: '' } })).toEqual(['body.letter.signerName required']);
    expect(await issues({ ...account, statement: { outcomes: ' ', agreements: null } })).toEqual(['body.statement.outcomes required']);
    // A scan that is no document is refused with everything else: no file, no participant, no action.
    const fake = await send(ctx, officer, id, delegation, [
      { fileName: 'scan.pdf', data: PDF },
      { fileName: 'x.pdf', data: Buffer.from('MZ\x90\x00 executable') },
    ]);
    expect(fake.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await actionKinds()).toEqual(kinds);
    expect(await letterFiles()).toBe(files);
    ctx.clock.set('2026-03-06T05:00:00Z');
    await login();
  });

  it('O-3.5 issue 10: a statement of the outcomes waits for the end of the event', async () => {
    const early = await send(ctx, officer, id, { ...account, letter: { ...account.letter, date: '2026-03-06' } });
    expect(early).toMatchObject({ status: 409, body: { code: 'EVENT_NOT_ENDED', details: { issues: [{ field: 'body.statement.outcomes' }] } } });
  });

  it('O-3.5 issue 10: only the event office’s staff record its counterparts’ letters: the coordinator is refused, another office does not see the event', async () => {
    expect((await send(ctx, gumps, id, delegation)).status).toBe(403);
    expect((await send(ctx, oms, id, delegation)).status).toBe(404);
    expect((await send(ctx, admin, id, delegation)).status).toBe(404);
  });

  it('O-3.5 issue 10: after the seminar the head records Aktobe’s signed statement of the outcomes; it stands beside the office’s report, in the view and in the report DOCX, and a later one replaces it', async () => {
    ctx.clock.set('2026-04-20T05:00:00Z');
    await login();
    const res = await send(ctx, head, id, account);
    expect(res.status).toBe(201);
    expect(res.body.counterpartStatements).toEqual([
      {
        office: expect.objectContaining({ code: 'KZ-AKT' }),
        outcomes: account.statement.outcomes,
        agreements: account.statement.agreements,
        letter: account.letter,
      },
    ]);
    const [, , last] = (await actionsOf(ctx.database.db, id)).filter((a) => a.kind === 'counterpart_letter');
    expect(last).toMatchObject({ channel: 'letter', actorRoles: ['head'] });
    expect(Object.keys(last!.changes)).toEqual(['counterpartStatements']);

    const saved = await officer.put(`/api/v1/events/${id}/report`, {
      outcomes: 'Проведён семинар.',
      agreements: null,
      followUp: null,
      version: res.body.version,
    });
    const reported = await head.post(`/api/v1/events/${id}/report/submit`, { version: saved.body.version });
    expect(reported.body.status).toBe('reported');
    // Once reported, a counterpart's later account still belongs to the record.
    const later = await send(ctx, officer, id, {
      ...account,
      letter: { ...account.letter, number: '2-15/190', date: '2026-04-20' },
      statement: { outcomes: 'Уточнённые итоги Актюбинской стороны.', agreements: null },
    });
    expect(later.status).toBe(201);
    expect(later.body.status).toBe('reported');
    expect(later.body.counterpartStatements).toMatchObject([{ outcomes: 'Уточнённые итоги Актюбинской стороны.', letter: { number: '2-15/190' } }]);

    const docx = await officer.get(`/api/v1/events/${id}/documents/report`);
    const text = (await mammoth.extractRawText({ buffer: docx.raw })).value;
    expect(text).toContain('Уточнённые итоги Актюбинской стороны.');
    expect(text).toContain('2-15/190');
    // Aktobe's participant is shown as named by its letter.
    expect(text).toContain('Казахстанская сторона: Прокуратура Актюбинской области (по её письму)');
    // The coordinator reads the letters and the statements too.
    const seen = (await gumps.get(`/api/v1/events/${id}`)).body;
    expect(seen.counterpartLetters).toHaveLength(4);
    expect(seen.letterOfficeCodes).toEqual([]);
  });

  it('O-3.5 issue 10: a counterpart at a peer node answers by letter too until the exchange carries its acts', async () => {
    const office = (await admin.get('/api/v1/offices?limit=500')).body.items.find((o: { code: string }) => o.code === 'KZ-AKT');
    const moved = await admin.put(`/api/v1/offices/${office.id}/hosting`, {
      hosting: 'peer',
      peer: { name: 'Узел ГП РК', url: 'https://bc.prokuror.kz' },
      version: office.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const res = await send(ctx, officer, id, { ...delegation, letter: { ...delegation.letter, channel: 'fax', number: '2-15/200', date: '2026-04-20' } });
    expect(res.status).toBe(201);
    expect(res.body.counterparts).toMatchObject([{ code: 'KZ-AKT', hosting: 'peer' }]);
  });

  it('O-3.5 issue 10: the event’s row is still the projection of its log: replay rebuilds it, the chain verifies', async () => {
    expect(await verifySubject(ctx.database.db, id)).toBeNull();
    expect(await replaySubject(ctx.database.db, 'event', id)).toEqual(await storedSubject(ctx.database.db, 'event', id));
  });
});

describe(`events: a counterpart hosted on this node acts itself ${TAG}`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-06T05:00:00Z' });
  });
  afterAll(async () => ctx?.close());

  it('O-3.5 issue 10: on a node of both Parties Aktobe works in the system: its letters are not recorded for it, and no dialog is offered', async () => {
    const [officer, deputy, gumps] = await Promise.all(['oreOfficer', 'oreDeputy', 'gumps'].map((u) => ctx.as(u)));
    const draft = await officer!.post('/api/v1/events', seminar);
    const submitted = await deputy!.post(`/api/v1/events/${draft.body.id}/submit`, { version: draft.body.version });
    const approved = await gumps!.post(`/api/v1/events/${draft.body.id}/approve`, { version: submitted.body.version });
    expect(approved.body.counterparts).toMatchObject([{ code: 'KZ-AKT', hosting: 'here' }]);
    expect(approved.body.letterOfficeCodes).toEqual([]);
    const res = await send(ctx, officer!, draft.body.id, delegation);
    expect(res).toMatchObject({
      status: 409,
      body: { code: 'COUNTERPART_IN_SYSTEM', details: { issues: [{ field: 'body.officeCode', rule: 'counterpart_in_system' }] } },
    });
    expect((await actionsOf(ctx.database.db, draft.body.id)).map((a) => a.kind)).toEqual(['create', 'submit', 'approve']);
  });
});
