import { sql } from 'drizzle-orm';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { runReminders } from './index.ts';
import { journalCount, searchByMonth } from './items.repository.ts';

const base = {
  kind: 'request',
  toOfficeCode: 'KZ-AKT',
  subject: 'О взаимодействии',
  essence: 'Существо дела по проверке',
  purpose: 'Проверка соблюдения законодательства',
  assistance: 'Предоставить сведения',
  form: 'crime_information',
  priorityAreas: ['organized_crime'],
};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe(`requests: the rules of the Agreement ${TAG}`, () => {
  let ctx: TestContext;
  let u: Record<'officer' | 'deputy' | 'head' | 'akt' | 'aktHead' | 'gumps' | 'dms' | 'oms' | 'vos' | 'auditor', Client>;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    const [officer, deputy, head, akt, aktHead, gumps, dms, oms, vos, auditor] = await Promise.all(
      ['oreOfficer', 'oreDeputy', 'oreHead', 'aktOfficer', 'aktHead', 'gumps', 'dms', 'omsOfficer', 'vosOfficer', 'auditor'].map((n) => ctx.as(n)),
    );
    u = { officer: officer!, deputy: deputy!, head: head!, akt: akt!, aktHead: aktHead!, gumps: gumps!, dms: dms!, oms: oms!, vos: vos!, auditor: auditor! };
  });
  afterAll(async () => ctx?.close());

  async function relogin() {
    for (const [k, n] of Object.entries({
      officer: 'oreOfficer',
      deputy: 'oreDeputy',
      head: 'oreHead',
      akt: 'aktOfficer',
      aktHead: 'aktHead',
      gumps: 'gumps',
      dms: 'dms',
      oms: 'omsOfficer',
      vos: 'vosOfficer',
      auditor: 'auditor',
    })) {
      (u as Record<string, Client>)[k] = await ctx.as(n);
    }
  }

  async function draft(extra: Record<string, unknown> = {}, by: Client = u.officer) {
    const res = await by.post('/api/v1/items', { ...base, ...extra });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function sent(extra: Record<string, unknown> = {}) {
    const d = await draft(extra);
    const s = await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: d.version });
    const r = await u.officer.post(`/api/v1/items/${d.id}/send`, { outgoingNumber: `7-${d.number}`, outgoingDate: '2026-03-02', version: s.body.version });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  }
  async function registered(extra: Record<string, unknown> = {}) {
    const s = await sent(extra);
    const r = await u.akt.post(`/api/v1/items/${s.id}/register`, { incomingNumber: `вх-${s.number}`, incomingDate: '2026-03-02', version: s.version });
    expect(r.status).toBe(200);
    return r.body;
  }
  /** The notification of `kind` about item `id` in the user's centre (tests move the clock, so not "the newest"). */
  async function note(client: Client, kind: string, id: string) {
    const list = await client.get('/api/v1/notifications?limit=500');
    return list.body.items.find((n: { kind: string; subjectId: string }) => n.kind === kind && n.subjectId === id);
  }

  function upload(client: Client, url: string, files: { name: string; data: Buffer }[]) {
    const boundary = 'testboundary42';
    const parts = files.map((f) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        f.data,
        Buffer.from('\r\n'),
      ]),
    );
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    });
  }

  it('O-2 P-2 every request names one of the five forms of interaction; an unknown form is refused', async () => {
    const d = await draft({ form: 'working_meetings' });
    expect(d.form).toBe('working_meetings');
    const bad = await u.officer.post('/api/v1/items', { ...base, form: 'espionage' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues[0].field).toBe('body.form');
  });

  it('O-3.2 A-2 priority areas are a multi-select classifier over one vocabulary, and the journal filters by them', async () => {
    const s = await sent({ priorityAreas: ['digital_currency', 'human_trafficking'] });
    const byArea = await u.akt.get('/api/v1/items?box=incoming&area=digital_currency');
    expect(byArea.body.items.map((i: { id: string }) => i.id)).toEqual([s.id]);
    const bad = await u.officer.post('/api/v1/items', { ...base, priorityAreas: ['astrology'] });
    expect(bad.status).toBe(400);
  });

  it('O-1 a request to an office that is not a paired counterpart is refused when drafted, and says why', async () => {
    const res = await u.officer.post('/api/v1/items', { ...base, toOfficeCode: 'KZ-VOS' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'DIRECT_EXCHANGE_NOT_ALLOWED',
      details: { reason: 'NO_PAIRING', issues: [{ field: 'body.toOfficeCode', rule: 'direct_exchange', params: { reason: 'NO_PAIRING' } }] },
    });
    const same = await u.officer.post('/api/v1/items', { ...base, toOfficeCode: 'RU-OMS' });
    expect(same.status).toBe(422);
    expect(same.body.details.issues[0]).toMatchObject({ field: 'body.toOfficeCode', rule: 'counterpart_party' });
  });

  it('O-3.4 an extradition matter cannot go directly: it is addressed to ГУМПС, which forwards or returns it', async () => {
    const d = await draft({ subjectMatter: 'extradition', subject: 'О выдаче лица' });
    expect(d).toMatchObject({ route: 'coordinator', routeReasons: ['EXTRADITION'], toOffice: { code: 'RU-GP-GUMPS' }, intendedOffice: { code: 'KZ-AKT' } });
    const s = await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: d.version });
    const res = await u.officer.post(`/api/v1/items/${d.id}/send`, { outgoingNumber: '8-1', outgoingDate: '2026-03-02', version: s.body.version });
    expect(res.body).toMatchObject({ status: 'sent', answerDue: null });
    expect((await u.akt.get(`/api/v1/items/${d.id}`)).status).toBe(404); // Aktobe never receives it directly
    const inbox = await u.gumps.get('/api/v1/items?box=incoming');
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(d.id);
    const view = await u.gumps.get(`/api/v1/items/${d.id}`);
    expect(view.body.availableActions).toEqual(expect.arrayContaining(['register', 'forward', 'return']));
    expect(view.body.availableActions).not.toContain('record_outcome');
    const forwarded = await u.gumps.post(`/api/v1/items/${d.id}/forward`, {
      note: 'Направлено в Генеральную прокуратуру Республики Казахстан',
      outgoingNumber: '87-1-2026',
      version: view.body.version,
    });
    expect(forwarded.body.status).toBe('forwarded');
    expect(await note(u.officer, 'item.forwarded', d.id)).toBeDefined();

    const legal = await draft({ subjectMatter: 'legal_assistance', subject: 'О правовой помощи' });
    expect(legal.routeReasons).toEqual(['LEGAL_ASSISTANCE']);
    const ls = await u.deputy.post(`/api/v1/items/${legal.id}/sign`, { version: legal.version });
    const lsent = await u.officer.post(`/api/v1/items/${legal.id}/send`, { outgoingNumber: '8-2', outgoingDate: '2026-03-02', version: ls.body.version });
    const returned = await u.gumps.post(`/api/v1/items/${legal.id}/return`, {
      reason: 'Оформите запрос о правовой помощи по УПК',
      version: lsent.body.version,
    });
    expect(returned.body.status).toBe('returned');
    const revised = await u.officer.post(`/api/v1/items/${legal.id}/revise`, { version: returned.body.version });
    expect(revised.body).toMatchObject({ status: 'draft' });
  });

  it('A-6.2a an Omsk request made orally at 10:00 local must be confirmed by 10:00 local three days later', async () => {
    const omsToPav = await u.oms.post('/api/v1/items', { ...base, toOfficeCode: 'KZ-PAV', essence: 'Срочно: задержание лица на пункте пропуска' });
    const res = await u.oms.post(`/api/v1/items/${omsToPav.body.id}/send-oral`, {
      oralAt: '2026-03-02T04:00:00Z',
      channel: 'phone',
      spokenBy: 'Омский Д.О.',
      spokenTo: 'дежурный прокурор',
      version: omsToPav.body.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'sent',
      mode: 'oral',
      oral: {
        channel: 'phone',
        confirmedAt: null,
        confirmationDue: { rule: 'hours:72', timeZone: 'Asia/Omsk', dueAt: '2026-03-05T04:00:00.000Z', lastDay: '2026-03-05' },
      },
    });
  });

  it('A-6.2a the receiving office may start work at once; the confirmation is signed by the head and linked; late is flagged', async () => {
    const d = await draft({ essence: 'Срочная проверка сведений' });
    const oral = await u.officer.post(`/api/v1/items/${d.id}/send-oral`, {
      oralAt: '2026-03-02T04:30:00Z',
      channel: 'video',
      spokenBy: 'Исполнителева А.С.',
      spokenTo: 'Серикбаев Н.Е.',
      version: d.version,
    });
    const reg = await u.akt.post(`/api/v1/items/${d.id}/register`, { incomingNumber: 'вх-уст-1', incomingDate: '2026-03-02', version: oral.body.version });
    expect(reg.body.status).toBe('registered');
    const byOfficer = await u.officer.post(`/api/v1/items/${d.id}/confirm-in-writing`, {
      outgoingNumber: '7-уст',
      outgoingDate: '2026-03-02',
      version: reg.body.version,
    });
    expect(byOfficer.status).toBe(403);
    const confirmed = await u.head.post(`/api/v1/items/${d.id}/confirm-in-writing`, {
      outgoingNumber: '7-уст',
      outgoingDate: '2026-03-02',
      version: reg.body.version,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'registered', oral: { overdue: false }, registration: { outgoingNumber: '7-уст' } });
    expect(confirmed.body.oral.confirmedAt).not.toBeNull();
    expect((await u.akt.get(`/api/v1/items/${d.id}/signature`)).body).toMatchObject({
      status: 'valid',
      purpose: 'oral_confirmation',
      signer: { fullName: 'Прокуроров Олег Викторович' },
    });
  });

  it('A-6.2a reminders 24 h and 6 h before the confirmation deadline, then overdue; each sent once', async () => {
    const d = await draft({ essence: 'Напоминания' });
    await u.officer.post(`/api/v1/items/${d.id}/send-oral`, {
      oralAt: '2026-03-02T05:00:00Z',
      channel: 'phone',
      spokenBy: 'Иванов И.И.',
      spokenTo: 'Серикбаев Н.Е.',
      version: d.version,
    });
    const reminders = async () => {
      const n = await u.officer.get('/api/v1/notifications?limit=200');
      return n.body.items
        .filter((x: any) => x.subjectId === d.id && (x.kind === 'item.confirmation_due' || x.kind === 'item.overdue'))
        .map((x: any) => x.payload.reminder);
    };
    ctx.clock.set('2026-03-04T04:59:00Z'); // 24 h 1 min before
    await runReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });
    await relogin();
    expect(await reminders()).toEqual([]);
    ctx.clock.set('2026-03-04T05:01:00Z');
    await runReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });
    await runReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });
    await relogin();
    expect(await reminders()).toEqual(['confirmation_24h']);
    ctx.clock.set('2026-03-04T23:30:00Z');
    await runReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });
    ctx.clock.set('2026-03-05T05:00:01Z');
    await runReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });
    await relogin();
    expect((await reminders()).sort()).toEqual(['confirmation_24h', 'confirmation_6h', 'confirmation_overdue']);
    const view = await u.officer.get(`/api/v1/items/${d.id}`);
    expect(view.body).toMatchObject({ overdue: true, oral: { overdue: true } });
    const overdue = await u.officer.get('/api/v1/items?box=outgoing&overdue=true');
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toContain(d.id);
    ctx.clock.set('2026-03-02T05:00:00Z');
    await relogin();
  });

  it('A-6.2b the receiver holds an item in doubt; the sender confirms with a signature or withdraws', async () => {
    const r = await registered();
    const held = await u.akt.post(`/api/v1/items/${r.id}/doubt-authenticity`, { reason: 'Исходящий номер не совпадает с журналом', version: r.version });
    expect(held.body).toMatchObject({ status: 'on_hold', heldFrom: 'registered' });
    expect(held.body.availableActions).not.toContain('record_outcome');
    expect(await note(u.officer, 'item.on_hold', r.id)).toBeDefined();
    const sig = await u.akt.get(`/api/v1/items/${r.id}/signature`);
    expect(sig.body.status).toBe('valid'); // verification helps the decision
    const confirmed = await u.deputy.post(`/api/v1/items/${r.id}/confirm-authenticity`, { note: 'Подтверждаем', version: held.body.version });
    expect(confirmed.body.status).toBe('registered');
    const r2 = await registered();
    const held2 = await u.akt.post(`/api/v1/items/${r2.id}/doubt-authenticity`, { reason: 'Сомнение', version: r2.version });
    expect((await u.head.post(`/api/v1/items/${r2.id}/withdraw`, { reason: 'Отзываем', version: held2.body.version })).body.status).toBe('withdrawn');
  });

  it('A-7.1 A-7.3 a refusal needs a ground and a reason; the requester gets a written notice', async () => {
    const r = await registered();
    const noGround = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, { outcome: 'refused', reason: 'Нет оснований', text: 'Отказ', version: r.version });
    expect(noGround.status).toBe(422);
    expect(noGround.body).toMatchObject({ code: 'REFUSAL_GROUND_REQUIRED', details: { issues: [{ field: 'body.refusalGrounds' }] } });
    const noReason = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'refused',
      refusalGrounds: ['security'],
      text: 'Отказ',
      version: r.version,
    });
    expect(noReason.status).toBe(400);
    const badGround = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'refused',
      refusalGrounds: ['inconvenience'],
      reason: 'x',
      text: 'x',
      version: r.version,
    });
    expect(badGround.status).toBe(400);
    expect((await u.officer.get(`/api/v1/items/${r.id}`)).body.status).toBe('registered');
    const refused = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'refused',
      refusalGrounds: ['security', 'contrary_to_legislation'],
      reason: 'Сведения составляют государственную тайну',
      text: 'В исполнении отказано',
      version: r.version,
    });
    expect(refused.body).toMatchObject({ status: 'refused', outcome: { refusalGrounds: ['security', 'contrary_to_legislation'] } });
    const notice = await u.officer.get(`/api/v1/items/${r.id}/documents/refusal.docx`);
    expect(notice.status).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: notice.raw });
    expect(value).toContain('Об отказе в исполнении запроса');
    expect(value).toContain('исполнение может нанести ущерб безопасности');
    expect(value).toContain('Сведения составляют государственную тайну');
    expect(value).toContain(`На № 7-${r.number} от 02.03.2026`);
  });

  it('A-8.1 A-8.2 the outcome names the legal basis applied and reaches the requester at once', async () => {
    const r = await registered();
    const res = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'partially_executed',
      refusalGrounds: ['essential_interests'],
      reason: 'Часть сведений не предоставляется',
      text: 'Сведения предоставлены частично',
      legalBasisApplied: 'УПК Республики Казахстан',
      version: r.version,
    });
    expect(res.body.outcome).toMatchObject({ outcome: 'partially_executed', legalBasisApplied: 'УПК Республики Казахстан' });
    expect(await note(u.officer, 'item.outcome', r.id)).toMatchObject({ payload: { outcome: 'partially_executed' } });
  });

  it('A-8.2 an answer not given in time is overdue for the requested office and the requester', async () => {
    const r = await registered();
    ctx.clock.set('2026-04-01T18:59:00Z'); // 23:59 in Aktobe on the last day
    await relogin();
    expect((await u.akt.get(`/api/v1/items/${r.id}`)).body.overdue).toBe(false);
    ctx.clock.set('2026-04-01T19:00:00Z');
    await runReminders({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });
    await relogin();
    expect((await u.akt.get(`/api/v1/items/${r.id}`)).body.overdue).toBe(true);
    const list = await u.akt.get('/api/v1/items?box=incoming&overdue=true');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(r.id);
    for (const c of [u.akt, u.officer]) {
      const n = await c.get('/api/v1/notifications?limit=200');
      expect(n.body.items.some((x: any) => x.kind === 'item.overdue' && x.subjectId === r.id)).toBe(true);
    }
    ctx.clock.set('2026-03-02T05:00:00Z');
    await relogin();
  });

  it('A-9.1 a restricted item’s text is read by its offices’ assigned users and heads only; coordinators see the metadata; reads are audited', async () => {
    const r = await registered({ confidentiality: 'restricted', essence: 'Секретная оперативная информация' });
    const asCoordinator = await u.gumps.get(`/api/v1/items/${r.id}`);
    expect(asCoordinator.status).toBe(200);
    expect(asCoordinator.body).toMatchObject({ contentVisible: false, content: null, confidentiality: 'restricted', status: 'registered' });
    expect(JSON.stringify(asCoordinator.body)).not.toContain('Секретная');
    const journal = await u.gumps.get('/api/v1/items?box=all');
    expect(journal.body.items.find((i: { id: string }) => i.id === r.id).subject).toBeNull();
    const search = await u.gumps.get(`/api/v1/items?box=all&q=${encodeURIComponent('оперативная')}`);
    expect(search.body.items.map((i: { id: string }) => i.id)).not.toContain(r.id);
    expect((await u.officer.get(`/api/v1/items?box=outgoing&q=${encodeURIComponent('оперативной')}`)).body.items.map((i: { id: string }) => i.id)).toContain(
      r.id,
    );
    expect((await u.aktHead.get(`/api/v1/items?box=incoming&q=${encodeURIComponent('оперативная')}`)).body.items.map((i: { id: string }) => i.id)).toContain(
      r.id,
    );
    expect((await u.aktHead.get(`/api/v1/items/${r.id}`)).body.content.essence).toBe('Секретная оперативная информация');
    const audit = await u.auditor.get(`/api/v1/audit?action=item.read&objectId=${r.id}`);
    expect(audit.body.total).toBeGreaterThan(0);
  });

  it('A-9.2 the degree of confidentiality cannot be lowered once the item is sent', async () => {
    const d = await draft({ confidentiality: 'official_use', kind: 'proposal', subjectMatter: 'within_protocol' });
    const lowered = await u.officer.patch(`/api/v1/items/${d.id}`, { confidentiality: 'open', version: d.version });
    expect(lowered.status).toBe(200); // still a draft: the provider decides
    const oral = await u.officer.post(`/api/v1/items/${d.id}/send-oral`, {
      oralAt: '2026-03-02T05:00:00Z',
      channel: 'phone',
      spokenBy: 'Иванов И.И.',
      spokenTo: 'Серикбаев Н.Е.',
      version: (await u.officer.patch(`/api/v1/items/${d.id}`, { confidentiality: 'restricted', version: lowered.body.version })).body.version,
    });
    const after = await u.officer.patch(`/api/v1/items/${d.id}`, { confidentiality: 'official_use', version: oral.body.version });
    expect(after.status).toBe(422);
    expect(after.body.code).toBe('CONFIDENTIALITY_CANNOT_BE_LOWERED');
  });

  it('A-9.3 another use of received information needs the provider’s prior consent; the original purpose and public information need none', async () => {
    const r = await registered({ purpose: 'Проверка законности задержания' });
    await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'executed',
      text: 'Сведения предоставлены',
      confidentiality: 'official_use',
      version: r.version,
    });
    const original = await u.officer.post(`/api/v1/items/${r.id}/uses`, { purpose: 'Проверка законности задержания' });
    expect(original.status).toBe(201);
    const other = await u.officer.post(`/api/v1/items/${r.id}/uses`, { purpose: 'Подготовка обзора практики' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('CONSENT_REQUIRED');
    const exportNoPurpose = await u.officer.get(`/api/v1/items/${r.id}/documents/outcome.docx`);
    expect(exportNoPurpose.status).toBe(400);
    expect(exportNoPurpose.body.details.issues[0].field).toBe('querystring.purpose');
    const consent = await u.officer.post(`/api/v1/items/${r.id}/consents`, {
      purpose: 'Подготовка обзора практики',
      justification: 'Обобщение практики для ГУМПС',
    });
    expect(consent.status).toBe(201);
    expect(await note(u.aktHead, 'item.consent_requested', r.id)).toBeDefined();
    const byOfficer = await u.akt.post(`/api/v1/consents/${consent.body.id}/decision`, { decision: 'granted' });
    expect(byOfficer.status).toBe(403);
    const granted = await u.aktHead.post(`/api/v1/consents/${consent.body.id}/decision`, { decision: 'granted', note: 'Согласны' });
    expect(granted.body.status).toBe('granted');
    expect((await u.officer.post(`/api/v1/items/${r.id}/uses`, { purpose: 'подготовка обзора  практики' })).status).toBe(201);
    const exported = await u.officer.get(`/api/v1/items/${r.id}/documents/outcome.docx?purpose=${encodeURIComponent('Подготовка обзора практики')}`);
    expect(exported.status).toBe(200);
    const uses = await u.officer.get(`/api/v1/items/${r.id}/uses`);
    expect(uses.body.items.map((x: any) => [x.kind, x.consentId !== null])).toEqual([
      ['use', false],
      ['use', true],
      ['export', true],
    ]);
    expect((await u.aktHead.post(`/api/v1/consents/${consent.body.id}/decision`, { decision: 'refused' })).status).toBe(409);
  });

  it('A-10 each Party bears its own costs unless another arrangement is recorded with its terms', async () => {
    const d = await draft({ costArrangement: 'agreed' });
    expect(d.missingFields).toEqual(['costTerms']);
    const fixed = await u.officer.patch(`/api/v1/items/${d.id}`, { costTerms: 'Расходы на перевод несёт запрашивающая Сторона', version: d.version });
    expect(fixed.body).toMatchObject({
      costArrangement: 'agreed',
      missingFields: [],
      content: { costTerms: 'Расходы на перевод несёт запрашивающая Сторона' },
    });
    expect((await draft()).costArrangement).toBe('each_own');
  });

  it('A-6.5 warns when the text is not in Kazakh for a Kazakh office and no translation is attached', async () => {
    expect((await draft()).warnings).toEqual(['TRANSLATION_MISSING']);
    // Marked, but the file is still to come: that is said too (the next test).
    expect((await draft({ translationAttached: true })).warnings).toEqual(['TRANSLATION_FILE_MISSING']);
    expect((await draft({ language: 'kk' })).warnings).toEqual([]);
  });

  it('A-6.5 «translation attached» needs an attachment marked as the translation: signing and sending are refused without it, naming the field; nothing changes', async () => {
    const d = await draft({ translationAttached: true });
    const refused = await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: d.version });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('TRANSLATION_FILE_MISSING');
    expect(refused.body.details.issues).toEqual([expect.objectContaining({ field: 'body.translationAttached', rule: 'translation_file_required' })]);
    const unchanged = await u.officer.get(`/api/v1/items/${d.id}`);
    expect(unchanged.body).toMatchObject({ status: 'draft', version: d.version });
    // A content file that is not the translation does not do.
    const plain = await upload(u.officer, `/api/v1/items/${d.id}/attachments?role=content&version=${d.version}`, [{ name: 'справка.pdf', data: PDF }]);
    expect(plain.json().warnings).toContain('TRANSLATION_FILE_MISSING');
    expect((await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: plain.json().version })).body.code).toBe('TRANSLATION_FILE_MISSING');
    const marked = await upload(u.officer, `/api/v1/items/${d.id}/attachments?role=content&translation=true&version=${plain.json().version}`, [
      { name: 'перевод.pdf', data: PDF },
    ]);
    expect(marked.statusCode).toBe(200);
    expect(marked.json().warnings).toEqual([]);
    expect(marked.json().attachments.map((a: { fileName: string; translation: boolean }) => [a.fileName, a.translation])).toEqual([
      ['справка.pdf', false],
      ['перевод.pdf', true],
    ]);
    const signed = await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: marked.json().version });
    expect(signed.status).toBe(200);
    // An item signed before the rule (or changed behind the application) is not sent either.
    await ctx.database.db.execute(sql`update attachments set translation = false where item_id = ${d.id}`);
    const send = await u.officer.post(`/api/v1/items/${d.id}/send`, {
      outgoingNumber: `7-${d.number}`,
      outgoingDate: '2026-03-02',
      version: signed.body.version,
    });
    expect(send.status).toBe(422);
    expect(send.body.code).toBe('TRANSLATION_FILE_MISSING');
    expect((await u.officer.get(`/api/v1/items/${d.id}`)).body.status).toBe('signed');
  });

  it('O-3.3 P-4 a reply shows «На № … от …» of the request it answers', async () => {
    const first = await sent();
    const reply = await u.akt.post('/api/v1/items', { ...base, toOfficeCode: 'RU-ORE', kind: 'proposal', inReplyTo: first.id });
    expect(reply.status).toBe(201);
    expect(reply.body.links).toEqual([
      {
        kind: 'in_reply_to',
        direction: 'to',
        itemId: first.id,
        number: first.number,
        numberYear: 2026,
        outgoingNumber: `7-${first.number}`,
        outgoingDate: '2026-03-02',
      },
    ]);
    const foreign = await u.vos.post('/api/v1/items', { ...base, toOfficeCode: 'RU-ALT', inReplyTo: first.id });
    expect(foreign.status).toBe(400);
  });

  it('attachments: type checked by content, size limited, content-addressed, part of the signature; downloads audited', async () => {
    const d = await draft();
    const ok = await upload(u.officer, `/api/v1/items/${d.id}/attachments?role=content&version=${d.version}`, [
      { name: 'справка.pdf', data: PDF },
      { name: 'схема.png', data: PNG },
    ]);
    expect(ok.statusCode).toBe(200);
    const view = ok.json();
    expect(view.attachments.map((a: any) => [a.fileName, a.mimeType, a.size])).toEqual([
      ['справка.pdf', 'application/pdf', PDF.length],
      ['схема.png', 'image/png', PNG.length],
    ]);
    const fake = await upload(u.officer, `/api/v1/items/${d.id}/attachments?role=content&version=${view.version}`, [
      { name: 'document.pdf', data: Buffer.from('MZ\x90\x00 this is an executable') },
    ]);
    expect(fake.statusCode).toBe(415);
    expect(fake.json().code).toBe('UNSUPPORTED_FILE_TYPE');
    const admin = await ctx.as('admin');
    await admin.patch('/api/v1/settings', { attachmentMaxMb: 1 });
    await new Promise((r) => setTimeout(r, 5100)); // the settings cache lives 5 s
    const big = await upload(u.officer, `/api/v1/items/${d.id}/attachments?role=content&version=${view.version}`, [
      { name: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]) },
    ]);
    expect(big.statusCode).toBe(413);
    const unchanged = await u.officer.get(`/api/v1/items/${d.id}`);
    expect(unchanged.body.attachments).toHaveLength(2);
    const dl = await u.officer.get(`/api/v1/attachments/${view.attachments[0].id}`);
    expect(dl.status).toBe(200);
    expect(Buffer.compare(dl.raw, PDF)).toBe(0);
    expect(dl.headers['x-content-sha256']).toBe(view.attachments[0].sha256);
    expect((await u.akt.get(`/api/v1/attachments/${view.attachments[0].id}`)).status).toBe(404); // still a draft of Orenburg
    const audit = await u.auditor.get('/api/v1/audit?action=attachment.download');
    expect(audit.body.total).toBeGreaterThan(0);
    await admin.patch('/api/v1/settings', { attachmentMaxMb: 25 });
  });

  it('A-6.4 tamper test: changing any byte of the content or of an attached file makes verification fail', async () => {
    const d = await draft();
    const up = await upload(u.officer, `/api/v1/items/${d.id}/attachments?role=content&version=${d.version}`, [{ name: 'справка.pdf', data: PDF }]);
    const signed = await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: up.json().version });
    expect((await u.officer.get(`/api/v1/items/${d.id}/signature`)).body.status).toBe('valid');
    // Content changed behind the application's back: the signature no longer verifies.
    await ctx.database.db.execute(sql`update items set essence = essence || '.' where id = ${d.id}`);
    expect((await u.officer.get(`/api/v1/items/${d.id}/signature`)).body.status).toBe('invalid');
    await ctx.database.db.execute(sql`update items set essence = left(essence, -1) where id = ${d.id}`);
    expect((await u.officer.get(`/api/v1/items/${d.id}/signature`)).body.status).toBe('valid');
    // One flipped byte in the stored file.
    const sha = signed.body.attachments[0].sha256 as string;
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = path.join(ctx.config.filesDir, sha.slice(0, 2), sha);
    const bytes = fs.readFileSync(file);
    bytes[5] = bytes[5]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    expect((await u.officer.get(`/api/v1/items/${d.id}/signature`)).body.status).toBe('invalid');
  });

  it('A-6.4 two people pressing sign and send at once yield exactly one signature and one sending', async () => {
    const d = await draft();
    const [a, b] = await Promise.all([
      u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: d.version }),
      u.head.post(`/api/v1/items/${d.id}/sign`, { version: d.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const signed = a.status === 200 ? a.body : b.body;
    const [s1, s2] = await Promise.all([
      u.officer.post(`/api/v1/items/${d.id}/send`, { outgoingNumber: 'A', outgoingDate: '2026-03-02', version: signed.version }),
      u.deputy.post(`/api/v1/items/${d.id}/send`, { outgoingNumber: 'B', outgoingDate: '2026-03-02', version: signed.version }),
    ]);
    expect([s1.status, s2.status].sort()).toEqual([200, 409]);
    const events = (await u.officer.get(`/api/v1/items/${d.id}/timeline`)).body.items.map((e: { action: string }) => e.action);
    expect(events.filter((e: string) => e === 'sign')).toHaveLength(1);
    expect(events.filter((e: string) => e === 'send')).toHaveLength(1);
    const count = await ctx.database.db.execute(sql`select count(*)::int as n from signatures where item_id = ${d.id}`);
    expect((count as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
  });

  it('A-15 after the Agreement ends new direct requests are refused; open ones stay workable to completion', async () => {
    const open = await registered();
    const d = await draft();
    const signed = await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: d.version });
    const agreement = (await u.gumps.get('/api/v1/legal-basis')).body.items.find((x: any) => x.code === 'AGREEMENT-2009');
    await u.gumps.post(`/api/v1/legal-basis/${agreement.id}/termination-notice`, {
      receivedOn: '2026-03-02',
      fromParty: 'KZ',
      reference: 'Нота',
      version: agreement.version,
    });
    ctx.clock.set('2026-05-10T05:00:00Z');
    await relogin();
    const refused = await u.officer.post(`/api/v1/items/${d.id}/send`, { outgoingNumber: 'X', outgoingDate: '2026-05-10', version: signed.body.version });
    expect(refused.status).toBe(422);
    expect(refused.body.details.reason).toBe('AGREEMENT_TERMINATED');
    const done = await u.aktHead.post(`/api/v1/items/${open.id}/outcome`, { outcome: 'executed', text: 'Исполнено', version: open.version });
    expect(done.body.status).toBe('executed');
    ctx.clock.set('2026-03-02T05:00:00Z');
    await relogin();
  });

  it('A-8.2 a Kostanay answer deadline after 01.03.2024 ends at midnight UTC+5 (before: UTC+6)', async () => {
    ctx.clock.set('2024-03-10T10:00:00Z');
    await relogin();
    const d = await draft({ toOfficeCode: 'KZ-KUS' });
    const s = await u.deputy.post(`/api/v1/items/${d.id}/sign`, { version: d.version });
    const sentKus = await u.officer.post(`/api/v1/items/${d.id}/send`, { outgoingNumber: 'К-1', outgoingDate: '2024-03-10', version: s.body.version });
    expect(sentKus.body.answerDue).toEqual({
      start: '2024-03-10',
      rule: 'calendarDays:30',
      timeZone: 'Asia/Qostanay',
      lastDay: '2024-04-09',
      dueAt: '2024-04-09T19:00:00.000Z',
    });
    ctx.clock.set('2024-01-10T10:00:00Z');
    await relogin();
    const d2 = await draft({ toOfficeCode: 'KZ-KUS' });
    const s2 = await u.deputy.post(`/api/v1/items/${d2.id}/sign`, { version: d2.version });
    const early = await u.officer.post(`/api/v1/items/${d2.id}/send`, { outgoingNumber: 'К-2', outgoingDate: '2024-01-10', version: s2.body.version });
    expect(early.body.answerDue).toMatchObject({ lastDay: '2024-02-09', dueAt: '2024-02-09T18:00:00.000Z' }); // midnight at UTC+6, before the switch
    ctx.clock.set('2026-03-02T05:00:00Z');
    await relogin();
  });

  it('A-6.4 the signers’ public keys are published with the registry', async () => {
    const ore = (await u.akt.get('/api/v1/offices?q=RU-ORE')).body.items[0];
    const keys = await u.akt.get(`/api/v1/offices/${ore.id}/signing-keys`);
    expect(keys.body.items.map((k: any) => k.signer.fullName)).toEqual(expect.arrayContaining(['Заместителев Антон Павлович', 'Прокуроров Олег Викторович']));
    expect(keys.body.items.every((k: any) => k.algorithm === 'Ed25519' && k.publicKey.includes('BEGIN PUBLIC KEY'))).toBe(true);
    expect(JSON.stringify(keys.body)).not.toMatch(/PRIVATE/);
  });

  it('journals: full-text search in Russian (word forms) and Kazakh, only among items the user may see', async () => {
    const ru = await sent({ essence: 'Контрабанда крупных партий сигарет через железнодорожный переход' });
    const kk = await sent({ language: 'kk', essence: 'Шекарадағы заңсыз көші-қон бойынша ақпарат', subject: 'Ақпарат беру туралы' });
    const find = async (c: Client, box: string, q: string) =>
      (await c.get(`/api/v1/items?box=${box}&q=${encodeURIComponent(q)}`)).body.items.map((i: { id: string }) => i.id);
    expect(await find(u.akt, 'incoming', 'контрабанды сигарет')).toContain(ru.id);
    expect(await find(u.akt, 'incoming', 'заңсыз')).toContain(kk.id);
    expect(await find(u.akt, 'incoming', `7-${ru.number}`)).toContain(ru.id); // by registration number
    expect(await find(u.vos, 'incoming', 'контрабанда')).toEqual([]);
    const bad = await u.akt.get('/api/v1/items?box=incoming&status=flying');
    expect(bad.status).toBe(400);
    const paged = await u.akt.get('/api/v1/items?box=incoming&limit=2&sort=sentAt&order=desc');
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBeGreaterThan(2);
    expect((await u.auditor.get('/api/v1/items?box=incoming')).status).toBe(403);
  });
});

