import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHash, actionsOf, verifySubject } from '../../kernel/index.ts';
import { TAG } from '../../test/build-test-app.ts';
import { createPair, sendRequest, type Pair } from '../../test/pair.ts';
import { ENVELOPE_TYPE, RECEIPT_TYPE, signJws, verifyJws, type ActionEnvelope, type Receipt, type Rejection } from './exchange.envelope.ts';
import { signingKeys } from './exchange.keys.ts';
import * as repo from './exchange.repository.ts';
import { receive } from './exchange.inbox.ts';

const payloadOf = (jws: string) => JSON.parse(Buffer.from(JSON.parse(jws).payload, 'base64url').toString('utf8'));

async function sameRecords(pair: Pair, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const [ru, kz] = await Promise.all([actionsOf(pair.ru.database.db, id), actionsOf(pair.kz.database.db, id)]);
    expect(kz.map((a) => a.hash)).toEqual(ru.map((a) => a.hash));
    expect(await verifySubject(pair.kz.database.db, id)).toBeNull();
  }
}

describe(`exchange: faults on the link ${TAG}`, () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await createPair();
  });
  afterAll(async () => pair?.close());

  it('A-5.1 a duplicate or a replayed message gets the same signed receipt back and is never applied twice', async () => {
    const id = await sendRequest(pair, 1);
    // Create, sign and send out; the Kazakh node's receipt of it back.
    expect(await pair.pump()).toBe(4);
    const before = (await actionsOf(pair.kz.database.db, id)).length;
    const sent = pair.link.recorded.filter((r) => r.req.path === '/exchange/v1/messages');
    const first = (await repo.outboxOfSubject(pair.ru.database.db, id))[0]!;
    const replayed = await pair.link.replay(pair.link.recorded.indexOf(sent[0]!));
    expect(replayed.status).toBe(200);
    expect(replayed.body).toBe(first.receipt);
    expect((await actionsOf(pair.kz.database.db, id)).length).toBe(before);
  });

  it('security: the same message id with other content is refused with a signed rejection and raises an alert', async () => {
    const id = await sendRequest(pair, 2);
    await pair.pump();
    const original = (await repo.outboxOfSubject(pair.ru.database.db, id))[2]!;
    const forged = payloadOf(original.envelope) as ActionEnvelope;
    forged.confidentiality = 'open';
    const jws = await pair.ru.database.db.transaction(
      async (tx) => signJws(forged, await signingKeys(pair.ru.deps, tx), pair.ru.deps.signer, ENVELOPE_TYPE).jws,
    );
    const answer = await receive(pair.kz.deps, jws);
    const kzPeer = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    const v = await verifyJws<Rejection>(answer.body, kzPeer.keys, RECEIPT_TYPE);
    expect(v.ok && v.value.payload).toMatchObject({ type: 'rejection', code: 'MESSAGE_ID_REUSED', messageId: original.messageId });
    const alerts = await repo.openAlerts(pair.kz.database.db);
    expect(alerts.some((a) => a.kind === 'message_id_reused' && a.messageId === original.messageId)).toBe(true);
  });

  it('security: a message whose signature does not verify is refused unsigned and stored nowhere; the relay delivers it intact later', async () => {
    const id = await sendRequest(pair, 3);
    pair.link.rates = { corrupt: 1 };
    await pair.pump(1);
    expect(await actionsOf(pair.kz.database.db, id)).toEqual([]);
    expect((await repo.openAlerts(pair.kz.database.db)).some((a) => a.kind === 'bad_signature')).toBe(true);
    pair.link.rates = {};
    await pair.pump();
    await sameRecords(pair, [id]);
  });

  it('A-9.2 the peer may not act for this node’s side: an action of a Russian office signed by the Kazakh node is refused', async () => {
    const id = await sendRequest(pair, 4);
    await pair.pump();
    const send = (await repo.outboxOfSubject(pair.ru.database.db, id))[2]!;
    const env = payloadOf(send.envelope) as ActionEnvelope;
    // The Kazakh node claims a next action of the Russian sender (a withdrawal), chained correctly.
    const last = (await actionsOf(pair.kz.database.db, id)).at(-1)!;
    const fake: Record<string, unknown> = {
      ...env.action,
      id: '01900000-0000-7000-8000-000000000001',
      seq: last.seq + 1,
      kind: 'withdraw',
      prevHash: last.hash,
    };
    fake.hash = actionHash(last.hash, { ...fake, at: new Date(String(fake.at)) } as never);
    const forged: ActionEnvelope = {
      ...env,
      messageId: fake.id as string,
      stream: { from: 'kz-node', to: 'ru-node', index: 999 },
      subject: { ...env.subject, seq: last.seq + 1, prevHash: last.hash, hash: fake.hash as string },
      action: fake,
    };
    const jws = await pair.kz.database.db.transaction(
      async (tx) => signJws(forged, await signingKeys(pair.kz.deps, tx), pair.kz.deps.signer, ENVELOPE_TYPE).jws,
    );
    const answer = await receive(pair.ru.deps, jws);
    const ruPeer = (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!;
    const v = await verifyJws<Rejection>(answer.body, ruPeer.keys, RECEIPT_TYPE);
    expect(v.ok && v.value.payload).toMatchObject({ type: 'rejection', code: 'ACTION_NOT_ALLOWED' });
    expect((await actionsOf(pair.ru.database.db, id)).length).toBe(last.seq);
  });

  it('a later action that arrives first is held, its gap asked for, and both apply in order', async () => {
    const id = await sendRequest(pair, 5);
    const queued = await repo.outboxOfSubject(pair.ru.database.db, id);
    // The third message (send) arrives alone: stored with a signed receipt «held», not applied.
    const answer = await receive(pair.kz.deps, queued[2]!.envelope);
    const ruKeys = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!.keys;
    const v = await verifyJws<Receipt>(answer.body, ruKeys, RECEIPT_TYPE);
    expect(v.ok && v.value.payload.status).toBe('held');
    expect(await actionsOf(pair.kz.database.db, id)).toEqual([]);
    await pair.pump();
    await sameRecords(pair, [id]);
    expect((await repo.inboxStats(pair.kz.database.db, (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!.id)).held).toBe(0);
  });

  it('A-5.1 three days offline with actions queued on both sides: alerts escalate, nothing is lost or applied twice, records agree', async () => {
    const akt = await pair.kz.as('aktOfficer');
    const delivered = await sendRequest(pair, 6);
    await pair.pump();
    pair.link.down = true;
    const ids: string[] = [];
    for (let n = 10; n < 22; n++) ids.push(await sendRequest(pair, n));
    const seen = await akt.get(`/api/v1/items/${delivered}`);
    const reg = await akt.post(`/api/v1/items/${delivered}/register`, { incomingNumber: 'вх-6', incomingDate: '2026-03-02', version: seen.body.version });
    expect(reg.body.status).toBe('registered');
    await pair.pump(3);
    for (let day = 0; day < 3; day++) {
      pair.advance(24 * 3600_000);
      await pair.pump(2);
    }
    const alerts = (await repo.openAlerts(pair.ru.database.db, 1000)).filter((a) => a.kind === 'undelivered');
    expect(new Set(alerts.map((a) => (a.details as { hours: number }).hours))).toEqual(new Set([1, 24, 72]));
    pair.link.down = false;
    await pair.pump();
    await sameRecords(pair, [...ids, delivered]);
    const ruPeerOnKz = (await repo.findPeer(pair.kz.database.db, { nodeId: 'ru-node' }))!;
    const kzPeerOnRu = (await repo.findPeer(pair.ru.database.db, { nodeId: 'kz-node' }))!;
    expect((await repo.outboxStats(pair.ru.database.db, kzPeerOnRu.id)).queued).toBe(0);
    expect((await repo.outboxStats(pair.kz.database.db, ruPeerOnKz.id)).queued).toBe(0);
    const registered = await (await pair.ru.as('oreOfficer')).get(`/api/v1/items/${delivered}`);
    expect(registered.body.registration.incomingNumber).toBe('вх-6');
  });

  it('random drops, duplicates, reorderings and cut connections: after healing both nodes hold the same facts, none twice', async () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const faulty = await createPair({ random });
    try {
      faulty.link.rates = { drop: 0.2, duplicate: 0.2, delay: 0.15, cut: 0.15 };
      const ids: string[] = [];
      for (let n = 0; n < 8; n++) ids.push(await sendRequest(faulty, 100 + n));
      await faulty.pump(30);
      faulty.link.rates = {};
      await faulty.link.flushDelayed();
      await faulty.pump();
      await sameRecords(faulty, ids);
      const injected = Object.values(faulty.link.stats.faults).reduce((a, b) => a + b, 0);
      expect(injected).toBeGreaterThan(5);
      const ruPeer = (await repo.findPeer(faulty.kz.database.db, { nodeId: 'ru-node' }))!;
      const inbox = await repo.inboxStats(faulty.kz.database.db, ruPeer.id);
      expect(inbox.applied).toBe(ids.length * 3);
      if (process.env.EXCHANGE_STATS) console.log(JSON.stringify({ ...faulty.link.stats, applied: inbox.applied }));
    } finally {
      await faulty.close();
    }
  });
});
