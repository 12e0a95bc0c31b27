import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEIPT_TYPE, verifyJws, type Receipt } from './exchange.envelope.ts';
import { actionsOf, replaySubject, storedSubject, verifySubject } from '../../kernel/index.ts';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { drugRequest } from '../../test/fixtures.ts';
import { createPair, type Pair } from '../../test/pair.ts';
import * as repo from './exchange.repository.ts';

/** Both nodes hold the same signed facts of the subject: the same actions, byte for byte, and rows that replay from them. */
async function expectSameRecord(pair: Pair, id: string) {
  const [ru, kz] = await Promise.all([actionsOf(pair.ru.database.db, id), actionsOf(pair.kz.database.db, id)]);
  expect(kz.map((a) => a.hash)).toEqual(ru.map((a) => a.hash));
  expect(await verifySubject(pair.ru.database.db, id)).toBeNull();
  expect(await verifySubject(pair.kz.database.db, id)).toBeNull();
  for (const node of [pair.ru, pair.kz]) expect(await replaySubject(node.database.db, 'item', id)).toEqual(await storedSubject(node.database.db, 'item', id));
  return ru.length;
}

describe(`exchange: a request's life between a Russian and a Kazakh node ${TAG}`, () => {
  let pair: Pair;
  let officer: Client;
  let deputy: Client;
  let head: Client;
  let akt: Client;
  let aktHead: Client;
  let id: string;
  let version: number;
  beforeAll(async () => {
    pair = await createPair();
    [officer, deputy, head] = await Promise.all([pair.ru.as('oreOfficer'), pair.ru.as('oreDeputy'), pair.ru.as('oreHead')]);
    [akt, aktHead] = await Promise.all([pair.kz.as('aktOfficer'), pair.kz.as('aktHead')]);
  });
  afterAll(async () => pair?.close());

  it('A-5.1 a draft stays on the Russian node; the sent request reaches the Kazakh node signed, with a signed receipt', async () => {
    const draft = await officer.post('/api/v1/items', drugRequest);
    expect(draft.status).toBe(201);
    id = draft.body.id;
    const signed = await deputy.post(`/api/v1/items/${id}/sign`, { version: draft.body.version });
    expect(signed.body.status).toBe('signed');
    expect(await pair.pump()).toBe(0);
    expect((await akt.get(`/api/v1/items/${id}`)).status).toBe(404);
    const sent = await officer.post(`/api/v1/items/${id}/send`, { outgoingNumber: '7-12-2026', outgoingDate: '2026-03-02', version: signed.body.version });
    expect(sent.body).toMatchObject({ status: 'sent' });
    // Queued in the sending transaction: the whole log of the subject (create, sign, send).
    const queued = await officer.get(`/api/v1/items/${id}/delivery`);
    expect(queued.body.items.map((m: { seq: number; state: string }) => [m.seq, m.state])).toEqual([
      [1, 'queued'],
      [2, 'queued'],
      [3, 'queued'],
    ]);
    expect(await pair.pump()).toBe(3);
    const delivered = await officer.get(`/api/v1/items/${id}/delivery`);
    expect(delivered.body.items.every((m: { state: string; receivedAt: string | null }) => m.state === 'delivered' && m.receivedAt)).toBe(true);
    // Each receipt is signed by the Kazakh node and names the message and its content hash.
    const kzPeer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    for (const m of await repo.outboxOfSubject(pair.ru.database.db, id)) {
      const v = await verifyJws<Receipt>(m.receipt!, kzPeer.keys, RECEIPT_TYPE);
      expect(v.ok && v.value.payload).toMatchObject({
        type: 'receipt',
        messageId: m.messageId,
        payloadHash: m.payloadHash,
        status: 'applied',
        node: 'kz-node',
      });
    }
    const seen = await akt.get(`/api/v1/items/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'sent', fromOffice: { code: 'RU-ORE' }, side: 'receiver' });
    expect(seen.body.availableActions).toContain('register');
    const bell = await akt.get('/api/v1/notifications');
    expect(bell.body.items[0]).toMatchObject({ kind: 'item.received', subjectId: id });
    // The signature made on the Russian node verifies on the Kazakh node (the signer's key travelled with it).
    expect((await akt.get(`/api/v1/items/${id}/signature`)).body).toMatchObject({ status: 'valid', signer: { fullName: 'Заместителев Антон Павлович' } });
    version = seen.body.version;
    expect(await expectSameRecord(pair, id)).toBe(3);
  });

  it('O-3.3 Aktobe registers it with its own number; the registration comes back to Orenburg as a signed fact', async () => {
    const reg = await akt.post(`/api/v1/items/${id}/register`, { incomingNumber: 'вх-2026/315', incomingDate: '2026-03-02', version });
    expect(reg.body).toMatchObject({ status: 'registered' });
    expect(await pair.pump()).toBe(1);
    const back = await officer.get(`/api/v1/items/${id}`);
    expect(back.body).toMatchObject({ status: 'registered', registration: { incomingNumber: 'вх-2026/315', outgoingNumber: '7-12-2026' } });
    version = back.body.version;
  });

  it('A-7.2 consultation with conditions crosses both ways; the outcome reaches Orenburg and both records agree', async () => {
    const open = await akt.post(`/api/v1/items/${id}/consultation`, {
      body: 'Сведения могут быть предоставлены при условии их использования только в рамках проверки.',
      proposedConditions: 'Использовать сведения только в рамках проверки № 12-45',
      version,
    });
    expect(open.status).toBe(200);
    await pair.pump();
    const ru = await head.get(`/api/v1/items/${id}`);
    expect(ru.body).toMatchObject({ status: 'consultation', conditions: { status: 'proposed' } });
    const thread = await officer.get(`/api/v1/items/${id}/messages`);
    expect(thread.body.items[0]).toMatchObject({ side: 'receiver', officeCode: 'KZ-AKT' });
    const accepted = await head.post(`/api/v1/items/${id}/conditions/accept`, { note: 'Согласны', version: ru.body.version });
    expect(accepted.status).toBe(200);
    await pair.pump();
    const kz = await akt.get(`/api/v1/items/${id}`);
    expect(kz.body.conditions.status).toBe('accepted');
    const closed = await akt.post(`/api/v1/items/${id}/consultation/close`, { version: kz.body.version });
    const outcome = await aktHead.post(`/api/v1/items/${id}/outcome`, {
      outcome: 'executed',
      text: 'Сведения о 4 задержанных лицах прилагаются.',
      legalBasisApplied: 'Закон Республики Казахстан «О прокуратуре»',
      confidentiality: 'official_use',
      version: closed.body.version,
    });
    expect(outcome.status).toBe(200);
    await pair.pump();
    const done = await officer.get(`/api/v1/items/${id}`);
    expect(done.body).toMatchObject({ status: 'executed', outcome: { outcome: 'executed', text: 'Сведения о 4 задержанных лицах прилагаются.' } });
    const notes = await officer.get('/api/v1/notifications');
    expect(notes.body.items[0]).toMatchObject({ kind: 'item.outcome', subjectId: id });
    expect(await expectSameRecord(pair, id)).toBe(8);
  });
});
