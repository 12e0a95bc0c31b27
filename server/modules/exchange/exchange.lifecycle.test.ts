import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, replaySubject, storedSubject } from '../../kernel/index.ts';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { uploadFile } from '../../test/multipart.ts';
import { createPair, peerRequest, type Pair } from '../../test/pair.ts';

async function onePagePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage();
  return Buffer.from(await pdf.save());
}

/** Both nodes hold the subject's actions byte for byte, and each row replays from them. */
async function agree(pair: Pair, id: string): Promise<number> {
  const [ru, kz] = await Promise.all([actionsOf(pair.ru.database.db, id), actionsOf(pair.kz.database.db, id)]);
  expect(kz.map((a) => a.hash)).toEqual(ru.map((a) => a.hash));
  for (const node of [pair.ru, pair.kz]) expect(await replaySubject(node.database.db, 'item', id)).toEqual(await storedSubject(node.database.db, 'item', id));
  return ru.length;
}

const ok = (res: { status: number; body: { code?: string } }, status = 200) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as Record<string, any>;
};

describe(`exchange: the rest of a request's life across the nodes ${TAG}`, () => {
  let pair: Pair;
  let officer: Client;
  let head: Client;
  let akt: Client;
  let aktHead: Client;
  beforeAll(async () => {
    pair = await createPair();
    [officer, head] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreHead')]);
    [akt, aktHead] = await Promise.all([pair.kz.as('aktOfficer'), pair.kz.as('aktHead')]);
  });
  afterAll(async () => pair?.close());

  it('A-6.2b A-8.2 A-9.3 files, an authenticity hold, a partial refusal with its grounds, the answer’s file and a consent cross both ways; the bytes arrive intact', async () => {
    const pdf = await onePagePdf();
    let item = ok(await officer.post('/api/v1/items', peerRequest(1)), 201);
    const up = await uploadFile(
      pair.ru.app,
      officer,
      `/api/v1/items/${item.id}/attachments?role=content&version=${item.version}`,
      'Копия постановления.pdf',
      pdf,
    );
    expect(up.statusCode, up.body).toBeLessThan(300);
    item = ok(await officer.get(`/api/v1/items/${item.id}`));
    item = ok(await head.post(`/api/v1/items/${item.id}/sign`, { version: item.version }));
    item = ok(await officer.post(`/api/v1/items/${item.id}/send`, { outgoingNumber: '7-30', outgoingDate: '2026-03-02', version: item.version }));
    await pair.pump();
    // The content file is on the Kazakh node, verified against its hash.
    let kz = ok(await akt.get(`/api/v1/items/${item.id}`));
    const file = kz.attachments.find((a: { fileName: string }) => a.fileName === 'Копия постановления.pdf');
    const download = await pair.kz.app.inject({ method: 'GET', url: `/api/v1/attachments/${file.id}`, headers: { cookie: akt.cookie } });
    expect(download.statusCode).toBe(200);
    expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
    expect((await akt.get(`/api/v1/items/${item.id}/signature`)).body.status).toBe('valid');

    kz = ok(await akt.post(`/api/v1/items/${item.id}/register`, { incomingNumber: 'вх-30', incomingDate: '2026-03-02', version: kz.version }));
    kz = ok(await akt.post(`/api/v1/items/${item.id}/doubt-authenticity`, { reason: 'Исходящий номер не совпадает с журналом', version: kz.version }));
    await pair.pump();
    let ru = ok(await head.get(`/api/v1/items/${item.id}`));
    expect(ru.status).toBe('on_hold');
    expect((await officer.get('/api/v1/notifications')).body.items[0]).toMatchObject({ kind: 'item.on_hold', subjectId: item.id });
    ru = ok(await head.post(`/api/v1/items/${item.id}/confirm-authenticity`, { version: ru.version }));
    await pair.pump();
    kz = ok(await aktHead.get(`/api/v1/items/${item.id}`));
    expect(kz.status).toBe(ru.status);
    const executors = ok(await aktHead.get(`/api/v1/items/${item.id}/executors`));
    const executorId = executors.items.find((u: { fullName: string }) => u.fullName.startsWith('Серикбаев')).id;
    kz = ok(await aktHead.post(`/api/v1/items/${item.id}/assign`, { executorId, instruction: 'Исполнить', version: kz.version }));
    kz = ok(
      await aktHead.post(`/api/v1/items/${item.id}/outcome`, {
        outcome: 'partially_executed',
        refusalGrounds: ['security'],
        reason: 'Часть сведений составляет государственную тайну.',
        text: 'Сведения о двух лицах прилагаются.',
        legalBasisApplied: 'Закон Республики Казахстан «О прокуратуре»',
        version: kz.version,
      }),
    );
    const answerFile = await uploadFile(pair.kz.app, aktHead, `/api/v1/items/${item.id}/attachments?role=outcome&version=${kz.version}`, 'Справка.pdf', pdf);
    expect(answerFile.statusCode, answerFile.body).toBeLessThan(300);
    await pair.pump();
    ru = ok(await officer.get(`/api/v1/items/${item.id}`));
    expect(ru).toMatchObject({ status: 'partially_executed', outcome: { outcome: 'partially_executed', refusalGrounds: ['security'] } });
    expect(ru.attachments.map((a: { fileName: string }) => a.fileName)).toContain('Справка.pdf');
    // The refusal notice is produced on the Russian node from what arrived.
    const notice = await officer.get(`/api/v1/items/${item.id}/documents/refusal.docx?purpose=${encodeURIComponent(peerRequest(1).purpose)}`);
    expect(notice.status, JSON.stringify(notice.body)).toBe(200);

    // Orenburg asks Aktobe's consent to use the answer for another purpose; Aktobe decides on its node.
    const consent = ok(
      await officer.post(`/api/v1/items/${item.id}/consents`, {
        purpose: 'Использование в уголовном деле № 45',
        justification: 'Сведения нужны для расследования',
      }),
      201,
    );
    await pair.pump();
    ok(await aktHead.post(`/api/v1/consents/${consent.id}/decision`, { decision: 'granted', note: 'согласие дано' }));
    await pair.pump();
    expect((await officer.get(`/api/v1/items/${item.id}/consents`)).body.items[0]).toMatchObject({ status: 'granted', providerOffice: { code: 'KZ-AKT' } });
    expect(await agree(pair, item.id)).toBeGreaterThan(10);
  });

  it('A-6.2a an oral request reaches Aktobe at once and its written confirmation follows', async () => {
    let item = ok(await officer.post('/api/v1/items', peerRequest(2)), 201);
    item = ok(
      await officer.post(`/api/v1/items/${item.id}/send-oral`, {
        oralAt: '2026-03-02T04:30:00Z',
        channel: 'phone',
        spokenBy: 'Исполнителева А.С.',
        spokenTo: 'Серикбаев Н.Е.',
        version: item.version,
      }),
    );
    await pair.pump();
    const kz = ok(await akt.get(`/api/v1/items/${item.id}`));
    expect(kz).toMatchObject({ status: 'sent', mode: 'oral' });
    item = ok(await head.post(`/api/v1/items/${item.id}/confirm-in-writing`, { outgoingNumber: '7-уст-1', outgoingDate: '2026-03-02', version: item.version }));
    await pair.pump();
    expect((await akt.get('/api/v1/notifications')).body.items[0]).toMatchObject({ kind: 'item.oral_confirmed', subjectId: item.id });
    await agree(pair, item.id);
  });
});
