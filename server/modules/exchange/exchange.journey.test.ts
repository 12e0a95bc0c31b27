import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ANSWER_DAYS, answerDeadline } from '../../../domain/deadlines.ts';
import { ENVELOPE_TYPE, RECEIPT_TYPE, signJws, verifyJws, type ActionEnvelope, type Receipt, type Rejection } from './exchange.envelope.ts';
import { receive } from './exchange.inbox.ts';
import { signingKeys } from './exchange.keys.ts';
import { actionHash, actionsOf, replaySubject, storedSubject, verifySubject } from '../../kernel/index.ts';
import { TAG, type Client } from '../../test/build-test-app.ts';
import { drugRequest } from '../../test/fixtures.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';

const payloadOf = (jws: string) => JSON.parse(Buffer.from(JSON.parse(jws).payload, 'base64url').toString('utf8')) as unknown;
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
    // Three messages out; one back: Aktobe's node records the receipt (the answer's term runs from it).
    expect(await pair.pump()).toBe(4);
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
    expect(await expectSameRecord(pair, id)).toBe(4);
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
    expect(await expectSameRecord(pair, id)).toBe(9);
  });
});

describe(`exchange: a term that runs from receipt runs from the signed receipt ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair();
  });
  afterAll(async () => pair?.close());

  it('A-8.2 a request that waited three days for the link is due thirty days after Aktobe’s node received it, on both nodes', async () => {
    pair.link.down = true;
    const id = await sendRequest(pair, 1);
    const sentHere = (await (await pair.ru.as('oreOfficer')).get(`/api/v1/items/${id}`)).body;
    // Counted from sending while nothing has arrived: 2 March + 30 days.
    expect(sentHere.answerDue).toMatchObject({ start: '2026-03-02', lastDay: '2026-04-01' });
    pair.advance(3 * 86_400_000);
    pair.link.down = false;
    await pair.pump();
    // The signed receipt of the sending message names the time the Kazakh node received it…
    const send = (await repo.outboxOfSubject(pair.ru.database.db, id)).find((m) => m.seq === 3)!;
    const kzPeer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    const receipt = await verifyJws<Receipt>(send.receipt!, kzPeer.keys, RECEIPT_TYPE);
    expect(receipt.ok).toBe(true);
    const receivedAt = receipt.ok ? receipt.value.payload.receivedAt : '';
    // …and that is the time of the receipt action both nodes hold, from which the term runs in Aktobe's zone.
    const [last] = (await actionsOf(pair.ru.database.db, id)).slice(-1);
    expect(last).toMatchObject({ kind: 'receipt', seq: 4, actorUserId: null });
    expect(last!.at.toISOString()).toBe(receivedAt);
    const expected = answerDeadline(new Date(receivedAt), DEFAULT_ANSWER_DAYS, 'Asia/Aqtobe');
    expect(expected.start).toBe('2026-03-05');
    for (const [node, user] of [
      [pair.kz, 'aktOfficer'],
      [pair.ru, 'oreOfficer'],
    ] as const) {
      const item = (await (await node.as(user)).get(`/api/v1/items/${id}`)).body;
      expect(item.answerDue).toMatchObject({ start: '2026-03-05', lastDay: expected.lastDay, dueAt: expected.dueAt.toISOString() });
    }
    expect(await expectSameRecord(pair, id)).toBe(4);
  });

  it('security: a peer’s receipt action that changes anything but the term is refused', async () => {
    const id = await sendRequest(pair, 2);
    await pair.pump();
    const [receipt] = (await actionsOf(pair.kz.database.db, id)).slice(-1);
    expect(receipt!.kind).toBe('receipt');
    const forged = {
      ...receipt!,
      id: '01900000-0000-7000-8000-00000000f001',
      seq: 5,
      prevHash: receipt!.hash,
      changes: { ...receipt!.changes, status: 'executed' },
    };
    forged.hash = actionHash(forged.prevHash, forged);
    const env: ActionEnvelope = {
      ...(payloadOf((await repo.outboxOfSubject(pair.kz.database.db, id))[0]!.envelope) as ActionEnvelope),
      messageId: forged.id,
      stream: { from: 'kz-node', to: 'ru-node', index: 999 },
      subject: { type: 'item', id, seq: 5, prevHash: forged.prevHash, hash: forged.hash },
      action: JSON.parse(JSON.stringify(forged)),
    };
    const jws = await pair.kz.database.db.transaction(async (tx) => signJws(env, await signingKeys(pair.kz.deps, tx), pair.kz.deps.signer, ENVELOPE_TYPE).jws);
    const answer = await receive(pair.ru.deps, jws);
    const v = await verifyJws<Rejection>(answer.body, (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!.keys, RECEIPT_TYPE);
    expect(v.ok && v.value.payload).toMatchObject({ type: 'rejection', code: 'ACTION_NOT_ALLOWED', detail: 'receipt' });
    expect((await actionsOf(pair.ru.database.db, id)).length).toBe(4);
  });
});
