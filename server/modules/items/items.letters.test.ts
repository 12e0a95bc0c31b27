import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, replaySubject, storedSubject } from '../../kernel/index.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';

/**
 * Issue 10, part 3: a Russian node (NODE_PARTY=RU) where the Kazakh offices are off the system and
 * answer by letter. Orenburg keeps its complete record: its request dispatched by e-mail, Aktobe's
 * registration and answer recorded from its letters with the scans; and a request received from
 * Aktobe by letter, registered, executed and answered with its DOCX.
 */

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const content = {
  subject: 'О розыске лица, пересекшего границу',
  essence: 'Проверка сведений о лице',
  purpose: 'Установление местонахождения',
  assistance: 'Сообщить сведения о пересечении границы',
  form: 'crime_information',
  priorityAreas: ['organized_crime'],
  translationAttached: false,
};
const aktLetter = (over: Record<string, unknown> = {}) => ({
  channel: 'email',
  number: '17-05/123',
  date: '2026-03-02',
  signerName: 'Ахметов Серик Болатович',
  signerPosition: 'прокурор Актюбинской области',
  ...over,
});

describe(`counterparts off the system: their letters recorded on a Russian node ${TAG}`, () => {
  let ctx: TestContext;
  let officer: Client;
  let head: Client;
  let omsOfficer: Client;

  /** A multipart request: the JSON in `data`, the scans in `file`. */
  async function form(client: Client, url: string, data: unknown, scans = 1) {
    const boundary = 'letterboundary';
    const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify(data)}\r\n`)];
    for (let i = 0; i < scans; i++)
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="письмо-${i + 1}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF,
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    return { status: res.statusCode, body: res.json() };
  }

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T07:00:00Z', env: { NODE_PARTY: 'RU' } });
    [officer, head, omsOfficer] = await Promise.all([ctx.as('oreOfficer'), ctx.as('oreHead'), ctx.as('omsOfficer')]);
  });
  afterAll(async () => ctx?.close());

  async function signedDraft() {
    const draft = await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', ...content });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const signed = await head.post(`/api/v1/items/${draft.body.id}/sign`, { version: draft.body.version });
    expect(signed.status).toBe(200);
    return signed.body as { id: string; version: number; registrationDates: { outgoing: { max: string } } };
  }

  it('A-6.2 a request to an office off the system says how it was dispatched; the answer term runs as for any request', async () => {
    const signed = await signedDraft();
    const send = { outgoingNumber: '7-13-2026', outgoingDate: signed.registrationDates.outgoing.max, version: signed.version };
    const unsaid = await officer.post(`/api/v1/items/${signed.id}/send`, send);
    expect(unsaid.status).toBe(400);
    expect(unsaid.body.details.issues[0]).toMatchObject({ field: 'body.dispatchMethod', rule: 'dispatch_required' });
    const sent = await officer.post(`/api/v1/items/${signed.id}/send`, { ...send, dispatchMethod: 'email' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({
      status: 'sent',
      answerDue: { lastDay: expect.any(String) },
      offSystem: { side: 'receiver', officeCode: 'KZ-AKT', dispatchMethod: 'email', letterActions: expect.arrayContaining(['register', 'doubt_authenticity']) },
    });
    expect(sent.body.offSystem.letters).toEqual([expect.objectContaining({ direction: 'out', channel: 'email', number: '7-13-2026', action: 'send' })]);
  });

  it('A-6.2, O-3.3, A-9.3 Aktobe’s registration, answer and consent are recorded from its letters with the scans, as its own actions; deadlines, the annual block and the analysis count them', async () => {
    const signed = await signedDraft();
    let item = (
      await officer.post(`/api/v1/items/${signed.id}/send`, {
        outgoingNumber: '7-14-2026',
        outgoingDate: signed.registrationDates.outgoing.max,
        dispatchMethod: 'letter',
        version: signed.version,
      })
    ).body;
    const blockBefore = (await officer.get('/api/v1/annual-blocks/RU-ORE/2026')).body.figures;

    const registered = await form(officer, `/api/v1/items/${item.id}/letters`, {
      action: 'register',
      letter: aktLetter(),
      incomingNumber: 'вх-2026/316',
      incomingDate: '2026-03-02',
      version: item.version,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    item = registered.body;
    expect(item).toMatchObject({ status: 'registered', registration: { incomingNumber: 'вх-2026/316' } });
    expect(item.offSystem.letterActions).toContain('record_outcome');
    expect(item.offSystem.letters.at(-1)).toMatchObject({
      direction: 'in',
      action: 'register',
      channel: 'email',
      number: '17-05/123',
      officeCode: 'KZ-AKT',
      recordedBy: { fullName: expect.any(String) },
      scans: [expect.any(String)],
    });

    // The timeline names the counterpart and how its action reached us.
    const timeline = (await officer.get(`/api/v1/items/${item.id}/timeline`)).body.items;
    expect(timeline.at(-1)).toMatchObject({
      action: 'register',
      channel: 'email',
      onBehalfOf: 'KZ-AKT',
      details: { letter: { number: '17-05/123', date: '2026-03-02' }, scans: [{ fileName: 'письмо-1.pdf' }] },
    });
    const log = await actionsOf(ctx.database.db, item.id);
    expect(log.at(-1)).toMatchObject({ kind: 'register', channel: 'email', actorRoles: [] });
    expect(log.at(-1)!.onBehalfOfOfficeId).toBe(item.toOffice.id);

    // The answer: signed on paper, so it names its signer.
    const answer = { action: 'record_outcome', outcome: 'executed', text: 'Сведения о пересечении границы прилагаются.', version: item.version };
    const unsigned = await form(officer, `/api/v1/items/${item.id}/letters`, { ...answer, letter: aktLetter({ number: '17-05/140', signerName: null }) });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.details.issues).toContainEqual(expect.objectContaining({ field: 'body.letter.signerName', rule: 'required' }));
    const answered = await form(officer, `/api/v1/items/${item.id}/letters`, { ...answer, letter: aktLetter({ number: '17-05/140', channel: 'letter' }) }, 2);
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body).toMatchObject({
      status: 'executed',
      outcome: { outcome: 'executed', text: 'Сведения о пересечении границы прилагаются.' },
      overdue: false,
    });
    expect(answered.body.offSystem.letters.at(-1).scans).toHaveLength(2);

    // The annual block and the coordinator's analysis count the answer like one given in the system.
    const blockAfter = (await officer.get('/api/v1/annual-blocks/RU-ORE/2026')).body.figures;
    expect(blockAfter.timeliness.out.answered).toBe(blockBefore.timeliness.out.answered + 1);
    expect(blockAfter.timeliness.out.inTime).toBe(blockBefore.timeliness.out.inTime + 1);
    const status = (rows: { status: string; out: number }[]) => rows.find((r) => r.status === 'executed')?.out ?? 0;
    expect(status(blockAfter.byStatus)).toBe(status(blockBefore.byStatus) + 1);
    const gumps = await ctx.as('gumps');
    const analysis = await gumps.get('/api/v1/analysis?year=2026');
    expect(analysis.status).toBe(200);
    expect(JSON.stringify(analysis.body)).toContain('KZ-AKT');

    // another use of the answer needs Aktobe's consent; its decision comes by letter too.
    const purpose = 'Использование в уголовном деле № 12345';
    expect((await officer.post(`/api/v1/items/${item.id}/uses`, { purpose, kind: 'use' })).body.code).toBe('CONSENT_REQUIRED');
    const asked = await officer.post(`/api/v1/items/${item.id}/consents`, { purpose, justification: 'Сведения нужны для расследования' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const current = (await officer.get(`/api/v1/items/${item.id}`)).body;
    const decision = { action: 'consent_decision', consentId: asked.body.id, decision: 'granted', version: current.version };
    const noSigner = await form(officer, `/api/v1/items/${item.id}/letters`, { ...decision, letter: aktLetter({ number: '17-05/150', signerName: '' }) });
    expect(noSigner.body.details.issues).toContainEqual(expect.objectContaining({ field: 'body.letter.signerName' }));
    const granted = await form(officer, `/api/v1/items/${item.id}/letters`, { ...decision, letter: aktLetter({ number: '17-05/150' }) });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect((await officer.get(`/api/v1/items/${item.id}/consents`)).body.items[0]).toMatchObject({ status: 'granted', providerOffice: { code: 'KZ-AKT' } });
    expect((await officer.post(`/api/v1/items/${item.id}/uses`, { purpose, kind: 'use' })).status).toBe(201);
    expect((await actionsOf(ctx.database.db, item.id)).find((a) => a.kind === 'consent_decision')).toMatchObject({
      channel: 'email',
      onBehalfOfOfficeId: item.toOffice.id,
    });

    // The row is the projection of its log: the letters' actions replay like any other.
    expect(await replaySubject(ctx.database.db, 'item', item.id)).toEqual(await storedSubject(ctx.database.db, 'item', item.id));
  });

  it('issue 10 refuses an incomplete letter, one a user of another office records, and a counterpart that works in the system', async () => {
    const signed = await signedDraft();
    const item = (
      await officer.post(`/api/v1/items/${signed.id}/send`, {
        outgoingNumber: '7-15-2026',
        outgoingDate: signed.registrationDates.outgoing.max,
        dispatchMethod: 'fax',
        version: signed.version,
      })
    ).body;
    const register = { action: 'register', incomingNumber: 'вх-1', incomingDate: '2026-03-02', version: item.version };
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...register, letter: aktLetter({ number: null }) }, 1, 'body.letter.number', 'required'],
      [{ ...register, letter: aktLetter() }, 0, 'body.file', 'required'],
      [{ ...register, letter: aktLetter({ channel: 'phone', number: null }) }, 0, 'body.letter.channel', 'letter_in_writing'],
      [{ ...register, letter: aktLetter({ date: '2026-03-05' }) }, 1, 'body.letter.date', 'not_in_future'],
      [{ ...register, action: 'assign', letter: aktLetter() }, 1, 'body.action', 'invalid_value'],
    ];
    for (const [data, scans, field, rule] of cases) {
      const res = await form(officer, `/api/v1/items/${item.id}/letters`, data, scans);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.details.issues).toContainEqual(expect.objectContaining({ field, rule }));
    }
    // Text that cannot be stored is refused in the JSON beside the files as in any JSON body.
    const nul = await form(officer, `/api/v1/items/${item.id}/letters`, { ...register, letter: aktLetter({ signerName: 'Ахметов\u0000' }) });
    expect(nul.status).toBe(400);
    expect(nul.body.details.issues[0]).toMatchObject({ field: 'body.letter.signerName', rule: 'text_characters' });
    // Another Russian office has nothing to do with the item.
    expect((await form(omsOfficer, `/api/v1/items/${item.id}/letters`, { ...register, letter: aktLetter() })).status).toBe(404);
    // The counterpart's own action in the system is not possible: it has no users here.
    expect((await officer.post(`/api/v1/items/${item.id}/register`, { incomingNumber: 'x', incomingDate: '2026-03-02', version: item.version })).status).toBe(
      403,
    );
    // Nothing of the refused attempts was written.
    expect((await officer.get(`/api/v1/items/${item.id}`)).body).toMatchObject({
      status: 'sent',
      version: item.version,
      offSystem: { letters: [expect.objectContaining({ direction: 'out' })] },
    });
    // A matter routed to the coordinator (O-3.4) stays within the Party: its coordinator works here.
    const routed = await officer.post('/api/v1/items', { kind: 'request', toOfficeCode: 'KZ-AKT', ...content, subjectMatter: 'outside_protocol' });
    expect(routed.body.route).toBe('coordinator');
    const routedSigned = (await head.post(`/api/v1/items/${routed.body.id}/sign`, { version: routed.body.version })).body;
    const routedSent = (
      await officer.post(`/api/v1/items/${routed.body.id}/send`, {
        outgoingNumber: '7-16-2026',
        outgoingDate: routedSigned.registrationDates.outgoing.max,
        version: routedSigned.version,
      })
    ).body;
    expect(routedSent.status).toBe('sent');
    expect(routedSent.offSystem).toBeNull();
    const inSystem = await form(officer, `/api/v1/items/${routed.body.id}/letters`, { ...register, version: routedSent.version, letter: aktLetter() });
    expect(inSystem.status).toBe(409);
    expect(inSystem.body.code).toBe('COUNTERPART_IN_SYSTEM');
  });

  it('A-6.2, A-8.2 a request received from Aktobe by letter is registered, executed and answered with its DOCX; its signature panel says it was signed on paper', async () => {
    const received = {
      kind: 'request',
      fromOfficeCode: 'KZ-AKT',
      ...content,
      subject: 'О предоставлении сведений о судимости',
      letter: aktLetter({ channel: 'letter', number: '17-05/200', date: '2026-02-27' }),
    };
    const unsigned = await form(officer, '/api/v1/items/received', { ...received, letter: { ...received.letter, signerPosition: null } });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.details.issues).toContainEqual(expect.objectContaining({ field: 'body.letter.signerPosition' }));
    const incomplete = await form(officer, '/api/v1/items/received', { ...received, purpose: '' });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('MANDATORY_CONTENT_MISSING');
    const here = await form(officer, '/api/v1/items/received', { ...received, fromOfficeCode: 'RU-OMS' });
    expect(here.body.code).toBe('COUNTERPART_IN_SYSTEM');

    const res = await form(officer, '/api/v1/items/received', received);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    let item = res.body;
    expect(item).toMatchObject({
      status: 'sent',
      side: 'receiver',
      fromOffice: { code: 'KZ-AKT' },
      registration: { outgoingNumber: '17-05/200', outgoingDate: '2026-02-27' },
      answerDue: { lastDay: expect.any(String) },
      paperSignature: {
        signerName: 'Ахметов Серик Болатович',
        signerPosition: 'прокурор Актюбинской области',
        letterNumber: '17-05/200',
        letterDate: '2026-02-27',
      },
      offSystem: { side: 'sender', officeCode: 'KZ-AKT' },
    });
    const log = await actionsOf(ctx.database.db, item.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'receive', channel: 'letter', fromStatus: null, toStatus: 'sent' });

    // Registered and answered here as any incoming request.
    item = (
      await officer.post(`/api/v1/items/${item.id}/register`, {
        incomingNumber: 'вх-2026/400',
        incomingDate: item.registrationDates.incoming.max,
        version: item.version,
      })
    ).body;
    expect(item.status).toBe('registered');
    const outcome = { outcome: 'executed', text: 'Сведения о судимости не имеются.', version: item.version };
    const undispatched = await head.post(`/api/v1/items/${item.id}/outcome`, outcome);
    expect(undispatched.status).toBe(400);
    expect(undispatched.body.details.issues[0]).toMatchObject({ field: 'body.dispatchMethod', rule: 'dispatch_required' });
    const answered = await head.post(`/api/v1/items/${item.id}/outcome`, { ...outcome, dispatchMethod: 'letter' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.offSystem.letters.at(-1)).toMatchObject({ direction: 'out', action: 'record_outcome', channel: 'letter' });
    const docx = await ctx.app.inject({ method: 'GET', url: `/api/v1/items/${item.id}/documents/outcome.docx`, headers: { cookie: head.cookie } });
    expect(docx.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('Сведения о судимости не имеются.');
    expect(await replaySubject(ctx.database.db, 'item', item.id)).toEqual(await storedSubject(ctx.database.db, 'item', item.id));
  });
});