describe(`journal totals ${TAG}`, () => {
  it('a text search is not counted: it says whether more pages follow, and the last page is exact', async () => {
    const ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    try {
      const officer = await ctx.as('oreOfficer');
      for (let i = 0; i < 5; i++) await officer.post('/api/v1/items', { ...base, essence: `Контрабанда табачных изделий, эпизод ${i}` });
      const q = encodeURIComponent('контрабанды');
      const first = await officer.get(`/api/v1/items?box=outgoing&q=${q}&limit=2`);
      expect(first.body).toMatchObject({ total: 3, totalCapped: true });
      expect(first.body.items).toHaveLength(2);
      const second = await officer.get(`/api/v1/items?box=outgoing&q=${q}&limit=2&offset=2`);
      expect(second.body).toMatchObject({ total: 5, totalCapped: true });
      const last = await officer.get(`/api/v1/items?box=outgoing&q=${q}&limit=2&offset=4`);
      expect(last.body).toMatchObject({ total: 5, totalCapped: false });
      expect(last.body.items).toHaveLength(1);
      const ids = [...first.body.items, ...second.body.items, ...last.body.items].map((i: { id: string }) => i.id);
      expect(new Set(ids).size).toBe(5);
    } finally {
      await ctx.close();
    }
  });

  it('a journal longer than the count’s cap says «at least» the cap; below it the total is exact', async () => {
    const ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    const cap = journalCount.cap;
    journalCount.cap = 4;
    onTestFinished(() => void (journalCount.cap = cap));
    try {
      const officer = await ctx.as('oreOfficer');
      for (let i = 0; i < 3; i++) await officer.post('/api/v1/items', { ...base, essence: `Эпизод ${i}` });
      expect((await officer.get('/api/v1/items?box=outgoing&limit=2')).body).toMatchObject({ total: 3, totalCapped: false });
      for (let i = 3; i < 6; i++) await officer.post('/api/v1/items', { ...base, essence: `Эпизод ${i}` });
      const first = await officer.get('/api/v1/items?box=outgoing&limit=2');
      expect(first.body).toMatchObject({ total: 4, totalCapped: true });
      expect(first.body.items).toHaveLength(2);
      // Paging on past the cap still works, and the total is never below what the pages have shown.
      const third = await officer.get('/api/v1/items?box=outgoing&limit=2&offset=4');
      expect(third.body.items).toHaveLength(2);
      expect(third.body).toMatchObject({ total: 6 });
    } finally {
      await ctx.close();
    }
  });
});

