import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';
import { drugRequest } from '../../test/fixtures.ts';

describe(`requests: the lifecycle of direct cooperation ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let deputy: Client;
  let head: Client;
  let akt: Client;
  let aktHead: Client;
  let id: string;
  let version: number;
  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z' }); // 10:00 in Orenburg
    [officer, deputy, head, akt, aktHead] = await Promise.all([
      ctx.as('oreOfficer'),
      ctx.as('oreDeputy'),
      ctx.as('oreHead'),
      ctx.as('aktOfficer'),
      ctx.as('aktHead'),
    ]);
  });
  afterAll(async () => ctx?.close());

  it('A-6.1 an officer drafts a request to a paired counterpart; the draft is visible to the sending office only', async () => {
    const res = await officer.post('/api/v1/items', drugRequest);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'request',
      status: 'draft',
      route: 'direct',
      fromOffice: { code: 'RU-ORE' },
      toOffice: { code: 'KZ-AKT' },
      side: 'sender',
      missingFields: [],
    });
    id = res.body.id;
    version = res.body.version;
    // An officer prepares (or, in an urgent case, records an oral request); signing is for the head or a deputy.
    expect(res.body.availableActions).toEqual(['update', 'send_oral']);
    expect(res.body.warnings).toEqual(['TRANSLATION_MISSING']);
    expect((await akt.get(`/api/v1/items/${id}`)).status).toBe(404);
    expect((await deputy.get(`/api/v1/items/${id}`)).body.availableActions).toEqual(['update', 'sign', 'send_oral']);
  });

  it('A-6.3 a request missing mandatory content cannot be signed; the error names the fields', async () => {
    const draft = await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', subject: 'О проверке' });
    expect(draft.status).toBe(201);
    expect(draft.body.missingFields).toEqual(['essence', 'purpose', 'assistance', 'form']);
    const sign = await deputy.post(`/api/v1/items/${draft.body.id}/sign`, { version: draft.body.version });
    expect(sign.status).toBe(422);
    expect(sign.body.code).toBe('MANDATORY_CONTENT_MISSING');
    expect(sign.body.details.issues.map((i: { field: string }) => i.field)).toEqual(['body.essence', 'body.purpose', 'body.assistance', 'body.form']);
  });

  it('A-6.4 an officer cannot sign; the deputy head signs with a verifiable signature', async () => {
    const byOfficer = await officer.post(`/api/v1/items/${id}/sign`, { version });
    expect(byOfficer.status).toBe(403);
    const res = await deputy.post(`/api/v1/items/${id}/sign`, { version });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('signed');
    version = res.body.version;
    const sig = await officer.get(`/api/v1/items/${id}/signature`);
    expect(sig.body).toMatchObject({
      status: 'valid',
      algorithm: 'Ed25519',
      purpose: 'request',
      signer: { fullName: 'Заместителев Антон Павлович', officeCode: 'RU-ORE' },
    });
    expect(sig.body.publicKey).toMatch(/BEGIN PUBLIC KEY/);
  });

  it('A-6.4 a change after signing voids the signature: back to draft, a new signature is needed', async () => {
    const edited = await officer.patch(`/api/v1/items/${id}`, { otherInfo: 'Материалы проверки могут быть направлены дополнительно.', version });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('draft');
    expect((await officer.get(`/api/v1/items/${id}/signature`)).body.status).toBe('none');
    const send = await officer.post(`/api/v1/items/${id}/send`, { outgoingNumber: '7-12-2026', outgoingDate: '2026-03-02', version: edited.body.version });
    expect(send.status).toBe(409);
    const resigned = await head.post(`/api/v1/items/${id}/sign`, { version: edited.body.version });
    expect(resigned.body.status).toBe('signed');
    version = resigned.body.version;
  });

  it('O-3.3 the officer sends it with the outgoing number; Aktobe gets a notification and an answer deadline in its own time zone', async () => {
    const res = await officer.post(`/api/v1/items/${id}/send`, { outgoingNumber: '7-12-2026', outgoingDate: '2026-03-02', version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'sent', registration: { outgoingNumber: '7-12-2026', outgoingDate: '2026-03-02' } });
    expect(res.body.answerDue).toMatchObject({ start: '2026-03-02', rule: 'calendarDays:30', timeZone: 'Asia/Aqtobe', lastDay: '2026-04-01' });
    version = res.body.version;
    const bell = await akt.get('/api/v1/notifications');
    expect(bell.body.items[0]).toMatchObject({ kind: 'item.received', subjectId: id, payload: { officeCode: 'RU-ORE', number: `${res.body.number}/2026` } });
    expect(JSON.stringify(bell.body.items[0])).not.toMatch(/наркот/); // the notification does not carry the text
  });

  it('A-5.1 the requested office sees the request in its incoming journal and registers it with its own number', async () => {
    const journal = await akt.get('/api/v1/items?box=incoming');
    expect(journal.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const reg = await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-2026/315', incomingDate: '2026-03-02', version });
    expect(reg.status).toBe(200);
    expect(reg.body).toMatchObject({ status: 'registered', registration: { incomingNumber: 'вх-2026/315' } });
    version = reg.body.version;
  });

  it('A-7.2 consultations: Aktobe proposes conditions, Orenburg accepts them, and they become obligations', async () => {
    const open = await akt.post(`/api/v1/items/${id}/consultation`, {
      body: 'Сведения могут быть предоставлены при условии их использования только в рамках проверки.',
      proposedConditions: 'Использовать сведения только в рамках проверки № 12-45',
      version,
    });
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ status: 'consultation', conditions: { status: 'proposed' } });
    version = open.body.version;
    const byOfficer = await officer.post(`/api/v1/items/${id}/conditions/accept`, { version });
    expect(byOfficer.status).toBe(403);
    const accepted = await head.post(`/api/v1/items/${id}/conditions/accept`, { note: 'Согласны', version });
    expect(accepted.body.conditions).toEqual({
      status: 'accepted',
      text: 'Использовать сведения только в рамках проверки № 12-45',
      confidentiality: 'official_use',
      contentVisible: true,
    });
    version = accepted.body.version;
    const thread = await officer.get(`/api/v1/items/${id}/messages`);
    expect(thread.body.items[0]).toMatchObject({ side: 'receiver', officeCode: 'KZ-AKT' });
    const closed = await akt.post(`/api/v1/items/${id}/consultation/close`, { version });
    expect(closed.body.status).toBe('registered');
    version = closed.body.version;
  });

  it('A-8.2 Aktobe records the outcome; Orenburg is told at once and sees it', async () => {
    const res = await aktHead.post(`/api/v1/items/${id}/outcome`, {
      outcome: 'executed',
      text: 'Сведения о 4 задержанных лицах прилагаются.',
      legalBasisApplied: 'Закон Республики Казахстан «О прокуратуре»',
      confidentiality: 'official_use',
      version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'executed',
      outcome: { outcome: 'executed', refusalGrounds: [], legalBasisApplied: 'Закон Республики Казахстан «О прокуратуре»' },
    });
    const notes = await officer.get('/api/v1/notifications');
    expect(notes.body.items[0]).toMatchObject({ kind: 'item.outcome', subjectId: id, payload: { outcome: 'executed' } });
    const seen = await officer.get(`/api/v1/items/${id}`);
    expect(seen.body.outcome.text).toBe('Сведения о 4 задержанных лицах прилагаются.');
  });

  it('A-7.2 accepted conditions are shown on every use of the information received', async () => {
    const use = await officer.post(`/api/v1/items/${id}/uses`, { purpose: drugRequest.purpose });
    expect(use.status).toBe(201);
    expect(use.body.conditions).toBe('Использовать сведения только в рамках проверки № 12-45');
  });

  it('the timeline shows every step: who, when, what', async () => {
    const t = await officer.get(`/api/v1/items/${id}/timeline`);
    expect(t.body.items.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'sign',
      'update',
      'sign',
      'send',
      'register',
      'open_consultation',
      'accept_conditions',
      'close_consultation',
      'record_outcome',
      'info_use',
    ]);
    expect(t.body.items[4]).toMatchObject({
      actor: { fullName: 'Исполнителева Анна Сергеевна' },
      officeCode: 'RU-ORE',
      fromStatus: 'signed',
      toStatus: 'sent',
    });
  });

  it('documents: the request letter and the outcome letter as official DOCX', async () => {
    const letter = await officer.get(`/api/v1/items/${id}/documents/request.docx`);
    expect(letter.status).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: letter.raw });
    expect(text).toContain('Прокуратура Оренбургской области');
    expect(text).toContain('02.03.2026 № 7-12-2026');
    expect(text).toContain('Прокурору Актюбинской области');
    expect(text).toContain('О предоставлении сведений о незаконном обороте наркотических средств');
    expect(text).toContain('Существо дела состоит в следующем. В ходе проверки');
    expect(text).toContain('Прокурор Оренбургской области');
    expect(text).toContain('О.В. Прокуроров'); // the head signed last
    expect(text).toContain('Для служебного пользования');
    const outcome = await akt.get(`/api/v1/items/${id}/documents/outcome.docx`);
    const { value: o } = await mammoth.extractRawText({ buffer: outcome.raw });
    expect(o).toContain('О результатах рассмотрения запроса');
    expect(o).toContain('На № 7-12-2026 от 02.03.2026');
    expect(o).toContain('Сведения о 4 задержанных лицах прилагаются.');
    expect(o).toContain('на условиях, согласованных в ходе консультаций');
    expect((await akt.get(`/api/v1/items/${id}/documents/refusal.docx`)).status).toBe(404);
  });
});
