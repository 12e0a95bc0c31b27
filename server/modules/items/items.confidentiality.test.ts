import mammoth from 'mammoth';
import { formatNumber } from '../../../domain/numbering.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.ts';
import { uploadFile } from '../../test/multipart.ts';
import { createTestContext, TAG, type Client, type TestContext } from '../../test/build-test-app.ts';

/**
 * the degree of confidentiality belongs to each piece of information and is set by the
 * Party that provides it. The scenario of issue 9: an open request whose answer the requested
 * office gives as restricted.
 */
const request = {
  kind: 'request',
  toOfficeCode: 'KZ-AKT',
  subject: 'О пересечении границы',
  essence: 'Открытые сведения о проверке',
  purpose: 'Проверка законности',
  assistance: 'Сообщить сведения',
  form: 'crime_information',
  confidentiality: 'open',
};
const ANSWER = 'Фамилии задержанных: Тайнов, Скрытов';
const BASIS = 'Приказ ДСП-17';
const PDF = Buffer.from('%PDF-1.4\n% ответ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe(`confidentiality of each piece of information ${TAG}`, () => {
  let ctx: TestContext;
  let u: Record<'officer' | 'head' | 'akt' | 'aktHead' | 'gumps' | 'auditor' | 'kzAuditor' | 'ore2' | 'akt2', Client>;

  beforeAll(async () => {
    ctx = await createTestContext({ now: '2026-03-02T05:00:00Z', env: { SMTP_URL: 'smtp://mail.example.test:25' } });
    const admin = await ctx.as('admin');
    // An officer of each office who is never assigned to the item.
    for (const [login, officeCode, fullName] of [
      ['ore2', 'RU-ORE', 'Непричастнов Иван Ильич'],
      ['akt2', 'KZ-AKT', 'Бейтарап Ержан'],
    ] as const) {
      expect((await admin.post('/api/v1/users', { login, password: 'Unassigned-Officer-2026', fullName, officeCode, roles: ['officer'] })).status).toBe(201);
      const c = await ctx.as(login, 'Unassigned-Officer-2026');
      expect((await c.post('/api/v1/auth/password', { currentPassword: 'Unassigned-Officer-2026', newPassword: 'Unassigned-Officer-2026-new' })).status).toBe(
        204,
      );
    }
    const [officer, head, akt, aktHead, gumps, auditor, kzAuditor, ore2, akt2] = await Promise.all([
      ...['oreOfficer', 'oreHead', 'aktOfficer', 'aktHead', 'gumps', 'auditor', 'kzAuditor'].map((n) => ctx.as(n)),
      ctx.as('ore2', 'Unassigned-Officer-2026-new'),
      ctx.as('akt2', 'Unassigned-Officer-2026-new'),
    ]);
    u = { officer: officer!, head: head!, akt: akt!, aktHead: aktHead!, gumps: gumps!, auditor: auditor!, kzAuditor: kzAuditor!, ore2: ore2!, akt2: akt2! };
  });
  afterAll(async () => ctx?.close());

  /** Drafted by the officer, signed by the head, sent; registered in Aktobe by its officer (who is then assigned). */
  async function registered(extra: Record<string, unknown> = {}) {
    const d = await u.officer.post('/api/v1/items', { ...request, ...extra });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const s = await u.head.post(`/api/v1/items/${d.body.id}/sign`, { version: d.body.version });
    const sent = await u.officer.post(`/api/v1/items/${d.body.id}/send`, {
      outgoingNumber: `7-${d.body.number}`,
      outgoingDate: '2026-03-02',
      version: s.body.version,
    });
    const r = await u.akt.post(`/api/v1/items/${d.body.id}/register`, {
      incomingNumber: `вх-${d.body.number}`,
      incomingDate: '2026-03-02',
      version: sent.body.version,
    });
    expect(r.status).toBe(200);
    return r.body;
  }

  const upload = (client: Client, url: string, name: string, data: Buffer) => uploadFile(ctx.app, client, url, name, data);

  /** Each Party's auditor reads its own Party's rows: together they see every read. */
  const audited = async (id: string, action = 'item.read') =>
    (
      await Promise.all(
        [u.auditor, u.kzAuditor].map(
          async (a) =>
            (await a.get(`/api/v1/audit?action=${action}&objectId=${id}&limit=500`)).body.items as {
              actor: { login: string };
              after: any;
              redacted?: boolean;
            }[],
        ),
      )
    )
      .flat()
      .filter((x) => !x.redacted);

  let answered: { id: string; number: number; numberYear: number };

  it('A-9.1 A-9.2 an open request answered as restricted: unassigned officers of both offices and the coordinator never read the answer; the assigned users and the heads do; each read is audited', async () => {
    const r = await registered();
    const outcome = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'executed',
      text: ANSWER,
      legalBasisApplied: BASIS,
      confidentiality: 'restricted',
      version: r.version,
    });
    expect(outcome.status).toBe(200);
    answered = { id: r.id, number: r.number, numberYear: r.numberYear };
    // The answer's documents default to the answer's level.
    const doc = await upload(u.aktHead, `/api/v1/items/${r.id}/attachments?role=outcome`, 'ответ-Тайнов.pdf', PDF);
    expect(doc.statusCode).toBe(201);
    expect(doc.json().items[0].confidentiality).toBe('restricted');

    for (const [name, c] of [
      ['ore2', u.ore2],
      ['akt2', u.akt2],
      ['gumps', u.gumps],
    ] as const) {
      const seen = await c.get(`/api/v1/items/${r.id}`);
      expect(seen.status, name).toBe(200);
      // The request is open: its text is there; the answer is there as a fact, with its level and why it is hidden.
      expect(seen.body.content?.essence, name).toBe('Открытые сведения о проверке');
      expect(seen.body.outcome, name).toMatchObject({
        outcome: 'executed',
        confidentiality: 'restricted',
        contentVisible: false,
        text: null,
        reason: null,
        legalBasisApplied: null,
      });
      expect(seen.body.attachments, name).toEqual([]);
      expect(seen.body.hiddenAttachments, name).toEqual([expect.objectContaining({ role: 'outcome', confidentiality: 'restricted', officeCode: 'KZ-AKT' })]);
      const everything = JSON.stringify([seen.body, (await c.get(`/api/v1/items/${r.id}/timeline`)).body, (await c.get(`/api/v1/items/${r.id}/uses`)).body]);
      for (const secret of [ANSWER, BASIS, 'Тайнов', doc.json().items[0].sha256, doc.json().items[0].id])
        expect(everything, `${name}: ${secret}`).not.toContain(secret);
      expect((await c.get(`/api/v1/items/${r.id}/documents/outcome.docx?purpose=${encodeURIComponent(request.purpose)}`)).status, name).toBe(404);
      expect((await c.get(`/api/v1/attachments/${doc.json().items[0].id}`)).status, name).toBe(404);
    }

    // The requesting office's assigned officer, the heads of both offices and the answering office's assigned officer read it.
    for (const [name, c] of [
      ['officer', u.officer],
      ['head', u.head],
      ['akt', u.akt],
      ['aktHead', u.aktHead],
    ] as const) {
      const seen = await c.get(`/api/v1/items/${r.id}`);
      expect(seen.body.outcome, name).toMatchObject({ contentVisible: true, text: ANSWER, legalBasisApplied: BASIS });
      expect(
        seen.body.attachments.map((a: { fileName: string }) => a.fileName),
        name,
      ).toEqual(['ответ-Тайнов.pdf']);
    }
    const letter = await u.officer.get(`/api/v1/items/${r.id}/documents/outcome.docx?purpose=${encodeURIComponent(request.purpose)}`);
    expect(letter.status).toBe(200);
    const { value: text } = await mammoth.extractRawText({ buffer: letter.raw });
    expect(text).toContain(ANSWER);
    expect(text).toContain('Конфиденциально'); // the letter carries the highest level of what it carries

    // A-9.1: each read of the restricted answer is in the audit log; the unassigned readers' page views carry no answer.
    const reads = await audited(r.id);
    const answerReaders = new Set(
      reads
        .filter((x) => x.after.pieces.some((p: { piece: string; level: string }) => p.piece === 'answer' && p.level === 'restricted'))
        .map((x) => x.actor.login),
    );
    expect([...answerReaders].sort()).toEqual(['aktHead', 'aktofficer', 'orehead', 'oreofficer'].map((l) => l.toLowerCase()).sort());
    // The audit trail itself names no content: ids and levels only.
    const trail = JSON.stringify(await Promise.all([u.auditor, u.kzAuditor].map(async (a) => (await a.get(`/api/v1/audit?objectId=${r.id}&limit=500`)).body)));
    for (const secret of [ANSWER, BASIS, 'ответ-Тайнов.pdf', doc.json().items[0].sha256]) expect(trail).not.toContain(secret);
    const downloads = await u.officer.get(`/api/v1/attachments/${doc.json().items[0].id}`);
    expect(downloads.status).toBe(200);
    const download = (await u.auditor.get(`/api/v1/audit?action=attachment.download&objectId=${doc.json().items[0].id}`)).body.items[0];
    expect(download.after).toEqual({ itemId: r.id, role: 'outcome', confidentiality: 'restricted' });
  });

  it('A-9.1 every read of an «official use» answer is audited too', async () => {
    const r = await registered();
    await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'executed',
      text: 'Ответ для служебного пользования',
      confidentiality: 'official_use',
      version: r.version,
    });
    const seen = await u.ore2.get(`/api/v1/items/${r.id}`);
    expect(seen.body.outcome).toMatchObject({ text: 'Ответ для служебного пользования', contentVisible: true, confidentiality: 'official_use' });
    const reads = await audited(r.id);
    expect(reads.find((x) => x.actor.login === 'ore2')?.after).toEqual({ number: r.number, pieces: [{ piece: 'answer', level: 'official_use' }] });
    // An open item read is not: the log keeps what the law asks for.
    const open = await registered();
    await u.ore2.get(`/api/v1/items/${open.id}`);
    expect(await audited(open.id)).toEqual([]);
  });

  it('A-9.1 a restricted consultation message is read only by its readers; the thread says it exists, and reads are audited', async () => {
    const r = await registered({ confidentiality: 'official_use' });
    // A message without a level takes the request's; one with a level keeps it.
    const first = await u.aktHead.post(`/api/v1/items/${r.id}/consultation`, { body: 'Уточните период', version: r.version });
    const second = await u.aktHead.post(`/api/v1/items/${r.id}/messages`, {
      body: 'Сведения агентурного характера',
      proposedConditions: 'Не передавать третьим лицам',
      confidentiality: 'restricted',
      version: first.body.version,
    });
    expect(second.status).toBe(200);
    expect(second.body.conditions).toMatchObject({ status: 'proposed', confidentiality: 'restricted', contentVisible: true });
    const hidden = await u.ore2.get(`/api/v1/items/${r.id}/messages`);
    expect(hidden.body.items.map((m: any) => [m.confidentiality, m.contentVisible, m.body])).toEqual([
      ['official_use', true, 'Уточните период'],
      ['restricted', false, null],
    ]);
    expect(JSON.stringify(hidden.body)).not.toContain('третьим');
    const page = await u.ore2.get(`/api/v1/items/${r.id}`);
    expect(page.body.conditions).toEqual({ status: 'proposed', text: null, confidentiality: 'restricted', contentVisible: false });
    expect((await u.head.get(`/api/v1/items/${r.id}/messages`)).body.items[1].body).toBe('Сведения агентурного характера');
    const reads = await audited(r.id, 'item.messages_read');
    expect(reads.map((x) => [x.actor.login, x.after.pieces.map((p: { level: string }) => p.level)])).toEqual(
      expect.arrayContaining([
        ['ore2', ['official_use']],
        ['orehead', ['official_use', 'restricted']],
      ]),
    );
    // Notifications of the restricted message go to those who may read it, and never carry its text.
    expect(
      (await u.ore2.get('/api/v1/notifications?limit=500')).body.items.filter((n: any) => n.subjectId === r.id && n.kind === 'item.consultation'),
    ).toHaveLength(1);
    const mails = await ctx.database.db.select({ payload: outbox.payload }).from(outbox);
    expect(mails.length).toBeGreaterThan(0);
    expect(JSON.stringify(mails)).not.toMatch(/агентурного|третьим|Тайнов|Скрытов/);
  });

  it('A-9.1 the notification of a restricted answer reaches only those who may read it', async () => {
    const inbox = async (c: Client) =>
      (await c.get('/api/v1/notifications?limit=500')).body.items.filter((n: any) => n.subjectId === answered.id && n.kind === 'item.outcome');
    expect(await inbox(u.ore2)).toEqual([]);
    const [note] = await inbox(u.officer);
    expect(note.payload).toMatchObject({ number: formatNumber(answered), outcome: 'executed' });
    expect(JSON.stringify(note)).not.toContain('Тайнов');
  });

  it('A-9.2 the receiving side cannot set or change the level of a piece it did not provide: CONFIDENTIALITY_SET_BY_PROVIDER says why', async () => {
    const r = await registered({ confidentiality: 'official_use' });
    for (const level of ['open', 'restricted']) {
      const res = await u.aktHead.patch(`/api/v1/items/${r.id}`, { confidentiality: level, version: r.version });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CONFIDENTIALITY_SET_BY_PROVIDER');
      expect(res.body.message).toMatch(/Article 9\(2\)/);
    }
    // The provider itself cannot lower what it has sent.
    const sender = await u.officer.patch(`/api/v1/items/${r.id}`, { confidentiality: 'open', version: r.version });
    expect(sender.status).toBeGreaterThanOrEqual(400);
    expect(sender.body.code).not.toBe('CONFIDENTIALITY_SET_BY_PROVIDER');

    // An answer is never less protected than the request it answers.
    const openAnswer = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, {
      outcome: 'executed',
      text: 'Ответ',
      confidentiality: 'open',
      version: r.version,
    });
    expect(openAnswer.status).toBe(422);
    expect(openAnswer.body).toMatchObject({
      code: 'CONFIDENTIALITY_CANNOT_BE_LOWERED',
      details: { issues: [{ field: 'body.confidentiality', rule: 'confidentiality_below_piece' }] },
    });
    const answer = await u.aktHead.post(`/api/v1/items/${r.id}/outcome`, { outcome: 'executed', text: 'Ответ', version: r.version });
    expect(answer.body.outcome.confidentiality).toBe('official_use'); // by default the request's level
    const byRequester = await u.head.post(`/api/v1/items/${r.id}/confidentiality`, { piece: 'answer', confidentiality: 'open' });
    expect(byRequester.status).toBe(403);
    expect(byRequester.body.code).toBe('CONFIDENTIALITY_SET_BY_PROVIDER');
    const lowered = await u.aktHead.post(`/api/v1/items/${r.id}/confidentiality`, { piece: 'answer', confidentiality: 'open' });
    expect(lowered.status).toBe(422);
    expect(lowered.body.code).toBe('CONFIDENTIALITY_CANNOT_BE_LOWERED');
    const raised = await u.aktHead.post(`/api/v1/items/${r.id}/confidentiality`, { piece: 'answer', confidentiality: 'restricted' });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ highestConfidentiality: 'restricted', outcome: { confidentiality: 'restricted' } });
    expect((await u.ore2.get(`/api/v1/items/${r.id}`)).body.outcome.text).toBeNull();
    const timeline = await u.ore2.get(`/api/v1/items/${r.id}/timeline`);
    expect(timeline.body.items.at(-1)).toMatchObject({ action: 'confidentiality', details: { piece: 'answer', from: 'official_use', to: 'restricted' } });
  });

  it('A-9.2 a file is never less protected than the piece it belongs to; the other side cannot change its level', async () => {
    const d = await u.officer.post('/api/v1/items', { ...request, confidentiality: 'official_use' });
    const below = await upload(
      u.officer,
      `/api/v1/items/${d.body.id}/attachments?role=content&version=${d.body.version}&confidentiality=open`,
      'справка.pdf',
      PDF,
    );
    expect(below.statusCode).toBe(422);
    expect(below.json()).toMatchObject({
      code: 'CONFIDENTIALITY_CANNOT_BE_LOWERED',
      details: { issues: [{ field: 'querystring.confidentiality', rule: 'confidentiality_below_piece' }] },
    });
    const higher = await upload(
      u.officer,
      `/api/v1/items/${d.body.id}/attachments?role=content&version=${d.body.version}&confidentiality=restricted`,
      'план.pdf',
      PDF,
    );
    expect(higher.statusCode).toBe(200);
    expect(higher.json()).toMatchObject({
      confidentiality: 'official_use',
      highestConfidentiality: 'restricted',
      attachments: [{ fileName: 'план.pdf', confidentiality: 'restricted' }],
    });
    const fileId = higher.json().attachments[0].id;
    const s = await u.head.post(`/api/v1/items/${d.body.id}/sign`, { version: higher.json().version });
    const sent = await u.officer.post(`/api/v1/items/${d.body.id}/send`, { outgoingNumber: 'ф-1', outgoingDate: '2026-03-02', version: s.body.version });
    expect(sent.status).toBe(200);
    const byReceiver = await u.aktHead.post(`/api/v1/items/${d.body.id}/confidentiality`, {
      piece: 'attachment',
      pieceId: fileId,
      confidentiality: 'official_use',
    });
    expect(byReceiver.body.code).toBe('CONFIDENTIALITY_SET_BY_PROVIDER');
    const toBelow = await u.officer.post(`/api/v1/items/${d.body.id}/confidentiality`, { piece: 'attachment', pieceId: fileId, confidentiality: 'open' });
    expect(toBelow.status).toBe(422);
    // The unassigned officer of the requested office sees the request (official use) but not the restricted file.
    const seen = await u.akt2.get(`/api/v1/items/${d.body.id}`);
    expect(seen.body).toMatchObject({ contentVisible: true, attachments: [], hiddenAttachments: [{ role: 'content', confidentiality: 'restricted' }] });
    expect(JSON.stringify((await u.akt2.get(`/api/v1/items/${d.body.id}/timeline`)).body)).not.toContain('план.pdf');
  });

  it('A-9.2 the journal column and filter show the highest level an item carries', async () => {
    const r = await registered();
    const row = async (c: Client, box: string, extra = '') =>
      (await c.get(`/api/v1/items?box=${box}${extra}&limit=200`)).body.items.find((i: { id: string }) => i.id === r.id);
    expect((await row(u.officer, 'outgoing')).confidentiality).toBe('open');
    await u.aktHead.post(`/api/v1/items/${r.id}/consultation`, { body: 'Секретная часть переписки', confidentiality: 'restricted', version: r.version });
    for (const [c, box] of [
      [u.officer, 'outgoing'],
      [u.akt2, 'incoming'],
      [u.gumps, 'all'],
    ] as const) {
      expect((await row(c, box)).confidentiality).toBe('restricted');
      expect(await row(c, box, '&confidentiality=restricted')).toBeDefined();
      expect(await row(c, box, '&confidentiality=open')).toBeUndefined();
    }
    // The request itself stays open: its subject is shown in the journal to everyone who sees the item.
    expect((await row(u.akt2, 'incoming')).subject).toBe(request.subject);
  });
});