describe(`a text search over the years ${TAG}`, () => {
  // A big table reads the newest months one by one, a small one at once (items.repository searchByMonth): both ways.
  it.each([
    ['month by month', 0],
    ['at once', Number.MAX_SAFE_INTEGER],
  ])('finds the newest first across this month, the last year and the years before, page after page (%s)', async (_way, minItems) => {
    const before = searchByMonth.minItems;
    searchByMonth.minItems = minItems;
    onTestFinished(() => void (searchByMonth.minItems = before));
    const ctx = await createTestContext({ now: '2024-02-10T05:00:00Z' });
    try {
      let officer = await ctx.as('oreOfficer');
      const made: string[] = [];
      // Oldest first: two years ago, eight months ago, last month, today (months of the search index).
      for (const at of ['2024-02-10T05:00:00Z', '2025-06-03T05:00:00Z', '2026-01-20T05:00:00Z', '2026-02-27T05:00:00Z', '2026-03-02T05:00:00Z']) {
        ctx.clock.set(at);
        officer = await ctx.as('oreOfficer'); // months pass: the session would have expired
        const res = await officer.post('/api/v1/items', { ...base, essence: `Контрабанда табачных изделий от ${at.slice(0, 10)}` });
        expect(res.status).toBe(201);
        made.push(res.body.id);
      }
      await officer.post('/api/v1/items', { ...base, essence: 'Иное дело без нужного слова' });
      const newestFirst = [...made].reverse();
      const q = encodeURIComponent('контрабанды');
      const seen: string[] = [];
      for (let offset = 0; offset < 6; offset += 2) {
        const page = await officer.get(`/api/v1/items?box=outgoing&q=${q}&limit=2&offset=${offset}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((i: { id: string }) => i.id));
        expect(page.body.totalCapped).toBe(offset + 2 < 5);
      }
      expect(seen).toEqual(newestFirst);
      // The other order reads everything at once, the same items.
      const oldest = await officer.get(`/api/v1/items?box=outgoing&q=${q}&limit=10&order=asc`);
      expect(oldest.body.items.map((i: { id: string }) => i.id)).toEqual(made);
    } finally {
      await ctx.close();
    }
  });
});

describe(`reminders with a backlog ${TAG}`, () => {
  it('A-8.2 a backlog larger than one batch is worked through: each overdue item is flagged once', async () => {
    const ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' });
    try {
      const [officer, deputy] = await Promise.all([ctx.as('oreOfficer'), ctx.as('oreDeputy')]);
      for (let i = 0; i < 3; i++) {
        const d = await officer.post('/api/v1/items', { ...base, essence: `Эпизод ${i}` });
        const s = await deputy.post(`/api/v1/items/${d.body.id}/sign`, { version: d.body.version });
        await officer.post(`/api/v1/items/${d.body.id}/send`, { outgoingNumber: `Б-${i}`, outgoingDate: '2026-03-02', version: s.body.version });
      }
      ctx.clock.set('2026-05-01T00:00:00Z');
      const { answersDue } = await import('./reminders.repository.ts');
      const db = ctx.database.db;
      expect((await answersDue(db, ctx.clock.now(), 2)).length).toBe(2);
      await runReminders({ db, clock: ctx.clock, config: ctx.config });
      // Whatever the batch size, rows already reminded are not read again.
      expect(await answersDue(db, ctx.clock.now(), 500)).toEqual([]);
      const sentKeys = await db.execute(sql`select key from reminders_sent`);
      expect((sentKeys as unknown as { rows: { key: string }[] }).rows.map((r) => r.key)).toEqual(['answer_overdue', 'answer_overdue', 'answer_overdue']);
      await runReminders({ db, clock: ctx.clock, config: ctx.config });
      expect(((await db.execute(sql`select count(*)::int as n from reminders_sent`)) as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(3);
    } finally {
      await ctx.close();
    }
  });
});
