import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { runEventReminders } from './index.ts';
import { seminar } from '../../test/event-fixtures.ts';

describe(`events: proposal, approval and report ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let deputy: Client;
  let head: Client;
  let gumps: Client;
  let dms: Client;
  let leader: Client;
  let oms: Client;
  let akt: Client;
  let id: string;
  let version: number;
  /** Sessions expire when the clock jumps: everyone logs in again. */
  async function login() {
    [officer, deputy, head, gumps, dms, leader, oms, akt] = (await Promise.all(
      (['oreOfficer', 'oreDeputy', 'oreHead', 'gumps', 'dms', 'leader', 'omsOfficer', 'aktOfficer'] as const).map((u) => ctx.as(u)),
    )) as Client[] as [Client, Client, Client, Client, Client, Client, Client, Client];
  }
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' }); // 10:00 in Orenburg
    await login();
  });
  afterAll(async () => ctx?.close());

  async function notes(client: Client, kind: string, subjectId: string) {
    const list = await client.get('/api/v1/notifications?limit=500');
    return list.body.items.filter((n: { kind: string; subjectId: string }) => n.kind === kind && n.subjectId === subjectId);
  }

  it('O-3.5 an officer drafts a proposal; what is still missing is named, and only the head or a deputy submits it', async () => {
    const empty = await officer.post('/api/v1/events', { title: 'Рабочая встреча' });
    expect(empty.status).toBe(201);
    expect(empty.body.missingFields).toEqual([
      'type',
      'venue',
      'form',
      'country',
      'city',
      'timeZone',
      'startsAt',
      'endsAt',
      'counterpartOfficeIds',
      'participants',
      'agenda',
      'priorityAreas',
    ]);
    const incomplete = await deputy.post(`/api/v1/events/${empty.body.id}/submit`, { version: empty.body.version });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('MANDATORY_CONTENT_MISSING');
    expect(incomplete.body.details.issues.map((i: { field: string }) => i.field)).toContain('body.counterpartOfficeCodes');

    const res = await officer.post('/api/v1/events', seminar);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      office: { code: 'RU-ORE' },
      counterparts: [{ code: 'KZ-AKT' }],
      missingFields: [],
      side: 'office',
      stage: null,
    });
    // The place's own time: 10:00 in Aktobe (UTC+5) is 05:00 UTC.
    expect(res.body).toMatchObject({
      startsAt: '2026-04-14T05:00:00.000Z',
      startsLocal: '2026-04-14T10:00',
      endsLocal: '2026-04-15T17:00',
      utcOffset: '+05:00',
    });
    expect(res.body.availableActions).toEqual(['update']);
    id = res.body.id;
    version = res.body.version;
    expect((await deputy.get(`/api/v1/events/${id}`)).body.availableActions).toEqual(['update', 'submit', 'cancel']);
    const byOfficer = await officer.post(`/api/v1/events/${id}/submit`, { version });
    expect(byOfficer.status).toBe(403);
  });

  it('O-3.5 access: another office and the other Party do not see the event; the coordinator and leadership see no draft before it is submitted', async () => {
    for (const c of [oms, akt, dms, gumps, leader]) expect((await c.get(`/api/v1/events/${id}`)).status).toBe(404);
    for (const c of [oms, gumps, leader]) expect((await c.get('/api/v1/events')).body.items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await leader.post('/api/v1/events', seminar)).status).toBe(403);
  });

  it('O-2 events serve forms 2 and 3 of interaction; a counterpart of one’s own Party and a reversed period are refused and save nothing', async () => {
    const before = (await officer.get('/api/v1/events')).body.total;
    const wrongForm = await officer.post('/api/v1/events', { ...seminar, form: 'crime_information' });
    expect(wrongForm.status).toBe(400);
    expect(wrongForm.body.details.issues[0].field).toBe('body.form');
    const sameParty = await officer.post('/api/v1/events', { ...seminar, counterpartOfficeCodes: ['KZ-AKT', 'RU-OMS'] });
    expect(sameParty.status).toBe(400);
    expect(sameParty.body.details.issues[0]).toMatchObject({ field: 'body.counterpartOfficeCodes.1', rule: 'counterpart_party' });
    const reversed = await officer.post('/api/v1/events', { ...seminar, startsLocal: '2026-04-15T10:00', endsLocal: '2026-04-14T17:00' });
    expect(reversed.status).toBe(422);
    expect(reversed.body).toMatchObject({ code: 'DATE_RANGE_INVALID', details: { issues: [{ field: 'body.endsLocal' }] } });
    const badTime = await officer.post('/api/v1/events', { ...seminar, startsLocal: '14.04.2026 10:00' });
    expect(badTime.status).toBe(400);
    expect((await officer.get('/api/v1/events')).body.total).toBe(before);
  });

  it('O-3.5 the deputy submits the proposal; the coordinator is notified and returns it with a reason; the office corrects and resubmits', async () => {
    const submitted = await deputy.post(`/api/v1/events/${id}/submit`, { version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(await notes(gumps, 'event.submitted', id)).toHaveLength(1);
    expect(await notes(dms, 'event.submitted', id)).toHaveLength(0);
    // O-6: leadership reads a submitted event and can change nothing.
    const asLeader = await leader.get(`/api/v1/events/${id}`);
    expect(asLeader.status).toBe(200);
    expect(asLeader.body.availableActions).toEqual([]);
    expect((await leader.post(`/api/v1/events/${id}/approve`, { version: submitted.body.version })).status).toBe(403);
    expect((await dms.get(`/api/v1/events/${id}`)).status).toBe(404);
    expect((await gumps.get(`/api/v1/events/${id}`)).body.availableActions).toEqual(['approve', 'return', 'reject']);
    expect((await officer.patch(`/api/v1/events/${id}`, { title: 'Другое', version: submitted.body.version })).body.code).toBe('EVENT_ACTION_NOT_ALLOWED');

    const noReason = await gumps.post(`/api/v1/events/${id}/return`, { version: submitted.body.version });
    expect(noReason.status).toBe(400);
    const returned = await gumps.post(`/api/v1/events/${id}/return`, {
      reason: 'Уточните состав участников казахстанской стороны',
      version: submitted.body.version,
    });
    expect(returned.body).toMatchObject({
      status: 'returned',
      decision: { action: 'return', reason: 'Уточните состав участников казахстанской стороны', by: { fullName: 'Координаторов Иван Петрович' } },
    });
    expect(await notes(officer, 'event.returned', id)).toHaveLength(1);

    const edited = await officer.patch(`/api/v1/events/${id}`, {
      participants: [...seminar.participants, { side: 'counterpart', fullName: 'Серикбаев Нурлан Ерланович', position: 'прокурор отдела' }],
      version: returned.body.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.participants).toHaveLength(3);
    // Editing the participants keeps the times as they were entered at the place.
    expect(edited.body.startsLocal).toBe('2026-04-14T10:00');
    const again = await head.post(`/api/v1/events/${id}/submit`, { version: edited.body.version });
    expect(again.body.status).toBe('submitted');
    version = again.body.version;
  });

  it('O-3.5 two coordinators deciding at once yield one decision', async () => {
    const gumps2 = await ctx.as('gumps');
    const results = await Promise.all([gumps.post(`/api/v1/events/${id}/approve`, { version }), gumps2.post(`/api/v1/events/${id}/approve`, { version })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const current = (await gumps.get(`/api/v1/events/${id}`)).body;
    expect(current.status).toBe('approved');
    const history = (await gumps.get(`/api/v1/events/${id}/timeline`)).body.items.filter((e: { action: string }) => e.action === 'approve');
    expect(history).toHaveLength(1);
    expect(await notes(officer, 'event.approved', id)).toHaveLength(1);
    version = current.version;
  });

  it('O-3.5 approval fixes the report deadline: 10 days after the end, in the office’s own time zone, with how it was computed', async () => {
    const view = (await officer.get(`/api/v1/events/${id}`)).body;
    expect(view.status).toBe('approved');
    expect(view.stage).toBe('planned');
    // Ends 15.04 17:00 in Aktobe = 15.04 in Orenburg; 10 days → 25.04 is the last day, due at 26.04 00:00 UTC+5.
    expect(view.reportDue).toEqual({
      start: '2026-04-15',
      rule: 'calendarDays:10',
      timeZone: 'Asia/Yekaterinburg',
      lastDay: '2026-04-25',
      dueAt: '2026-04-25T19:00:00.000Z',
    });
    const early = await officer.put(`/api/v1/events/${id}/report`, { outcomes: 'x', version });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('EVENT_NOT_ENDED');
  });

  it('O-3.5 the office is reminded before the report is due, once per reminder whatever the runs; overdue goes to the coordinator too', async () => {
    ctx.clock.set('2026-04-23T00:00:00Z'); // less than 3 days before the due instant
    await login();
    expect((await runEventReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config })).sent).toBe(1);
    expect((await runEventReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config })).sent).toBe(0);
    expect(await notes(officer, 'event.report_due', id)).toHaveLength(1);
    expect((await officer.get(`/api/v1/events?stage=awaiting_report`)).body.items.map((e: { id: string }) => e.id)).toContain(id);
    ctx.clock.set('2026-04-25T19:00:00Z');
    await login();
    expect((await runEventReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config })).sent).toBe(1);
    expect(await notes(officer, 'event.report_overdue', id)).toHaveLength(1);
    expect(await notes(gumps, 'event.report_overdue', id)).toHaveLength(1);
    const overdue = (await gumps.get('/api/v1/events?stage=report_overdue')).body;
    expect(overdue.items.map((e: { id: string }) => e.id)).toEqual([id]);
    expect(overdue.items[0].stage).toBe('report_overdue');
  });

  it('O-3.5 after the event the officer writes the report, the head submits it; the coordinator may return it and the office resubmits', async () => {
    const incomplete = await officer.put(`/api/v1/events/${id}/report`, { agreements: 'Договорились о ежеквартальном обмене сведениями', version });
    expect(incomplete.status).toBe(200);
    const early = await head.post(`/api/v1/events/${id}/report/submit`, { version: incomplete.body.version });
    expect(early.status).toBe(422);
    expect(early.body.details.issues[0].field).toBe('body.outcomes');
    const saved = await officer.put(`/api/v1/events/${id}/report`, {
      outcomes: 'Проведён семинар, рассмотрены 4 схемы поставки синтетических наркотиков.',
      agreements: 'Договорились о ежеквартальном обмене сведениями',
      followUp: 'Подготовить проект плана совместных мероприятий на 2027 год.',
      version: incomplete.body.version,
    });
    expect(saved.body.availableActions).toContain('save_report');
    const byOfficer = await officer.post(`/api/v1/events/${id}/report/submit`, { version: saved.body.version });
    expect(byOfficer.status).toBe(403);
    const reported = await head.post(`/api/v1/events/${id}/report/submit`, { version: saved.body.version });
    expect(reported.body).toMatchObject({ status: 'reported', stage: null, report: { reportedBy: { fullName: 'Прокуроров Олег Викторович' } } });
    expect(await notes(gumps, 'event.reported', id)).toHaveLength(1);
    const back = await gumps.post(`/api/v1/events/${id}/report/return`, {
      reason: 'Дополните сведения о достигнутых договорённостях',
      version: reported.body.version,
    });
    expect(back.body.status).toBe('approved');
    expect(await notes(officer, 'event.report_returned', id)).toHaveLength(1);
    const final = await deputy.post(`/api/v1/events/${id}/report/submit`, { version: back.body.version });
    expect(final.body.status).toBe('reported');
    version = final.body.version;
    const timeline = (await officer.get(`/api/v1/events/${id}/timeline`)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual([
      'create',
      'submit',
      'return',
      'update',
      'submit',
      'approve',
      'save_report',
      'save_report',
      'submit_report',
      'return_report',
      'submit_report',
    ]);
  });

  it('O-3.5 A-11 the DOCX of the proposal and of the report read as official letters to the coordinator', async () => {
    const proposal = await officer.get(`/api/v1/events/${id}/documents/proposal`);
    expect(proposal.status).toBe(200);
    const p = (await mammoth.extractRawText({ buffer: proposal.raw })).value;
    expect(p).toContain('Прокуратура Оренбургской области');
    expect(p).toContain(`Об участии в мероприятии «${seminar.title}»`);
    expect(p).toContain('14.04.2026 10:00 – 15.04.2026 17:00 (UTC+05:00, Актобе)');
    expect(p).toContain('Серикбаев Нурлан Ерланович');
    expect(p).toContain('каждая Сторона несёт самостоятельно');
    expect(p).toContain('Главное управление международно-правового сотрудничества Генеральной прокуратуры Российской Федерации');
    const report = await officer.get(`/api/v1/events/${id}/documents/report`);
    const r = (await mammoth.extractRawText({ buffer: report.raw })).value;
    expect(r).toContain(`Отчёт о мероприятии «${seminar.title}»`);
    expect(r).toContain('рассмотрены 4 схемы поставки');
    expect(r).toContain('ежеквартальном обмене');
    // The deputy submitted the final report: the signature block is the deputy's.
    expect(r).toContain('Заместитель прокурора Оренбургской области');
  });

  it('O-3.5 documents attach to the report after the event; their type is checked by content and downloads are audited', async () => {
    const other = await officer.post('/api/v1/events', seminar);
    const boundary = 'evboundary';
    const body = (name: string, data: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const up = (c: Client, url: string, name: string, data: Buffer) =>
      ctx.app.inject({
        method: 'POST',
        url,
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body(name, data),
      });
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const ok = await up(officer, `/api/v1/events/${other.body.id}/attachments?role=proposal`, 'программа.pdf', PDF);
    expect(ok.statusCode).toBe(201);
    const attached = JSON.parse(ok.body);
    expect(attached.attachments).toHaveLength(1);
    expect(attached.attachments[0]).toMatchObject({ role: 'proposal', fileName: 'программа.pdf', mimeType: 'application/pdf' });
    const fake = await up(officer, `/api/v1/events/${other.body.id}/attachments?role=proposal`, 'x.pdf', Buffer.from('MZ\x90\x00 executable'));
    expect(fake.statusCode).toBe(415);
    // A report attachment before the event is over is refused before the upload is read.
    expect((await up(officer, `/api/v1/events/${other.body.id}/attachments?role=report`, 'r.pdf', PDF)).statusCode).toBe(409);
    expect((await up(oms, `/api/v1/events/${other.body.id}/attachments?role=proposal`, 'r.pdf', PDF)).statusCode).toBe(404);
    const download = await officer.get(`/api/v1/events/${other.body.id}/attachments/${attached.attachments[0].id}`);
    expect(download.status).toBe(200);
    expect(download.raw.equals(PDF)).toBe(true);
    expect((await oms.get(`/api/v1/events/${other.body.id}/attachments/${attached.attachments[0].id}`)).status).toBe(404);
    const audit = await ctx.database.db.execute(`select action from audit_log where object_id = '${attached.attachments[0].id}'`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual(['event.attachment.download']);
  });

  it('O-3.5 the calendar: events overlapping a period, filtered by office, counterpart, type and status; the coordinator sees the submitted events of every office of its Party', async () => {
    const omsEvent = await oms.post('/api/v1/events', {
      ...seminar,
      type: 'working_meeting',
      form: 'working_meetings',
      counterpartOfficeCodes: ['KZ-SEV'],
      startsLocal: '2026-04-30T10:00',
      endsLocal: '2026-05-01T12:00',
      timeZone: 'Asia/Omsk',
    });
    expect(omsEvent.status).toBe(201);
    const april = (await gumps.get('/api/v1/events?from=2026-04-01&to=2026-04-30')).body.items.map((e: { id: string }) => e.id);
    expect(april).toContain(id);
    // The Omsk draft is not yet the coordinator's business.
    expect(april).not.toContain(omsEvent.body.id);
    expect((await gumps.get('/api/v1/events?office=RU-OMS')).body.total).toBe(0);
    expect((await gumps.get('/api/v1/events?office=RU-ORE&status=reported')).body.items.map((e: { id: string }) => e.id)).toEqual([id]);
    // An event spanning two months shows in both.
    expect((await oms.get('/api/v1/events?from=2026-04-01&to=2026-04-30')).body.items.map((e: { id: string }) => e.id)).toEqual([omsEvent.body.id]);
    expect((await oms.get('/api/v1/events?from=2026-05-01&to=2026-05-31')).body.items.map((e: { id: string }) => e.id)).toEqual([omsEvent.body.id]);
    expect((await oms.get('/api/v1/events?from=2026-06-01&to=2026-06-30')).body.total).toBe(0);
    expect((await oms.get('/api/v1/events?counterpart=KZ-SEV')).body.items.map((e: { id: string }) => e.id)).toEqual([omsEvent.body.id]);
    expect((await oms.get('/api/v1/events?counterpart=KZ-AKT')).body.total).toBe(0);
    expect((await oms.get('/api/v1/events?type=working_meeting')).body.total).toBe(1);
    expect((await oms.get('/api/v1/events?type=seminar')).body.total).toBe(0);
    // Office staff see their own office's events only, whatever the filter asks.
    expect((await officer.get('/api/v1/events?office=RU-OMS')).body.total).toBe(0);
    expect((await dms.get('/api/v1/events')).body.total).toBe(0);
    const paged = await officer.get('/api/v1/events?limit=1&sort=number&order=desc');
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThanOrEqual(3);
    expect((await officer.get('/api/v1/events?q=наркотик')).body.total).toBeGreaterThanOrEqual(2);
    expect((await gumps.get('/api/v1/events?type=lecture')).status).toBe(400);
  });

  it('O-3.5 every step is in the audit log, and participants’ names are not', async () => {
    const rows = (await ctx.database.db.execute(`select action, after::text as after from audit_log where object_id = '${id}' order by seq`)) as unknown as {
      rows: { action: string; after: string }[];
    };
    expect(rows.rows.map((r) => r.action)).toEqual([
      'event.create',
      'event.submit',
      'event.return',
      'event.update',
      'event.submit',
      'event.approve',
      'event.save_report',
      'event.save_report',
      'event.submit_report',
      'event.return_report',
      'event.submit_report',
      'event.document',
      'event.document',
    ]);
    expect(rows.rows.map((r) => r.after).join(' ')).not.toContain('Серикбаев');
  });
});
